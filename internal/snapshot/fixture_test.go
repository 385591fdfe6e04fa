package snapshot_test

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
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

// published2022Q3 is the per-department table published with the notice
// of 2022-11-04 (shared/reference/000_3c8a4118b5dc7cb7.txt, the table at
// its end), columns in the order of report.yaml after 序号 and 单位.
const published2022Q3 = `
786	县发改局	0	0	/	100%	0	100%	7	1	23.20%	5	5	100%	7	7	100%	86.21%	8	22.50%	/
787	县教育局	9	9	100%	100%	0	100%	9	2	3.95%	5	9	55.56%	9	9	100%	100%	13	83.08%	/
788	县科技工信局	2	2	100%	100%	0	100%	3	0	2.67%	2	2	100%	1	3	33.33%	100%	4	0	/
789	县公安局	33	33	100%	100%	0	100%	182	13	5.31%	11	42	26.19%	10	182	5.49%	95.45%	51	76.08%	/
790	县民政局	3	3	100%	100%	0	100%	4	1	7.19%	3	4	75.00%	4	4	100%	100%	5	0	/
791	县司法局	11	11	100%	100%	0	100%	3	0	0.89%	3	11	27.27%	3	3	100%	100%	5	0	/
792	县财政局	5	5	100%	100%	0	100%	81	0	1.28%	1	5	20.00%	2	81	2.47%	100%	80	0	/
793	县人社局	5	5	100%	100%	0	100%	40	19	13.14%	4	5	80.00%	3	40	7.50%	100%	45	0	/
794	县自然资源局	19	19	100%	100%	0	100%	269	2	0.97%	1	19	5.26%	3	269	1.12%	100%	274	0	/
795	县住建局	79	79	100%	100%	0	100%	123	1	1.00%	40	79	50.00%	34	123	27.64%	100%	129	0.47%	/
796	交通运输和旅游	63	63	100%	100%	0	100%	171	0	2.60%	5	63	7.94%	24	171	14.04%	100%	172	3.14%	/
797	县水利局	27	27	100%	100%	0	100%	33	0	1.42%	1	27	3.70%	16	33	48.48%	100%	34	3.53%	/
798	县农业农村局	39	39	100%	100%	0	100%	94	10	0.75%	21	50	42.00%	10	94	10.64%	95.31%	95	2.53%	/
799	县商务和粮食局	1	1	100%	100%	0	100%	15	0	4.76%	1	1	100%	3	15	20.00%	100%	3	40.00%	/
800	文化旅游广电体育	174	174	100%	100%	0	100%	14	3	0.97%	14	173	8.09%	9	14	64.29%	100%	15	0	/
801	县卫生健康局	35	35	100%	100%	0	100%	37	2	3.03%	4	35	11.43%	6	37	16.22%	100%	38	0.53%	100%
802	县应急管理局	14	14	100%	100%	0	100%	107	1	52.94%	3	14	21.43%	1	107	0.93%	100%	28	0	100%
803	县林业局	12	12	100%	100%	0	100%	16	0	0.51%	3	12	25.00%	12	16	75.00%	100%	17	91.76%	/
804	县市场监督管理局	182	182	100%	100%	0	100%	257	95	1.33%	60	198	30.30%	123	257	47.86%	100%	258	7.75%	/
805	县医疗保障局	2	2	100%	100%	0	100%	70	0	0.94%	1	2	50.00%	7	70	10.00%	100%	66	21.82%	/
806	县档案局	6	6	100%	100%	0	100%	2	0	4.96%	4	6	66.67%	2	2	100%	100%	3	60.00%	/
807	委统一战线工作	16	16	100%	100%	0	100%	1	0	0.70%	13	16	81.25%	1	1	100%	100%	4	0	/
808	县城管局	12	12	100%	100%	0	100%	165	0	1.17%	1	12	8.33%	8	165	4.85%	100%	165	0	/
`

type row struct {
	name   string
	values []string
}

func published(t testing.TB) []row {
	var rows []row
	for _, line := range strings.Split(strings.TrimSpace(published2022Q3), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 21 {
			t.Fatalf("published table: %d fields in %q", len(f), line)
		}
		rows = append(rows, row{name: f[1], values: f[2:]})
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
