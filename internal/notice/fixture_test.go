package notice_test

import (
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

// The figures of the sample's 2022Q3 and 2022Q2 exports are
// internal/sample's. The metrics stage computes these in the pipeline;
// here the Result is built by hand so that the notice stage is tested on
// its own.

const sampleDir = "../../reports/hengyang-county"

// loadSample reads the bundled sample definition.
func loadSample(t testing.TB) *report.Definition {
	t.Helper()
	def, err := report.Load(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	return def
}

type table map[string]map[string]metrics.Value // unit → column → value

func parseTable(t testing.TB, s string) ([]string, table) {
	t.Helper()
	cols := sample.Columns
	var order []string
	tab := table{}
	for _, line := range strings.Split(s, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != len(cols)+1 {
			t.Fatalf("fixture line %q: %d cells", line, len(f))
		}
		row := map[string]metrics.Value{}
		for i, c := range cols {
			row[c] = cellValue(t, f[i+1])
		}
		order = append(order, f[0])
		tab[f[0]] = row
	}
	return order, tab
}

func cellValue(t testing.TB, s string) metrics.Value {
	if s == "/" {
		return metrics.Value{NA: true}
	}
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		t.Fatalf("fixture cell %q: %v", s, err)
	}
	if pct {
		v /= 100
	}
	return metrics.Value{V: v}
}

// unitValue evaluates one indicator of the sample definition for a row.
// Only the forms the sample uses are needed: column, ratio, "a - b".
func unitValue(ind report.Indicator, row map[string]metrics.Value) metrics.Value {
	switch {
	case ind.Column != "":
		return row[ind.Column]
	case len(ind.Ratio) == 2:
		a, b := row[ind.Ratio[0]], row[ind.Ratio[1]]
		if a.NA || b.NA || b.V == 0 {
			return metrics.Value{NA: true}
		}
		return metrics.Value{V: a.V / b.V}
	case ind.Expr != "":
		p := strings.Split(ind.Expr, " - ")
		return metrics.Value{V: row[p[0]].V - row[p[1]].V}
	}
	panic("fixture: unsupported indicator " + ind.ID)
}

// totalValue is the area-wide value: counts summed, ratios as the ratio of
// summed parts; a rate read from a column has none.
func totalValue(ind report.Indicator, order []string, tab table) metrics.Value {
	sum := func(col string) float64 {
		s := 0.0
		for _, u := range order {
			s += tab[u][col].V
		}
		return s
	}
	switch {
	case len(ind.Ratio) == 2:
		return metrics.Value{V: sum(ind.Ratio[0]) / sum(ind.Ratio[1])}
	case ind.Column != "" && ind.Unit == "percent":
		// A rate read from a column has no parts to sum: no area total
		// (as metrics.Compute does unless report.yaml says how to total it).
		return metrics.Value{NA: true}
	case ind.Column != "":
		return metrics.Value{V: sum(ind.Column)}
	default:
		s := 0.0
		for _, u := range order {
			s += unitValue(ind, tab[u]).V
		}
		return metrics.Value{V: s}
	}
}

func delta(ind *metrics.Indicator, cur, prev metrics.Value) metrics.Delta {
	if cur.NA || prev.NA {
		return metrics.Delta{}
	}
	d := metrics.Delta{Has: true, Abs: cur.V - prev.V, Direction: "unchanged"}
	better := d.Abs > 1e-12
	if ind.Better == "lower" {
		better = d.Abs < -1e-12
	}
	switch {
	case math.Abs(d.Abs) <= 1e-12:
	case better:
		d.Direction = "improved"
	default:
		d.Direction = "declined"
	}
	return d
}

// sampleResult builds the Result of the bundled sample for 2022Q3, against
// 2022Q2 when withPrev.
func sampleResult(t testing.TB, def *report.Definition, withPrev bool) *metrics.Result {
	t.Helper()
	order, cur := parseTable(t, sample.Q3)
	prevOrder, prev := parseTable(t, sample.Q2)
	asOf := time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)
	res := &metrics.Result{Period: report.Period{Year: 2022, Quarter: 3}, AsOf: &asOf}
	if withPrev {
		res.Prev, res.HasPrev = report.Period{Year: 2022, Quarter: 2}, true
	}
	for _, d := range def.Indicators {
		ind := &metrics.Indicator{ID: d.ID, Name: d.Name, Unit: d.Unit, Better: d.Better, Percent: d.Unit == "percent"}
		switch {
		case d.Precision != nil:
			ind.Precision = *d.Precision
		case ind.Percent:
			ind.Precision = 2
		}
		ind.Total = totalValue(d, order, cur)
		if withPrev {
			ind.PrevTotal = totalValue(d, prevOrder, prev)
			ind.Delta = delta(ind, ind.Total, ind.PrevTotal)
		}
		for _, u := range order {
			switch v := unitValue(d, cur[u]); {
			case v.NA:
				ind.NACount++
			case v.V == 0:
				ind.AtZero++
			case ind.Percent && math.Abs(v.V-1) < 1e-9:
				ind.AtFull++
			}
		}
		res.Indicators = append(res.Indicators, ind)
	}
	for _, name := range order {
		u := &metrics.Unit{Name: name, Values: map[string]metrics.Value{}}
		_, had := prev[name]
		if withPrev && had {
			u.Prev, u.Deltas = map[string]metrics.Value{}, map[string]metrics.Delta{}
		}
		u.New = withPrev && !had
		for i, d := range def.Indicators {
			u.Values[d.ID] = unitValue(d, cur[name])
			if u.Prev != nil {
				u.Prev[d.ID] = unitValue(d, prev[name])
				u.Deltas[d.ID] = delta(res.Indicators[i], u.Values[d.ID], u.Prev[d.ID])
			}
		}
		res.Units = append(res.Units, u)
	}
	if withPrev {
		for _, n := range order {
			if _, ok := prev[n]; !ok {
				res.NewUnits = append(res.NewUnits, n)
			}
		}
		for _, n := range prevOrder {
			if _, ok := cur[n]; !ok {
				res.GoneUnits = append(res.GoneUnits, n)
			}
		}
	}
	for _, rd := range def.Rankings {
		res.Rankings = append(res.Rankings, ranking(def, res, rd, order, cur, prevOrder, prev, withPrev))
	}
	return res
}

