package notice

import (
	"errors"
	"slices"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/templates"
)

// Check parses the report's templates (its own, the title in report.yaml,
// and every forwarded notice's) and finds mistakes before any run
// (bulletin check) when the period's figures are not at hand: it is
// CheckWith(def, nil, opts).
func Check(def *report.Definition, opts Options) error { return CheckWith(def, nil, opts) }

// CheckWith finds the mistakes of the report's templates. Errors are
// *TemplateError values naming file:line:col, joined, one per mistake.
//
// Every indicator or ranking id written in a template is checked against
// report.yaml without running it, so that all misspelt ids are listed at
// once, in every branch, whatever the figures.
//
// Then the templates are executed, for what only a run shows (a misspelt
// field, a unit that is not there, a bad front matter, the 附件 count).
// With res (the period's figures, as bulletin run would compute them) the
// notice is rendered exactly as run renders it. Without, two
// representative results built from the definition alone are tried, to
// reach both sides of the usual conditions: one with a previous period
// where every indicator falls short (rates at 30%, counts above zero), one
// without a previous period where every rate is 100% and every count zero.
// Their units are named after the unit names the templates write
// (value "ClaimRate" "县公安局"), then 示例单位一…四.
func CheckWith(def *report.Definition, res *metrics.Result, opts Options) error {
	if def == nil {
		return errors.New("notice.Check: nil definition")
	}
	if opts.Date.IsZero() {
		opts.Date = time.Now()
	}
	if opts.Templates == nil {
		opts.Templates = templates.FS
	}
	var errs []error
	seen := map[string]bool{}
	add := func(err error) {
		if err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			errs = append(errs, err)
		}
	}
	// First every misspelt id in every template, found without running.
	r := &renderer{def: def, opts: opts}
	var names []string
	for _, name := range templateNames(def.Template, def.Attachments, 0) {
		file, src, err := r.load(name)
		if err != nil {
			add(err)
			continue
		}
		found, units := staticCheck(def, file, src)
		for _, err := range found {
			add(err)
		}
		names = append(names, units...)
	}
	// Then runs, for what only a run shows (fields, units, front matter,
	// 附件): on the period's figures when given, as run would.
	if res != nil {
		_, err := Render(def, res, opts)
		add(err)
		return errors.Join(errs...)
	}
	for _, short := range []bool{true, false} {
		_, err := Render(def, sampleFor(def, def.Kind().Of(opts.Date).Prev(), short, names), opts)
		add(err)
	}
	return errors.Join(errs...)
}

// templateNames lists a notice's template and those of the notices it
// forwards.
func templateNames(name string, refs []report.AttachmentRef, depth int) []string {
	names := []string{name}
	if depth > maxDepth {
		return names
	}
	for _, ref := range refs {
		if ref.Notice != "" && ref.Notice != name {
			names = append(names, templateNames(ref.Notice, ref.Attachments, depth+1)...)
		}
	}
	return names
}

// sampleFor is sampleResult for every dataset of def, joined as run joins
// them (metrics.Join).
func sampleFor(def *report.Definition, p report.Period, short bool, named []string) *metrics.Result {
	ids := def.DatasetIDs()
	res := sampleResult(def.Dataset(ids[0]), p, short, named)
	if len(ids) == 1 {
		return res
	}
	res.Dataset = ids[0]
	var others []*metrics.Result
	for _, id := range ids[1:] {
		r := sampleResult(def.Dataset(id), p, short, named)
		r.Dataset = id
		others = append(others, r)
	}
	return metrics.Join(def, res, others)
}

