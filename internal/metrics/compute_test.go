package metrics_test

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	fixture "github.com/bulletin-gov/bulletin/internal/sample"
)

func compute(t *testing.T) *metrics.Result {
	t.Helper()
	def, q3, q2 := sample(t)
	r, err := metrics.Compute(def, q3, q2)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func ind(t *testing.T, r *metrics.Result, id string) *metrics.Indicator {
	t.Helper()
	i, err := r.Ind(id)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestTotals checks the area totals of 2022Q3 and 2022Q2 against sums
// worked out by hand from the tables (the reference notice's table for Q3).
func TestTotals(t *testing.T) {
	r := compute(t)
	tests := []struct {
		id          string
		total, prev float64 // NaN: not applicable
		method      string
	}{
		// 749 items claimable in Q3 (747 in Q2: 县档案局's 6 gone, 县扶贫办's 4 in).
		{"Claimable", 749, 747, "sum"},
		{"Claimed", 749, 731, "sum"},
		// Ratio of sums: Σ已认领 / Σ目录可认领数, not a mean of the rates.
		{"ClaimRate", 1, 731.0 / 747, "parts"},
		{"Unclaimed", 0, 16, "parts"},
		{"Officers", 1703, 1707, "sum"},
		{"Collected", 150, 247, "sum"},
		{"Covered", 206, 142, "sum"},
		{"Matters", 790, 788, "sum"},
		{"CoverageRate", 206.0 / 790, 142.0 / 788, "parts"},
		{"OfficerRate", 298.0 / 1703, 265.0 / 1707, "parts"},
		{"Registered", 1512, 1463, "sum"},
		{"Pending", 0, 0, "sum"},
		// Rate columns without parts: report.yaml asks for the plain
		// mean of the units (every unit at 100% both quarters) ...
		{"ImplRate", 1, 1, "mean"},
		// ... or the mean weighted by 用户注册数: Σ(活跃度×注册数)/Σ注册数
		// = 114.2088/1512 in Q3 and 114.1177/1463 in Q2.
		{"Activity", 114.2088 / 1512, 114.1177 / 1463, "weighted"},
		// A score has no area total.
		{"score", math.NaN(), math.NaN(), "none"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			ind := ind(t, r, tt.id)
			check := func(what string, got metrics.Value, want float64) {
				if math.IsNaN(want) {
					if !got.NA {
						t.Errorf("%s = %v, want not applicable", what, got.V)
					}
					return
				}
				if got.NA || !near(got.V, want) {
					t.Errorf("%s = %+v, want %v", what, got, want)
				}
			}
			check("Total", ind.Total, tt.total)
			check("PrevTotal", ind.PrevTotal, tt.prev)
			if ind.TotalMethod != tt.method {
				t.Errorf("TotalMethod = %q, want %q", ind.TotalMethod, tt.method)
			}
		})
	}
}

// TestTotalDeltas checks the area-wide change as the notice states it:
// displayed value minus displayed value.
func TestTotalDeltas(t *testing.T) {
	r := compute(t)
	tests := []struct {
		id        string
		abs       float64
		direction string
	}{
		{"CoverageRate", 0.0806, metrics.Improved}, // 26.08% − 18.02%
		{"OfficerRate", 0.0198, metrics.Improved},  // 17.50% − 15.52%
		{"ClaimRate", 0.0214, metrics.Improved},    // 100.00% − 97.86%
		{"Officers", -4, metrics.Declined},
		{"Registered", 49, metrics.Improved},
		{"Unclaimed", -16, metrics.Improved}, // fewer is better
		{"Pending", 0, metrics.Unchanged},
		{"Activity", -0.0025, metrics.Declined}, // 7.55% − 7.80%
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			d := ind(t, r, tt.id).Delta
			if !d.Has || !near(d.Abs, tt.abs) || d.Direction != tt.direction {
				t.Errorf("Delta = %+v, want Abs %v %s", d, tt.abs, tt.direction)
			}
		})
	}
	if d := ind(t, r, "score").Delta; d.Has {
		t.Errorf("score has no total, yet Delta = %+v", d)
	}
}

