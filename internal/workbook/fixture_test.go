package workbook_test

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// q3Table is the per-department table of the real 2022Q3 notice
// (/work/shared/reference/000_3c8a4118b5dc7cb7.txt, the table at its end,
// also reports/hengyang-county/data/2022Q3.xlsx): 序号, 单位, then the 19
// columns of report.yaml's columns: in order.
const q3Table = `
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

// q3Unit is one department of q3Table: the published text of each column
// (by column id) and its parsed value.
type q3Unit struct {
	name string
	text map[string]string
	val  map[string]metrics.Value
}

// sampleDef loads the bundled sample definition.
func sampleDef(t testing.TB) *report.Definition {
	t.Helper()
	def, err := report.Load("../../reports/hengyang-county")
	if err != nil {
		t.Fatal(err)
	}
	return def
}

func parseQ3(t testing.TB, def *report.Definition) []q3Unit {
	t.Helper()
	var us []q3Unit
	for _, line := range strings.Split(strings.TrimSpace(q3Table), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 2+len(def.Columns) {
			t.Fatalf("q3Table row %q: %d fields, want %d", f[1], len(f), 2+len(def.Columns))
		}
		u := q3Unit{name: f[1], text: map[string]string{}, val: map[string]metrics.Value{}}
		for i, c := range def.Columns {
			s := f[2+i]
			u.text[c.ID] = s
			u.val[c.ID] = parseFigure(t, s)
		}
		us = append(us, u)
	}
	return us
}

// parseFigure reads a published figure: "/" is not applicable, "23.20%"
// a fraction.
func parseFigure(t testing.TB, s string) metrics.Value {
	if s == "/" {
		return metrics.Value{NA: true}
	}
	scale := 1.0
	if strings.HasSuffix(s, "%") {
		s, scale = strings.TrimSuffix(s, "%"), 100
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("figure %q: %v", s, err)
	}
	return metrics.Value{V: v / scale}
}

// indicators turns the definition's column and ratio indicators into
// metrics.Indicators, as the metrics stage does.
func indicators(def *report.Definition) map[string]*metrics.Indicator {
	m := map[string]*metrics.Indicator{}
	for _, d := range def.Indicators {
		ind := &metrics.Indicator{ID: d.ID, Name: d.Name, Unit: d.Unit, Percent: d.Unit == "percent", Better: d.Better}
		if ind.Percent {
			ind.Precision = 2
		}
		if d.Precision != nil {
			ind.Precision = *d.Precision
		}
		m[d.ID] = ind
	}
	return m
}

// indicatorValue is the figure of indicator id for u: a column read as
// published, or a ratio of the published parts (NA when the denominator is
// zero). Only the kinds the sample rankings use are supported.
func indicatorValue(t testing.TB, def *report.Definition, u q3Unit, id string) metrics.Value {
	d := def.Indicator(id)
	switch {
	case d.Column != "":
		return u.val[d.Column]
	case len(d.Ratio) == 2:
		n, q := u.val[d.Ratio[0]], u.val[d.Ratio[1]]
		if n.NA || q.NA || q.V == 0 {
			return metrics.Value{NA: true}
		}
		return metrics.Value{V: n.V / q.V}
	}
	t.Fatalf("indicator %s: not a column or ratio", id)
	return metrics.Value{}
}

// rankChanges are the rank changes against 2022Q2 the sample shows
// (pairs of units that swapped places); units not listed kept their rank.
// 县档案局 is new in 2022Q3: it is missing from 2022Q2.xlsx.
var rankChanges = map[string]int{
	"县人社局":     +1,
	"县民政局":     -1,
	"县住建局":     +3,
	"县市场监督管理局": -3,
}

const newUnit = "县档案局"

// sampleResult builds the metrics.Result of 2022Q3 for the sample's
// progress (snapshot order) and coverage (by CoverageRate, with change)
// rankings from the published figures.
func sampleResult(t testing.TB, def *report.Definition) *metrics.Result {
	t.Helper()
	units := parseQ3(t, def)
	inds := indicators(def)
	asOf := time.Date(2022, 11, 3, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	res := &metrics.Result{
		Period:  report.Period{Year: 2022, Quarter: 3},
		Prev:    report.Period{Year: 2022, Quarter: 2},
		HasPrev: true,
		AsOf:    &asOf,
	}
	for _, d := range def.Indicators {
		res.Indicators = append(res.Indicators, inds[d.ID])
	}
	for _, rd := range def.Rankings {
		r := &metrics.Ranking{ID: rd.ID, Title: rd.Title}
		for _, c := range rd.Columns {
			r.Columns = append(r.Columns, metrics.RankColumn{ID: c.Value, Header: c.Header, Group: c.Group, Indicator: inds[c.Value]})
		}
		for _, u := range units {
			row := metrics.RankRow{Unit: u.name}
			for _, c := range rd.Columns {
				row.Cells = append(row.Cells, indicatorValue(t, def, u, c.Value))
			}
			r.Rows = append(r.Rows, row)
		}
		rankRows(t, def, rd, r)
		res.Rankings = append(res.Rankings, r)
	}
	return res
}

// rankRows orders r by its definition's by: indicator, higher first, with
// competition ranks (1, 1, 1, 4) for ties, and fills in rankChanges.
func rankRows(t testing.TB, def *report.Definition, rd report.Ranking, r *metrics.Ranking) {
	if rd.By == "" {
		for i := range r.Rows {
			r.Rows[i].Rank = i + 1
		}
		return
	}
	col := -1
	for i, c := range rd.Columns {
		if c.Value == rd.By {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("ranking %s: by %s is not one of its columns", rd.ID, rd.By)
	}
	key := func(row metrics.RankRow) float64 {
		if v := row.Cells[col]; !v.NA {
			return v.V
		}
		return math.Inf(-1)
	}
	sort.SliceStable(r.Rows, func(i, j int) bool { return key(r.Rows[i]) > key(r.Rows[j]) })
	for i := range r.Rows {
		r.Rows[i].Rank = i + 1
		if i > 0 && key(r.Rows[i]) == key(r.Rows[i-1]) {
			r.Rows[i].Rank = r.Rows[i-1].Rank
			r.Rows[i].Tied, r.Rows[i-1].Tied = true, true
		}
	}
	for i := range r.Rows {
		row := &r.Rows[i]
		if row.Unit == newUnit {
			continue // PrevRank 0: 新增
		}
		row.Change = rankChanges[row.Unit]
		row.PrevRank = row.Rank + row.Change
	}
}

// display is how a figure of ind is shown: 55.56%, 7, or /.
func display(v metrics.Value, ind *metrics.Indicator) string {
	switch {
	case v.NA:
		return "/"
	case ind.Percent:
		return fmt.Sprintf("%.*f%%", ind.Precision, v.V*100)
	default:
		return fmt.Sprintf("%.*f", ind.Precision, v.V)
	}
}