func ranking(def *report.Definition, res *metrics.Result, rd report.Ranking, order []string, cur table, prevOrder []string, prev table, withPrev bool) *metrics.Ranking {
	r := &metrics.Ranking{ID: rd.ID, Title: rd.Title}
	inds := map[string]*metrics.Indicator{}
	for _, ind := range res.Indicators {
		inds[ind.ID] = ind
	}
	for _, c := range rd.Columns {
		h := c.Header
		if h == "" {
			h = inds[c.Value].Name
		}
		r.Columns = append(r.Columns, metrics.RankColumn{ID: c.Value, Header: h, Group: c.Group, Indicator: inds[c.Value]})
	}
	ranks := func(order []string, tab table) (sorted []string, rank map[string]int, tied map[string]bool) {
		sorted = append([]string(nil), order...)
		rank, tied = map[string]int{}, map[string]bool{}
		if rd.By == "" {
			for i, u := range sorted {
				rank[u] = i + 1
			}
			return
		}
		by := *def.Indicator(rd.By)
		val := func(u string) float64 {
			v := unitValue(by, tab[u])
			if v.NA {
				return math.Inf(-1)
			}
			return v.V
		}
		sort.SliceStable(sorted, func(i, j int) bool { return val(sorted[i]) > val(sorted[j]) })
		for i, u := range sorted {
			rank[u] = i + 1
			if i > 0 && val(u) == val(sorted[i-1]) {
				rank[u] = rank[sorted[i-1]]
				tied[u], tied[sorted[i-1]] = true, true
			}
		}
		return
	}
	sorted, rank, tied := ranks(order, cur)
	_, prevRank, _ := ranks(prevOrder, prev)
	for _, u := range sorted {
		_, had := prev[u]
		row := metrics.RankRow{Rank: rank[u], Tied: tied[u], Unit: u, New: withPrev && !had}
		for _, c := range rd.Columns {
			row.Cells = append(row.Cells, unitValue(*def.Indicator(c.Value), cur[u]))
		}
		if withPrev && prevRank[u] > 0 {
			row.PrevRank = prevRank[u]
			row.Change = prevRank[u] - rank[u]
		}
		r.Rows = append(r.Rows, row)
	}
	return r
}