// TestUnitDeltas checks hand-picked changes of single units.
func TestUnitDeltas(t *testing.T) {
	r := compute(t)
	tests := []struct {
		unit, id  string
		abs       float64
		direction string
	}{
		{"县公安局", "ClaimRate", 0.0909, metrics.Improved},    // 90.91% → 100%
		{"县林业局", "Activity", -0.0824, metrics.Declined},    // 100% → 91.76%
		{"县发改局", "Collected", -17, metrics.Declined},       // 18 → 1
		{"县住建局", "CoverageRate", 0.2405, metrics.Improved}, // 21/79 → 40/79
		{"县教育局", "OfficerRate", 0.2222, metrics.Improved},  // 7/9 → 9/9
		{"县自然资源局", "Unclaimed", -2, metrics.Improved},      // 2 → 0, fewer is better
		{"县财政局", "Registered", 6, metrics.Improved},        // 74 → 80
		{"县人社局", "CoverageRate", 0, metrics.Unchanged},     // 80% → 80%
		{"县公安局", "Activity", 0.0001, metrics.Improved},     // 76.07% → 76.08%
		{"县公安局", "score", 0.3, metrics.Improved},           // 99.7 → 100
		{"委统一战线工作", "Activity", -0.1583, metrics.Declined}, // 15.83% → 0
	}
	for _, tt := range tests {
		t.Run(tt.unit+"/"+tt.id, func(t *testing.T) {
			u, err := r.Unit(tt.unit)
			if err != nil {
				t.Fatal(err)
			}
			d := u.Deltas[tt.id]
			if !d.Has || !near(d.Abs, tt.abs) || d.Direction != tt.direction {
				t.Errorf("Delta = %+v, want Abs %v %s", d, tt.abs, tt.direction)
			}
			if uv := ind(t, r, tt.id).Of(tt.unit); uv == nil || uv.Delta != d {
				t.Errorf("Indicator.Of(%s).Delta = %+v, want the unit's %+v", tt.unit, uv, d)
			}
		})
	}
	u, _ := r.Unit("县发改局")
	if d := u.Deltas["ClaimRate"]; d.Has {
		t.Errorf("县发改局 ClaimRate is 0/0 in both periods, yet Delta = %+v", d)
	}
}

// TestNewAndGoneUnits: 县档案局 is new in 2022Q3, 县扶贫办 gone.
func TestNewAndGoneUnits(t *testing.T) {
	r := compute(t)
	if !slices.Equal(r.NewUnits, []string{"县档案局"}) || !slices.Equal(r.GoneUnits, []string{"县扶贫办"}) {
		t.Fatalf("NewUnits %v, GoneUnits %v; want [县档案局], [县扶贫办]", r.NewUnits, r.GoneUnits)
	}
	u, err := r.Unit("县档案局")
	if err != nil {
		t.Fatal(err)
	}
	if !u.New || u.Prev != nil || len(u.Deltas) != 0 {
		t.Errorf("县档案局: New %v, Prev %v, Deltas %v; want new with no comparison", u.New, u.Prev, u.Deltas)
	}
	if uv := ind(t, r, "CoverageRate").Of("县档案局"); !uv.New || !uv.Prev.NA || uv.Delta.Has {
		t.Errorf("CoverageRate of 县档案局 = %+v, want new, no previous value", uv)
	}
	if _, err := r.Unit("县扶贫办"); err == nil {
		t.Error("县扶贫办 is gone, yet Result.Unit finds it")
	}
	if len(r.Units) != 23 {
		t.Errorf("%d units, want 23", len(r.Units))
	}
}

