package metrics_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// FuzzExpr: whatever an office writes as an expression, Compute answers
// with figures or problems, never a panic. The seeds run in the normal
// suite; fuzz with go test -fuzz FuzzExpr ./internal/metrics.
func FuzzExpr(f *testing.F) {
	for _, s := range []string{
		"(三级+四级)/合计", "1 - 承诺时限/法定时限", "三级 / 0", "max(三级, 四级)", "三级 ** 2",
		"合计 > 0 ? 三级 : 四级", "\"text\"", "三级.x", "[三级]", "1", "", "三级 +", "len(三级)", "合计 % 0",
	} {
		f.Add(s, 3.0, 4.0, 7.0)
	}
	f.Fuzz(func(t *testing.T, e string, a, b, c float64) {
		def := &report.Definition{
			Columns: []report.Column{{ID: "三级", Kind: report.Count}, {ID: "四级", Kind: report.Count}, {ID: "合计", Kind: report.Number}},
			Indicators: []report.Indicator{
				{ID: "X", Name: "x", Expr: e, Target: &report.Target{All: &a}},
				{ID: "Y", Name: "y", Expr: "X * 2", Total: "mean"},
			},
			Rankings: []report.Ranking{{ID: "r", By: "X"}, {ID: "s", By: "Y", Order: "asc"}},
			Scoring:  &report.Scoring{Base: 100, Rules: []report.Rule{{Indicator: "X", Per: 0.1, Of: "short"}}},
		}
		s := &snapshot.Snapshot{Units: []snapshot.Unit{
			{Name: "甲", Values: map[string]snapshot.Value{"三级": {Num: a}, "四级": {Num: b}, "合计": {Num: c}}},
			{Name: "乙", Values: map[string]snapshot.Value{"三级": {NA: true}, "四级": {Num: b}, "合计": {Num: 0}}},
		}}
		r, err := metrics.Compute(def, s, s)
		if err == nil && len(r.Units) != 2 {
			t.Fatalf("%d units", len(r.Units))
		}
	})
}
