package snapshot_test

import (
	"errors"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// FuzzRead feeds mutated workbooks and CSV files to the importer: whatever
// the bytes, it returns a snapshot or report.Problems, never panics, and a
// snapshot it returns has a name for every unit.
func FuzzRead(f *testing.F) {
	def := loadDef(f)
	m := readModel(f, fixture("2022Q3"))
	f.Add("2022Q3.xlsx", mustRead(f, fixture("2022Q3")))
	f.Add("2022Q2.xlsx", mustRead(f, fixture("2022Q2")))
	f.Add("export.csv", writeCSV(f, m, "utf8"))
	f.Add("export.csv", writeCSV(f, m, "gb18030"))
	f.Add("x.csv", []byte("单位,执法人员数\n县发改局,7\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		snap, err := snapshot.Read(name, data, def)
		if err != nil {
			var ps report.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %T %v: want report.Problems", err, err)
			}
			return
		}
		for _, u := range snap.Units {
			if u.Name == "" {
				t.Fatalf("unit without a name at row %d", u.Row)
			}
		}
	})
}
