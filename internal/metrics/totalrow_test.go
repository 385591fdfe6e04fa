package metrics_test

import (
	"math"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// TestTotalRowDisagrees: a published 合计 row that disagrees with its own
// rows is a warning naming the cell, what it states and what the rows
// give; the figures come from the rows. total_row: refuse makes it an
// error.
func TestTotalRowDisagrees(t *testing.T) {
	def, q1, q2 := onlineSample(t)
	q2.Total.Values["全程网办率"] = cellOf(0.4678+0.0002, "K13")
	res, err := metrics.Compute(def, q2, q1)
	if err != nil {
		t.Fatalf("a wrong 合计 row stopped Compute: %v", err)
	}
	want := `2024Q2.xlsx 统计表!K13: 警告：合计行的全程网办率按各单位计算为 46.78%（各单位四级/事项总数合计）（实际为 "46.80%"）。通报采用按各单位计算的数`
	if len(res.Warnings) != 1 || res.Warnings[0].String() != want {
		t.Fatalf("warnings:\n%v\nwant:\n%s", res.Warnings, want)
	}
	if ind, _ := res.Ind("FullOnline"); math.Abs(ind.Total.V-0.4678) > 0.00005 {
		t.Errorf("FullOnline total = %v, want the rows' 0.4678", ind.Total.V)
	}

	def.TotalRow = report.TotalRowRefuse
	ps := problems(t, def, q2, q1)
	if len(ps) != 1 || ps[0].Severity != report.Error || !strings.Contains(ps[0].String(), "total_row: refuse") {
		t.Fatalf("with total_row: refuse, problems = %v", ps)
	}
}

// TestTotalRowCheck: a definition check that fails on the 合计 row only is
// a warning naming the row's cell.
func TestTotalRowCheck(t *testing.T) {
	def, q1, q2 := onlineSample(t)
	v := q2.Total.Values["一级"]
	v.Num++
	q2.Total.Values["一级"] = v
	res, err := metrics.Compute(def, q2, q1)
	if err != nil {
		t.Fatalf("a wrong 合计 row stopped Compute: %v", err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].String(), "合计行：各深度级别事项数之和应等于事项总数") ||
		res.Warnings[0].Cell == "" {
		t.Fatalf("warnings = %v", res.Warnings)
	}
}
