package notice

import (
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// eps is the tolerance for comparing fractions (1 = 100%).
const eps = 1e-9

// funcs returns the template functions bound to one render's data. The
// same names are registered at parse time (with d nil) so that a template
// parses before any data exists; see docs/zh/templates.md for each.
func funcs(d *Data) template.FuncMap {
	f := &funcState{d: d, seqs: map[string]int{}}
	return template.FuncMap{
		// Chinese wording, pure.
		"num":     wording.Numeral,
		"date":    dateOf,
		"period":  periodOf,
		"quarter": quarterOf,
		"bracket": wording.YearBracket,
		"pct":     pct,
		"names":   wording.Names,
		"grouped": grouped,
		"join":    strings.Join,
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b int) int { return a - b },
		"first":   first,
		"last":    last,
		// Lookups in the figures.
		"ind":        f.ind,
		"total":      f.total,
		"prevTotal":  f.prevTotal,
		"value":      f.value,
		"change":     f.change,
		"unitChange": f.unitChange,
		"word":       f.word,
		"units":      f.units,
		"full":       func(id string) ([]string, error) { return f.units(id, "eq", 1) },
		"zero":       func(id string) ([]string, error) { return f.units(id, "eq", 0) },
		"groupBy":    f.groupBy,
		"withValues": f.withValues,
		"ranking":    f.ranking,
		"rank":       f.rank,
		"unit":       f.unit,
		"between":    f.between,
		"applicable": f.applicable,
		"ranked":     f.ranked,
		"unranked":   f.unranked,
		"seq":        f.seq,
		"counted":    func(key string) int { return f.seqs[key] },
		"days":       func(n int, t time.Time) time.Time { return t.AddDate(0, 0, n) },
		"monthDay":   wording.MonthDay,
		"forwarded":  f.forwarded,
		"dataset":    f.dataset,
		"yoy":        f.yoy,
	}
}

type funcState struct {
	d    *Data
	seqs map[string]int
}

// lookupError is a missing name in plain words; the error translation in
// errors.go puts the template file, line and column in front of it.
type lookupError struct {
	what, name string
	have       []string
}

func (e *lookupError) Error() string {
	if len(e.have) == 0 {
		return fmt.Sprintf("没有名为 %s 的%s", e.name, e.what)
	}
	return fmt.Sprintf("没有名为 %s 的%s; 可用: %s", e.name, e.what, strings.Join(e.have, "、"))
}

func (f *funcState) ind(id string) (*metrics.Indicator, error) {
	ind, _, err := f.find(id)
	return ind, err
}

// results are the first dataset's figures, then the others' in the
// report's order.
func (f *funcState) results() []*metrics.Result {
	out := []*metrics.Result{f.d.Result}
	if f.d.Result == nil {
		out = []*metrics.Result{{Indicators: f.d.Indicators, Units: f.d.Units}}
	}
	if f.d.Report != nil {
		for _, id := range f.d.Report.DatasetIDs()[1:] {
			if r := f.d.Datasets[id]; r != nil {
				out = append(out, r)
			}
		}
	}
	return out
}

// find looks an indicator up in every dataset (the first one's first) and
// returns it with the figures it belongs to.
func (f *funcState) find(id string) (*metrics.Indicator, *metrics.Result, error) {
	var have []string
	for _, r := range f.results() {
		for _, ind := range r.Indicators {
			if ind.ID == id {
				return ind, r, nil
			}
			have = append(have, ind.ID)
		}
	}
	return nil, nil, &lookupError{"指标", id, have}
}

// dataset returns a further dataset's figures by id (.Indicators, .Units,
// .Rankings); the first dataset's id gives the notice's own.
func (f *funcState) dataset(id string) (*metrics.Result, error) {
	if f.d.Report != nil {
		ids := f.d.Report.DatasetIDs()
		if id == ids[0] && id != "" {
			return f.d.Result, nil
		}
		if r := f.d.Datasets[id]; r != nil {
			return r, nil
		}
		return nil, &lookupError{"数据集", id, ids}
	}
	return nil, &lookupError{"数据集", id, nil}
}

// yoy words an indicator's change against the same period a year
// earlier (同比): 较上年同期提升0.32个百分点; "" when the archive does
// not hold that period.
func (f *funcState) yoy(id string) (string, error) {
	_, r, err := f.find(id)
	if err != nil {
		return "", err
	}
	if f.d.yearAgoRead != nil {
		f.d.yearAgoRead()
	}
	if r == nil || r.YearAgo == nil {
		return "", nil
	}
	for _, ind := range r.YearAgo.Indicators {
		if ind.ID == id && ind.Delta.Has {
			if wording.IsPercent(ind) {
				return wording.PointsChange(ind.Delta.Abs, ind.Precision, wording.YearAgoWord), nil
			}
			return wording.CountChange(ind.Delta.Abs, ind.Precision, wording.UnitWord(ind.Unit), wording.YearAgoWord), nil
		}
	}
	return "", nil
}

func (f *funcState) ranking(id string) (*metrics.Ranking, error) {
	var have []string
	for _, r := range f.d.Rankings {
		if r.ID == id {
			return r, nil
		}
		have = append(have, r.ID)
	}
	return nil, &lookupError{"排名表", id, have}
}

