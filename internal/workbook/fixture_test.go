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
	"github.com/bulletin-gov/bulletin/internal/sample"
)

// q3Unit is one department of sample.Q3: the published text of each column
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
	for _, r := range sample.Rows(sample.Q3) {
		if len(r.Cells) != len(def.Columns) {
			t.Fatalf("sample.Q3 row %q: %d figures, want %d", r.Unit, len(r.Cells), len(def.Columns))
		}
		u := q3Unit{name: r.Unit, text: map[string]string{}, val: map[string]metrics.Value{}}
		for i, c := range def.Columns {
			s := r.Cells[i]
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
			row.New = true // PrevRank 0: 新增
			continue
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
