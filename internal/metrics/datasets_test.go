package metrics_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// Join holds the further datasets by id and lists every ranking in the
// order report.yaml declares them, whichever dataset computed it.
func TestJoin(t *testing.T) {
	def := &report.Definition{Rankings: []report.Ranking{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
	first := &metrics.Result{Dataset: "x", Rankings: []*metrics.Ranking{{ID: "a"}, {ID: "c"}}}
	if got := metrics.Join(def, first, nil); got != first || got.Datasets != nil {
		t.Errorf("no others: %+v", got)
	}
	other := &metrics.Result{Dataset: "y", Rankings: []*metrics.Ranking{{ID: "b"}},
		Warnings: report.Problems{{Msg: "w"}}}
	res := metrics.Join(def, first, []*metrics.Result{other})
	if res.Datasets["y"] != other || len(res.Datasets) != 1 {
		t.Errorf("Datasets = %v", res.Datasets)
	}
	var ids string
	for _, r := range res.Rankings {
		ids += r.ID
	}
	if ids != "abc" || len(res.Warnings) != 1 {
		t.Errorf("rankings %q, warnings %v", ids, res.Warnings)
	}
}
