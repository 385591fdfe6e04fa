package metrics_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// groups renders Below as "3:A,B 2:C" for comparison.
func groups(gs []metrics.Group) string {
	s := ""
	for _, g := range gs {
		if s != "" {
			s += " "
		}
		s += fmt.Sprint(g.Value.V) + ":"
		for i, u := range g.Units {
			if i > 0 {
				s += ","
			}
			s += u
		}
	}
	return s
}

// TestBelowTargetGrouped: in 2022Q2 nine units had unclaimed catalogue
// items; grouped by how many, largest first, so that the template can write
// 县公安局、县林业局各3项未梳理….
func TestBelowTargetGrouped(t *testing.T) {
	def, _, q2 := sample(t)
	r, err := metrics.Compute(def, q2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.HasPrev || len(r.NewUnits) != 0 {
		t.Errorf("no previous period: HasPrev %v, NewUnits %v", r.HasPrev, r.NewUnits)
	}
	ci := ind(t, r, "ClaimRate")
	want := "3:县公安局,县林业局 2:县自然资源局,县应急管理局,县城管局 1:交通运输和旅游,县水利局,文化旅游广电体育,县卫生健康局"
	if got := groups(ci.Below); got != want {
		t.Errorf("Below =\n %s\nwant\n %s", got, want)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"BelowUnit", ci.BelowUnit, "item"},
		{"NotMet", ci.NotMet, 9},
		{"Met", ci.Met, 13},
		{"AtFull", ci.AtFull, 13},
		{"NACount", ci.NACount, 1}, // 县发改局 0/0
		{"NA", ci.NA, []string{"县发改局"}},
		{"Short of 县林业局", ci.Of("县林业局").Target.Short.V, 3.0},
		{"Gap of 县林业局", ci.Of("县林业局").Target.Gap, 0.25}, // 9/12
		{"Target of 县发改局", ci.Of("县发改局").Target == nil, true},
		{"Delta without prev", ci.Delta.Has, false},
		{"TargetAll", ci.TargetAll.V, 1.0},
		{"no TargetAll", ind(t, r, "Officers").TargetAll.NA, true},
	}
	for _, tt := range tests {
		if fmt.Sprint(tt.got) != fmt.Sprint(tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestGroupTargets gives the coverage rate per-department targets of 35%,
// 40% and 50% as in reference 003 and checks how many matters each
// department is short: ⌈target × 本级事项总数 − 覆盖本级事项条数⌉.
func TestGroupTargets(t *testing.T) {
	def, q3, _ := sample(t)
	all := 0.35
	def.Indicator("CoverageRate").Target = &report.Target{
		All: &all,
		Groups: []report.TargetGroup{
			{Value: 0.5, Units: []string{"县市场监督管理局", "交通运输和旅游"}},
		},
		Units: map[string]float64{"县公安局": 0.4},
	}
	r, err := metrics.Compute(def, q3, nil)
	if err != nil {
		t.Fatal(err)
	}
	cr := ind(t, r, "CoverageRate")
	// By hand: 文化旅游广电体育 0.35×173−14 = 46.55 → 47; 县市场监督管理局
	// 0.5×198−60 = 39; 交通运输和旅游 0.5×63−5 = 26.5 → 27; 县水利局
	// 0.35×27−1 = 8.45 → 9; 县卫生健康局 0.35×35−4 = 8.25 → 9; 县公安局
	// 0.4×42−11 = 5.8 → 6; 县自然资源局 0.35×19−1 = 5.65 → 6; 县城管局
	// 0.35×12−1 = 3.2 → 4; 县应急管理局 0.35×14−3 = 1.9 → 2; 县林业局
	// 0.35×12−3 = 1.2 → 2; 县司法局 0.35×11−3 = 0.85 → 1; 县财政局
	// 0.35×5−1 = 0.75 → 1.
	want := "47:文化旅游广电体育 39:县市场监督管理局 27:交通运输和旅游 9:县水利局,县卫生健康局 6:县公安局,县自然资源局 4:县城管局 2:县应急管理局,县林业局 1:县司法局,县财政局"
	if got := groups(cr.Below); got != want {
		t.Errorf("Below =\n %s\nwant\n %s", got, want)
	}
	if cr.Met != 11 || cr.NotMet != 12 {
		t.Errorf("Met %d, NotMet %d; want 11, 12", cr.Met, cr.NotMet)
	}
	u, _ := r.Unit("县公安局")
	if tg := u.Targets["CoverageRate"]; tg == nil || tg.Value != 0.4 || tg.Met || tg.Short.V != 6 {
		t.Errorf("县公安局 target = %+v, want 40%%, 6 short", tg)
	}
	if tg := u.Targets["CoverageRate"]; !near(tg.Gap, 0.4-11.0/42) {
		t.Errorf("县公安局 gap = %v, want %v", tg.Gap, 0.4-11.0/42)
	}
}

// TestScoreRules applies the deduction rules of reference 003: 0.1 point
// per matter below the coverage target and 0.5 per enforcement officer not
// on the platform.
func TestScoreRules(t *testing.T) {
	def, q3, _ := sample(t)
	all, one, zero := 0.35, 1.0, 0.0
	def.Indicator("CoverageRate").Target = &report.Target{All: &all}
	def.Indicator("OfficerRate").Target = &report.Target{All: &one}
	def.Indicator("OfficerRate").PartsUnit = "person"
	def.Scoring = &report.Scoring{Base: 100, Min: &zero, Rules: []report.Rule{
		{Name: "覆盖率未达标", Indicator: "CoverageRate", Of: "short", Per: 0.1},
		{Name: "执法人员未入驻", Indicator: "OfficerRate", Of: "short", Per: 0.5},
	}}
	r, err := metrics.Compute(def, q3, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		unit  string
		score float64
	}{
		{"县司法局", 99.9},   // 1 matter short; 3/3 officers
		{"县财政局", 60.4},   // 1 matter; 81−2 = 79 officers × 0.5 = 39.5
		{"县公安局", 13.6},   // 0.35×42−11 = 3.7 → 4 matters; 182−10 = 172 officers → 86
		{"县自然资源局", 0},    // 6 matters; 266 officers → 133 points: floored at 0
		{"县发改局", 100},    // 5/5 and 7/7
		{"县科技工信局", 99},   // 3−1 = 2 officers → 1 point
		{"县市场监督管理局", 32}, // 0.35×198−60 = 9.3 → 10 → 1; 257−123 = 134 officers → 67
	}
	for _, tt := range tests {
		u, _ := r.Unit(tt.unit)
		if u.Score == nil || !near(*u.Score, tt.score) {
			t.Errorf("%s score = %v, want %v (deductions %+v)", tt.unit, u.Score, tt.score, u.Deductions)
		}
		if !near(u.Values["score"].V, tt.score) {
			t.Errorf("%s Values[score] = %v, want %v", tt.unit, u.Values["score"], tt.score)
		}
	}
	u, _ := r.Unit("县财政局")
	want := []metrics.Deduction{{Rule: "覆盖率未达标", Amount: 1, Points: 0.1}, {Rule: "执法人员未入驻", Amount: 79, Points: 39.5}}
	if len(u.Deductions) != 2 || u.Deductions[0].Rule != want[0].Rule || !near(u.Deductions[1].Points, 39.5) || u.Deductions[1].Amount != 79 {
		t.Errorf("县财政局 deductions = %+v, want %+v", u.Deductions, want)
	}
	if ind(t, r, "OfficerRate").BelowUnit != "person" {
		t.Errorf("OfficerRate BelowUnit = %q, want person", ind(t, r, "OfficerRate").BelowUnit)
	}
}

// TestCounts checks units at 100%, at zero and not applicable.
func TestCounts(t *testing.T) {
	r := compute(t)
	tests := []struct {
		id                string
		full, zero, na    int
		fullNames, zeroNm []string
	}{
		{"CoverageRate", 3, 0, 0, []string{"县发改局", "县科技工信局", "县商务和粮食局"}, nil},
		{"ClaimRate", 22, 0, 1, nil, nil},
		{"Activity", 0, 10, 0, nil, []string{"县科技工信局", "县民政局", "县司法局", "县财政局", "县人社局", "县自然资源局", "文化旅游广电体育", "县应急管理局", "委统一战线工作", "县城管局"}},
		{"RiskFeedback", 2, 0, 21, []string{"县卫生健康局", "县应急管理局"}, nil},
		{"Collected", 0, 11, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			in := ind(t, r, tt.id)
			if in.AtFull != tt.full || in.AtZero != tt.zero || in.NACount != tt.na {
				t.Errorf("AtFull %d AtZero %d NACount %d; want %d %d %d", in.AtFull, in.AtZero, in.NACount, tt.full, tt.zero, tt.na)
			}
			if tt.fullNames != nil && !slices.Equal(in.Full, tt.fullNames) {
				t.Errorf("Full = %v, want %v", in.Full, tt.fullNames)
			}
			if tt.zeroNm != nil && !slices.Equal(in.Zero, tt.zeroNm) {
				t.Errorf("Zero = %v, want %v", in.Zero, tt.zeroNm)
			}
		})
	}
}

// TestTopBottom: ties with the n-th unit are included.
func TestTopBottom(t *testing.T) {
	r := compute(t)
	names := func(uvs []*metrics.UnitValue) []string {
		var out []string
		for _, uv := range uvs {
			out = append(out, uv.Unit)
		}
		return out
	}
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"top 2 coverage, 3 tied at 100%", names(ind(t, r, "CoverageRate").Top(2)), []string{"县发改局", "县科技工信局", "县商务和粮食局"}},
		{"top 4 coverage", names(ind(t, r, "CoverageRate").Top(4)), []string{"县发改局", "县科技工信局", "县商务和粮食局", "委统一战线工作"}},
		{"bottom 2 coverage", names(ind(t, r, "CoverageRate").Bottom(2)), []string{"县水利局", "县自然资源局"}},
		{"top 1 officers", names(ind(t, r, "Officers").Top(1)), []string{"县自然资源局"}},
		{"bottom 1 unclaimed (fewer is better: all 0 tie)", names(ind(t, r, "Unclaimed").Bottom(1))[:1], []string{"县发改局"}},
		{"top 0", names(ind(t, r, "Officers").Top(0)), nil},
		{"RiskFeedback skips not applicable", names(ind(t, r, "RiskFeedback").Bottom(5)), []string{"县卫生健康局", "县应急管理局"}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestTargetWarnings: a target naming a department the sheet does not have
// (misspelt, renamed, gone) is a warning, not a stop.
func TestTargetWarnings(t *testing.T) {
	def, q3, q2 := sample(t)
	def.Indicator("CoverageRate").Target = &report.Target{
		Units:  map[string]float64{"县扶贫办": 0.5},
		Groups: []report.TargetGroup{{Value: 0.4, Units: []string{"县公安局", "县市场监管局"}}},
	}
	r, err := metrics.Compute(def, q3, q2)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"指标 CoverageRate 的目标中列出的单位“县市场监管局”不在本期数据中",
		"指标 CoverageRate 的目标中列出的单位“县扶贫办”不在本期数据中",
	}
	if len(r.Warnings) != len(want) {
		t.Fatalf("warnings:\n%v\nwant %q", r.Warnings, want)
	}
	for i, w := range want {
		if !strings.Contains(r.Warnings[i].String(), "警告："+w) {
			t.Errorf("warning %d = %s, want %s", i, r.Warnings[i], w)
		}
	}
	// Units not named have no target at all.
	if ind(t, r, "CoverageRate").Of("县教育局").Target != nil {
		t.Error("县教育局 has no target, yet got one")
	}
}
