package notice

import (
	"errors"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/templates"
)

// Check parses the report's templates (its own, the title in report.yaml,
// and every forwarded notice's) and finds mistakes before any run
// (bulletin check). Errors are *TemplateError values naming file:line:col,
// joined, one per mistake.
//
// Every indicator or ranking id written in a template is checked against
// report.yaml without running it, so that all misspelt ids are listed at
// once, in every branch. The templates are then executed against
// representative results built from the definition alone, for what only
// a run shows (a misspelt field, a bad front matter, the 附件 count).
//
// Two results are tried, to reach both sides of the usual conditions:
// one with a previous period where every indicator falls short (rates at
// 30%, counts above zero), one without a previous period where every
// rate is 100% and every count zero.
func Check(def *report.Definition, opts Options) error {
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
	for _, name := range templateNames(def.Template, def.Attachments, 0) {
		file, src, err := r.load(name)
		if err != nil {
			add(err)
			continue
		}
		for _, err := range staticCheck(def, file, src) {
			add(err)
		}
	}
	// Then runs, for what only a run shows (fields, front matter, 附件).
	for _, short := range []bool{true, false} {
		_, err := Render(def, sampleFor(def, def.Kind().Of(opts.Date).Prev(), short), opts)
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

// sampleFor is SampleResult for every dataset of def: the first one's,
// holding the others' in Datasets and every ranking in Rankings.
func sampleFor(def *report.Definition, p report.Period, short bool) *metrics.Result {
	ids := def.DatasetIDs()
	res := SampleResult(def.Dataset(ids[0]), p, short)
	if len(ids) == 1 {
		return res
	}
	res.Dataset, res.Datasets = ids[0], map[string]*metrics.Result{}
	for _, id := range ids[1:] {
		r := SampleResult(def.Dataset(id), p, short)
		r.Dataset = id
		res.Datasets[id] = r
		res.Rankings = append(res.Rankings, r.Rankings...)
	}
	return res
}

// SampleResult is a representative result for def: four made-up units
// (示例单位一…四) with every indicator and ranking of the definition. With
// short, the previous period is known, rates are below target and counts
// above zero; without, there is no previous period, every rate is 100%
// and every count zero. Check uses it; tests and previews may too.
func SampleResult(def *report.Definition, p report.Period, short bool) *metrics.Result {
	res := &metrics.Result{Period: p, Prev: p.Prev(), HasPrev: short}
	asOf := p.End(time.UTC).AddDate(0, 0, -1)
	res.AsOf = &asOf
	names := []string{"示例单位一", "示例单位二", "示例单位三", "示例单位四"}
	// Per-unit values: a full unit, a zero unit, a not-applicable unit and
	// one in between.
	rate := []metrics.Value{{V: 1}, {V: 0}, {NA: true}, {V: 0.3}}
	count := []metrics.Value{{V: 10}, {V: 0}, {NA: true}, {V: 3}}
	if !short {
		rate = []metrics.Value{{V: 1}, {V: 1}, {NA: true}, {V: 1}}
		count = []metrics.Value{{V: 0}, {V: 0}, {NA: true}, {V: 0}}
	}
	inds := map[string]*metrics.Indicator{}
	for _, d := range def.Indicators {
		ind := &metrics.Indicator{ID: d.ID, Name: d.Name, Unit: d.Unit, Better: d.Better, Percent: d.Unit == "percent", NACount: 1}
		switch {
		case d.Precision != nil:
			ind.Precision = *d.Precision
		case ind.Percent:
			ind.Precision = 2
		}
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
		res.NewUnits = names[3:]
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
		for i, u := range res.Units {
			row := metrics.RankRow{Rank: i + 1, Unit: u.Name, Tied: i == 1 || i == 2}
			if row.Tied {
				row.Rank = 2
			}
			if short && !u.New {
				row.PrevRank = 4 - i
				row.Change = row.PrevRank - row.Rank
			}
			for _, c := range r.Columns {
				v := metrics.Value{V: float64(i)}
				if c.Indicator != nil {
					v = u.Values[c.ID]
				}
				row.Cells = append(row.Cells, v)
			}
			r.Rows = append(r.Rows, row)
		}
		res.Rankings = append(res.Rankings, r)
	}
	return res
}
