package metrics_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
)

func TestSmoke(t *testing.T) {
	def, q3, q2 := sample(t)
	r, err := metrics.Compute(def, q3, q2)
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range r.Indicators {
		t.Logf("%s %s total=%+v prev=%+v delta=%+v method=%s full=%d zero=%d na=%d below=%v", ind.ID, ind.Name, ind.Total, ind.PrevTotal, ind.Delta, ind.TotalMethod, ind.AtFull, ind.AtZero, ind.NACount, ind.Below)
	}
	t.Log(r.NewUnits, r.GoneUnits, r.Warnings)
	for _, rk := range r.Rankings {
		for _, row := range rk.Rows {
			t.Logf("%s %d %v %s %v change=%d prev=%d new=%v", rk.ID, row.Rank, row.Tied, row.Unit, row.Value, row.Change, row.PrevRank, row.New)
		}
	}
}