// TestEveryDelta checks the change of every indicator for every unit
// against figures read straight from the two tables.
func TestEveryDelta(t *testing.T) {
	def, _, _ := sample(t)
	r := compute(t)
	cur, prev := parseTable(t, def.Columns, fixture.Q3), parseTable(t, def.Columns, fixture.Q2)
	// How each indicator of the sample is made from the sheet, worked
	// out independently of the definition's compiler.
	col := func(c string) func(map[string]float64) float64 {
		return func(m map[string]float64) float64 { return m[c] }
	}
	ratio := func(a, b string) func(map[string]float64) float64 {
		return func(m map[string]float64) float64 { return m[a] / m[b] }
	}
	formulas := map[string]func(map[string]float64) float64{
		"ClaimRate": ratio("已认领", "目录可认领数"), "Claimable": col("目录可认领数"), "Claimed": col("已认领"),
		"Unclaimed": func(m map[string]float64) float64 { return m["目录可认领数"] - m["已认领"] },
		"ImplRate":  col("实施清单完成率"), "Pending": col("待完善"), "Detail": col("详实度"),
		"Officers": col("执法人员数"), "Collected": col("本月增量汇聚数"), "Timeliness": col("上报及时率"),
		"Covered": col("覆盖本级事项条数"), "Matters": col("本级事项总数"),
		"CoverageRate": ratio("覆盖本级事项条数", "本级事项总数"), "OfficerRate": ratio("执法人员率分子", "执法人员率分母"),
		"Accuracy": col("数据准确率"), "Registered": col("用户注册数"), "Activity": col("用户活跃度"),
		"RiskFeedback": col("风险线索反馈率"),
		"score": func(m map[string]float64) float64 {
			return 100 - 0.1*(m["目录可认领数"]-m["已认领"]) - 0.1*m["待完善"]
		},
	}
	n := 0
	for _, in := range r.Indicators {
		f := formulas[in.ID]
		if f == nil {
			t.Fatalf("no hand formula for %s", in.ID)
		}
		for _, u := range r.Units {
			c, p := cur[u.Name], prev[u.Name]
			want := metrics.Delta{}
			if p != nil {
				a, b := f(c), f(p)
				if !math.IsNaN(a) && !math.IsNaN(b) && !math.IsInf(a, 0) && !math.IsInf(b, 0) {
					want = wantDelta(in, a, b)
				}
			}
			got := u.Deltas[in.ID]
			if got.Has != want.Has || !near(got.Abs, want.Abs) || got.Direction != want.Direction {
				t.Errorf("%s %s: Delta = %+v, want %+v", u.Name, in.ID, got, want)
			}
			n++
		}
	}
	if n != 19*23 {
		t.Errorf("checked %d changes, want %d", n, 19*23)
	}
}

func wantDelta(in *metrics.Indicator, cur, prev float64) metrics.Delta {
	scale := math.Pow10(in.Precision)
	if in.Percent {
		scale *= 100
	}
	k := math.Round(cur*scale) - math.Round(prev*scale)
	d := metrics.Delta{Has: true, Abs: k / scale, Direction: metrics.Unchanged}
	switch {
	case k > 0 && in.Better != "lower", k < 0 && in.Better == "lower":
		d.Direction = metrics.Improved
	case k != 0:
		d.Direction = metrics.Declined
	}
	return d
}

// parseTable reads a literal table into unit → column → number; "/" is NaN.
func parseTable(t *testing.T, cols []report.Column, table string) map[string]map[string]float64 {
	t.Helper()
	out := map[string]map[string]float64{}
	for _, line := range strings.Split(strings.TrimSpace(table), "\n") {
		f := strings.Split(line, "\t")
		m := map[string]float64{}
		for i, c := range cols {
			s := f[i+1]
			switch {
			case s == "/":
				m[c.ID] = math.NaN()
			case strings.HasSuffix(s, "%"):
				v, _ := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
				m[c.ID] = v / 100
			default:
				v, _ := strconv.ParseFloat(s, 64)
				m[c.ID] = v
			}
		}
		out[f[0]] = m
	}
	return out
}