func (f *funcState) unit(name string) (*metrics.Unit, error) {
	return unitIn(f.d.Units, name)
}

func unitIn(units []*metrics.Unit, name string) (*metrics.Unit, error) {
	var have []string
	for _, u := range units {
		if u.Name == name {
			return u, nil
		}
		have = append(have, u.Name)
	}
	return nil, &lookupError{"单位", name, have}
}

func (f *funcState) total(id string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	return wording.Figure(ind, ind.Total), nil
}

func (f *funcState) prevTotal(id string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	if !f.d.HasPrev {
		return "", nil
	}
	return wording.Figure(ind, ind.PrevTotal), nil
}

func unitValue(u *metrics.Unit, id string) metrics.Value {
	v, ok := u.Values[id]
	if !ok {
		return metrics.Value{NA: true}
	}
	return v
}

func (f *funcState) value(id, unit string) (string, error) {
	ind, r, err := f.find(id)
	if err != nil {
		return "", err
	}
	u, err := unitIn(r.Units, unit)
	if err != nil {
		return "", err
	}
	return wording.Figure(ind, unitValue(u, id)), nil
}

// changeText words a delta of ind, or "" when there is none.
func (f *funcState) changeText(ind *metrics.Indicator, d metrics.Delta) string {
	if !d.Has || !f.d.HasPrev {
		return ""
	}
	if wording.IsPercent(ind) {
		return wording.PointsChange(d.Abs, ind.Precision, f.d.PrevWord)
	}
	return wording.CountChange(d.Abs, ind.Precision, wording.UnitWord(ind.Unit), f.d.PrevWord)
}

func (f *funcState) change(id string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	return f.changeText(ind, ind.Delta), nil
}

func (f *funcState) unitChange(id, unit string) (string, error) {
	ind, r, err := f.find(id)
	if err != nil {
		return "", err
	}
	u, err := unitIn(r.Units, unit)
	if err != nil {
		return "", err
	}
	return f.changeText(ind, u.Deltas[id]), nil
}

func (f *funcState) word(id string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	return wording.UnitWord(ind.Unit), nil
}

func (f *funcState) rank(rankingID, unit string) (string, error) {
	r, err := f.ranking(rankingID)
	if err != nil {
		return "", err
	}
	var have []string
	for _, row := range r.Rows {
		if row.Unit == unit {
			return wording.RankPhrase(row.Rank, row.Tied, row.Change, row.PrevRank, f.d.HasPrev, f.d.PrevWord), nil
		}
		have = append(have, row.Unit)
	}
	for _, u := range r.Unranked {
		if u == unit { // left out of the table (unranked: omit)
			return wording.NoRank, nil
		}
	}
	return "", &lookupError{"单位（排名表 " + rankingID + " 中）", unit, have}
}

func (f *funcState) seq(key string) int {
	f.seqs[key]++
	return f.seqs[key]
}

func (f *funcState) forwarded() (*Document, error) {
	for _, a := range f.d.Attachments {
		if a.Notice != nil {
			return a.Notice, nil
		}
	}
	return nil, fmt.Errorf("没有转发的文件：report.yaml 的 attachments 中应有一项 notice")
}

// Pure helpers taking loosely typed template arguments.

func dateOf(x any) (string, error) {
	switch t := x.(type) {
	case time.Time:
		return wording.Date(t), nil
	case *time.Time:
		if t == nil {
			return "", nil
		}
		return wording.Date(*t), nil
	}
	return "", fmt.Errorf("date 需要日期，实际为 %T", x)
}

func toPeriod(x any) (report.Period, error) {
	switch p := x.(type) {
	case PeriodInfo:
		return p.Period, nil
	case report.Period:
		return p, nil
	case string:
		return report.ParsePeriod(p)
	}
	return report.Period{}, fmt.Errorf("需要期次，实际为 %T", x)
}

func periodOf(x any) (string, error) {
	p, err := toPeriod(x)
	if err != nil {
		return "", err
	}
	return wording.PeriodLabel(p), nil
}

func quarterOf(x any) (string, error) {
	p, err := toPeriod(x)
	if err != nil {
		return "", err
	}
	return wording.QuarterName(p), nil
}

// pct writes a fraction (a number or a metrics.Value) as a percent.
func pct(x any, prec int) (string, error) {
	if v, ok := x.(metrics.Value); ok && v.NA {
		return "/", nil
	}
	v, err := toFloat(x)
	if err != nil {
		return "", err
	}
	return wording.Percent(v, prec), nil
}

func grouped(x any, tail string) (string, error) {
	switch gs := x.(type) {
	case []wording.Group:
		return wording.Grouped(gs, tail), nil
	case []metrics.Group:
		out := make([]wording.Group, 0, len(gs))
		for _, g := range gs {
			if !g.Value.NA {
				out = append(out, wording.Group{Value: g.Value.V, Units: g.Units})
			}
		}
		return wording.Grouped(out, tail), nil
	}
	return "", fmt.Errorf("grouped 需要分组（groupBy 或 .Below 的结果），实际为 %T", x)
}

func first(n int, list []string) []string {
	if n < len(list) {
		return list[:n]
	}
	return list
}

func last(n int, list []string) []string {
	if n < len(list) {
		return list[len(list)-n:]
	}
	return list
}
