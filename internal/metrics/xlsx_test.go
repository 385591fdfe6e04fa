package metrics_test

import (
	"math"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// TestFixturesMatchWorkbooks checks that the literal tables these tests use
// are what the importer reads from the bundled workbooks: same units, rows,
// cells and values, 合计 rows included. It is skipped while the importer is
// not built yet (the packages are written in parallel).
func TestFixturesMatchWorkbooks(t *testing.T) {
	def, q3, q2 := sample(t)
	odef, o1, o2 := onlineSample(t)
	tests := []struct {
		path string
		want *snapshot.Snapshot
		def  *report.Definition
	}{
		{"../../reports/hengyang-county/data/2022Q3.xlsx", q3, def},
		{"../../reports/hengyang-county/data/2022Q2.xlsx", q2, def},
		{"../../reports/online-service/data/2024Q1.xlsx", o1, odef},
		{"../../reports/online-service/data/2024Q2.xlsx", o2, odef},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := snapshot.ReadFile(tt.path, tt.def)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Units) != len(tt.want.Units) {
				t.Fatalf("%d units, want %d", len(got.Units), len(tt.want.Units))
			}
			same := func(name string, a, b snapshot.Unit) {
				if a.Name != b.Name || a.Row != b.Row {
					t.Errorf("%s: %s row %d, want %s row %d", name, a.Name, a.Row, b.Name, b.Row)
				}
				for k, w := range b.Values {
					g := a.Values[k]
					if g.NA != w.NA || math.Abs(g.Num-w.Num) > 1e-12 || g.Cell != w.Cell {
						t.Errorf("%s %s: %+v, want %+v", b.Name, k, g, w)
					}
				}
			}
			for i := range tt.want.Units {
				same("unit", got.Units[i], tt.want.Units[i])
			}
			if (got.Total == nil) != (tt.want.Total == nil) {
				t.Fatalf("合计 row: got %v, want %v", got.Total != nil, tt.want.Total != nil)
			}
			if got.Total != nil {
				same("合计", *got.Total, *tt.want.Total)
			}
		})
	}
}