// sampleResult is a representative result for def: at least four units, named
// after named (the unit names a template writes) first, then 示例单位一…四,
// with every indicator and ranking of the definition; the third has no
// value (/), and takes no rank in a ranking by a value. With short, the
// previous period is known, rates are below target and counts above zero;
// without, there is no previous period, every rate is 100% and every count
// zero.
func sampleResult(def *report.Definition, p report.Period, short bool, named []string) *metrics.Result {
	res := &metrics.Result{Period: p, Prev: p.Prev(), HasPrev: short}
	asOf := p.End(time.UTC).AddDate(0, 0, -1)
	res.AsOf = &asOf
	var names []string
	for _, n := range append(named, "示例单位一", "示例单位二", "示例单位三", "示例单位四") {
		if !slices.Contains(names, n) && (len(names) < 4 || slices.Contains(named, n)) {
			names = append(names, n)
		}
	}
	// Per-unit values: a full unit, a zero unit, a not-applicable unit and
	// one in between.
	rate := []metrics.Value{{V: 1}, {V: 0}, {NA: true}, {V: 0.3}}
	count := []metrics.Value{{V: 10}, {V: 0}, {NA: true}, {V: 3}}
	if !short {
		rate = []metrics.Value{{V: 1}, {V: 1}, {NA: true}, {V: 1}}
		count = []metrics.Value{{V: 0}, {V: 0}, {NA: true}, {V: 0}}
	}
	inds := map[string]*metrics.Indicator{}
	described := metrics.Describe(def)
	for _, d := range def.Indicators {
		ind := described[d.ID]
		if ind == nil || inds[d.ID] != nil { // an id twice: Validate says so
			continue
		}
		ind.NACount = 1
		ind.Total = metrics.Value{V: 13}
		if ind.Percent {
			ind.Total = metrics.Value{V: 0.3}
		}
		if !short {
			ind.Total = metrics.Value{V: 0}
			if ind.Percent {
				ind.Total = metrics.Value{V: 1}
			}
		}
		if short {
			ind.PrevTotal = metrics.Value{V: ind.Total.V * 0.8}
			ind.Delta = metrics.Delta{Has: true, Abs: ind.Total.V * 0.2, Direction: "improved"}
			ind.Below = []metrics.Group{{Value: metrics.Value{V: 3}, Units: names[1:2]}, {Value: metrics.Value{V: 1}, Units: names[3:]}}
		}
		res.Indicators = append(res.Indicators, ind)
		inds[d.ID] = ind
	}
	for i, n := range names {
		i := i % 4 // the four kinds of unit, again for more names
		u := &metrics.Unit{Name: n, Values: map[string]metrics.Value{}}
		if short && i < 3 {
			u.Prev, u.Deltas = map[string]metrics.Value{}, map[string]metrics.Delta{}
		}
		u.New = short && i == 3
		for _, ind := range res.Indicators {
			v := count[i]
			if ind.Percent {
				v = rate[i]
			}
			u.Values[ind.ID] = v
			if u.Prev != nil {
				u.Prev[ind.ID] = v
				u.Deltas[ind.ID] = metrics.Delta{Has: !v.NA, Direction: "unchanged"}
			}
		}
		res.Units = append(res.Units, u)
	}
	if short {
		for _, u := range res.Units {
			if u.New {
				res.NewUnits = append(res.NewUnits, u.Name)
			}
		}
		res.GoneUnits = []string{"示例单位五"}
	}
	for _, rd := range def.Rankings {
		r := &metrics.Ranking{ID: rd.ID, Title: rd.Title}
		for _, c := range rd.Columns {
			h := c.Header
			ind := inds[c.Value]
			if h == "" && ind != nil {
				h = ind.Name
			}
			if h == "" {
				h = c.Value
			}
			r.Columns = append(r.Columns, metrics.RankColumn{ID: c.Value, Header: h, Group: c.Group, Indicator: ind})
		}
		var unranked []metrics.RankRow
		for i, u := range res.Units {
			i := i % 4
			// Ranks 1, 1 (tied), none, 3.
			row := metrics.RankRow{Rank: max(i, 1), Unit: u.Name, Tied: i < 2, New: u.New}
			if rd.By == "" { // sheet order, numbered
				row.Rank, row.Tied = i+1, false
			}
			if short && !u.New {
				row.PrevRank = 4 - i
				row.Change = row.PrevRank - row.Rank
			}
			// The not-applicable unit takes no rank in a ranking by a
			// value, and comes last.
			byNA := rd.By != "" && i == 2
			if byNA {
				row.Rank, row.Tied, row.Change = 0, false, 0
				r.Unranked = append(r.Unranked, u.Name)
			}
			for _, c := range r.Columns {
				v := metrics.Value{V: float64(i)}
				if c.Indicator != nil {
					v = u.Values[c.ID]
				}
				row.Cells = append(row.Cells, v)
			}
			if byNA {
				unranked = append(unranked, row)
				continue
			}
			r.Rows = append(r.Rows, row)
		}
		if rd.Unranked != report.UnrankedOmit {
			r.Rows = append(r.Rows, unranked...)
		}
		if rd.Total != "" {
			r.Total = &metrics.RankTotal{Label: rd.Total}
			for _, c := range r.Columns {
				v := metrics.Value{V: 13}
				if c.Indicator != nil {
					v = c.Indicator.Total
				}
				r.Total.Cells = append(r.Total.Cells, v)
			}
		}
		res.Rankings = append(res.Rankings, r)
	}
	return res
}
