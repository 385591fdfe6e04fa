package snapshot_test

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/sample"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// reportDir is the bundled sample report, whose data folder holds the
// real 2022Q3 export and the synthetic 2022Q2 one.
var reportDir = filepath.Join("..", "..", "reports", "hengyang-county")

func fixture(period string) string { return filepath.Join(reportDir, "data", period+".xlsx") }

// loadDef loads the bundled report definition with the cross-checks that
// the tests exercise (part_of, ratio) switched on.
func loadDef(t testing.TB) *report.Definition {
	t.Helper()
	def, err := report.Load(reportDir)
	if err != nil {
		t.Fatal(err)
	}
	set := func(id string, f func(c *report.Column)) {
		if c := def.Column(id); c != nil {
			f(c)
		}
	}
	set("已认领", func(c *report.Column) { c.PartOf = "目录可认领数" })
	set("覆盖本级事项条数", func(c *report.Column) { c.PartOf = "本级事项总数" })
	set("目录完成率", func(c *report.Column) { c.Ratio = []string{"已认领", "目录可认领数"} })
	set("覆盖率", func(c *report.Column) { c.Ratio = []string{"覆盖本级事项条数", "本级事项总数"} })
	set("执法人员率", func(c *report.Column) { c.Ratio = []string{"执法人员率分子", "执法人员率分母"} })
	if ps := def.Validate(); ps.Err() != nil {
		t.Fatal(ps.Err())
	}
	return def
}

type row struct {
	name   string
	values []string
}

// published is the per-department table published with the notice of
// 2022-11-04 (internal/sample.Q3), columns in the order of report.yaml.
func published(t testing.TB) []row {
	var rows []row
	for _, r := range sample.Rows(sample.Q3) {
		if len(r.Cells) != 19 {
			t.Fatalf("published table: %d figures for %s", len(r.Cells), r.Unit)
		}
		rows = append(rows, row{name: r.Unit, values: r.Cells})
	}
	return rows
}

// want converts a published figure to what the importer must give: "/"
// is NA, "99.81%" is 0.9981, "7" is 7.
func want(t testing.TB, s string) snapshot.Value {
	if s == "/" {
		return snapshot.Value{NA: true}
	}
	p, pct := strings.CutSuffix(s, "%")
	n, err := strconv.ParseFloat(p, 64)
	if err != nil {
		t.Fatalf("published figure %q: %v", s, err)
	}
	if pct {
		n /= 100
	}
	return snapshot.Value{Num: n}
}

// sameFigure compares values as published figures: NA with NA, numbers
// to within float rounding of the division above.
func sameFigure(got, want snapshot.Value) bool {
	if got.NA || want.NA {
		return got.NA == want.NA
	}
	return math.Abs(got.Num-want.Num) <= 1e-12
}

// assertPublished checks every cell of every unit against the published
// table.
func assertPublished(t *testing.T, def *report.Definition, snap *snapshot.Snapshot) {
	t.Helper()
	rows := published(t)
	if len(snap.Units) != len(rows) {
		t.Fatalf("got %d units, want %d", len(snap.Units), len(rows))
	}
	for i, r := range rows {
		u := snap.Units[i]
		if u.Name != r.name {
			t.Errorf("unit %d: got %q, want %q", i, u.Name, r.name)
			continue
		}
		if got := u.Values[def.UnitColumn.Header].Text; got != r.name {
			t.Errorf("%s: unit value %q", r.name, got)
		}
		for j, c := range def.Columns {
			got, ok := u.Values[c.ID]
			if !ok {
				t.Errorf("%s: no value for %s", r.name, c.ID)
				continue
			}
			if w := want(t, r.values[j]); !sameFigure(got, w) {
				t.Errorf("%s %s (%s): got %+v, want %s", r.name, c.ID, got.Cell, got, r.values[j])
			}
		}
	}
}
