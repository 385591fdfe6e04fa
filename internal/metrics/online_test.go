package metrics_test

import (
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
)

// The online-service report (made-up figures) uses expr indicators, a
// stated rate, identity checks and a score: nothing in Go is specific to it.

func computeOnline(t *testing.T) *metrics.Result {
	t.Helper()
	def, q1, q2 := onlineSample(t)
	r, err := metrics.Compute(def, q2, q1)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestOnlineTotals(t *testing.T) {
	r := computeOnline(t)
	tests := []struct {
		id          string
		total, prev float64
		abs         float64
		direction   string
	}{
		// (Σ三级 + Σ四级) / Σ事项总数: (247+254)/543 and (250+234)/550;
		// 92.27% − 88.00%.
		{"DepthRate", 501.0 / 543, 484.0 / 550, 0.0427, metrics.Improved},
		// Σ四级 / Σ事项总数, equal to the sheets' 合计 rows 46.78%, 42.55%.
		{"FullOnline", 254.0 / 543, 234.0 / 550, 0.0423, metrics.Improved},
		// 1 − Σ承诺时限 / Σ法定时限: 56.13% − 53.22%.
		{"Compression", 1 - 5321.0/12130, 1 - 5730.0/12250, 0.0291, metrics.Improved},
		{"Matters", 543, 550, -7, metrics.Declined},
		{"Instant", 188, 174, 14, metrics.Improved},
		{"Level1", 6, 15, -9, metrics.Improved}, // fewer is better
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			in := ind(t, r, tt.id)
			if !near(in.Total.V, tt.total) || !near(in.PrevTotal.V, tt.prev) {
				t.Errorf("Total %v, PrevTotal %v; want %v, %v", in.Total.V, in.PrevTotal.V, tt.total, tt.prev)
			}
			if !near(in.Delta.Abs, tt.abs) || in.Delta.Direction != tt.direction {
				t.Errorf("Delta %+v, want %v %s", in.Delta, tt.abs, tt.direction)
			}
		})
	}
	if r.NewUnits[0] != "县医疗保障局" || r.GoneUnits[0] != "县民政局" {
		t.Errorf("new %v gone %v", r.NewUnits, r.GoneUnits)
	}
}

func TestOnlineFindings(t *testing.T) {
	def, q1, _ := onlineSample(t)
	r := computeOnline(t)
	// Gaps to 90%, in percentage points as displayed: 90 − 81.82,
	// 90 − 86.11, 90 − 87.50, 90 − 88.46, 90 − 88.89.
	want := "0.0818:县自然资源局 0.0389:县住建局 0.025:县发改局 0.0154:县教育局 0.0111:县医疗保障局"
	if got := groups(ind(t, r, "DepthRate").Below); got != want {
		t.Errorf("DepthRate Below = %s, want %s", got, want)
	}
	if bu := ind(t, r, "DepthRate").BelowUnit; bu != "percent" {
		t.Errorf("DepthRate BelowUnit = %s, want percent", bu)
	}
	// 2024Q1 alone: three offices one matter short of their 全程网办率
	// target (30%: 0.3×30−8, 0.3×55−16 → 1, 0.3×70−20).
	r1, err := metrics.Compute(def, q1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := groups(ind(t, r1, "FullOnline").Below); got != "1:县民政局,县自然资源局,县住建局" {
		t.Errorf("2024Q1 FullOnline Below = %s", got)
	}
	// And their depth ranks: 80% three times shares 4th place.
	rk, _ := r1.Ranking("depth")
	for _, u := range []string{"县发改局", "县教育局", "县住建局"} {
		if rw := row(t, rk, u); rw.Rank != 4 || !rw.Tied {
			t.Errorf("2024Q1 %s: %+v, want 4th 并列", u, rw)
		}
	}
	if rw := row(t, rk, "县自然资源局"); rw.Rank != 7 || rw.Tied {
		t.Errorf("2024Q1 县自然资源局: %+v, want 7th", rw)
	}
}

// TestOnlineScores: 0.5 per matter short of the 全程网办率 target, 0.2 per
// percentage point short of 50% compression (at most 5), 0.1 per level-1
// matter.
func TestOnlineScores(t *testing.T) {
	r := computeOnline(t)
	rk, _ := r.Ranking("score")
	tests := []struct {
		unit             string
		score            float64
		rank             int
		tied             bool
		prevRank, change int
	}{
		// 2024Q2: only level-1 matters cost points. 2024Q1 by hand:
		// 公安 人社 市场 100; 发改 99.8; 住建 0.5+0.4 → 99.1; 民政
		// 0.5+1+0.3 → 98.2; 教育 2+0.1 → 97.9; 自然资源 0.5+2+0.5 → 97.
		{"县教育局", 100, 1, true, 7, 6},
		{"县公安局", 100, 1, true, 1, 0},
		{"县医疗保障局", 100, 1, true, 0, 0},
		{"县发改局", 99.9, 6, false, 4, -2},
		{"县住建局", 99.8, 7, false, 5, -2},
		{"县自然资源局", 99.7, 8, false, 8, 0},
	}
	for _, tt := range tests {
		rw := row(t, rk, tt.unit)
		if !near(rw.Value.V, tt.score) || rw.Rank != tt.rank || rw.Tied != tt.tied || rw.PrevRank != tt.prevRank || rw.Change != tt.change {
			t.Errorf("%s: %+v, want score %v rank %d tied %v prev %d change %d", tt.unit, rw, tt.score, tt.rank, tt.tied, tt.prevRank, tt.change)
		}
	}
	if !row(t, rk, "县医疗保障局").New {
		t.Error("县医疗保障局 should be 新增")
	}
	// Previous scores are kept for comparisons.
	u, _ := r.Unit("县教育局")
	if !near(u.Prev["score"].V, 97.9) || !near(u.Deltas["score"].Abs, 2.1) {
		t.Errorf("县教育局 prev score %v delta %+v, want 97.9, +2.1", u.Prev["score"], u.Deltas["score"])
	}
	if s := ind(t, r, "score"); s.Name != "考核得分" || s.Unit != "point" || s.Precision != 1 {
		t.Errorf("score indicator = %+v", s)
	}
}

func TestOnlineConsistency(t *testing.T) {
	tests := []struct {
		name string
		edit func(q2 *onlineSnaps)
		want string
	}{
		{"as shipped", func(*onlineSnaps) {}, ""},
		{"levels do not add up", func(s *onlineSnaps) { set(s.q2, "县教育局", "一级", 1) },
			"2024Q2.xlsx 统计表!C6: 县教育局：各深度级别事项数之和应等于事项总数（实际为 \"事项总数=26，一级=1，二级=3，三级=13，四级=10\"）"},
		{"promised longer than statutory", func(s *onlineSnaps) { set(s.q2, "县公安局", "承诺时限", 2500) },
			"县公安局：承诺时限不应长于法定时限"},
		{"stated rate disagrees", func(s *onlineSnaps) { set(s.q2, "县住建局", "全程网办率", 0.3) },
			"统计表!K10: 县住建局的全程网办率应为 33.33%（按四级/事项总数计算）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, q1, q2 := onlineSample(t)
			tt.edit(&onlineSnaps{q1, q2})
			ps := problems(t, def, q2, q1)
			if tt.want == "" {
				if ps != nil {
					t.Fatalf("problems:\n%v", ps)
				}
				return
			}
			// An edited unit also breaks the 合计 row; the first
			// problem is the unit's.
			if len(ps) == 0 || !strings.Contains(ps[0].String(), tt.want) {
				t.Fatalf("problems:\n%v\nwant first one containing %s", ps, tt.want)
			}
		})
	}
}
