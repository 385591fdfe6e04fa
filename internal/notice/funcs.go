package notice

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// eps is the tolerance for comparing fractions (1 = 100%).
const eps = 1e-9

// funcs returns the template functions bound to one render's data. The
// same names are registered at parse time (with d nil) so that a template
// parses before any data exists; see docs/templates.md for each.
func funcs(d *Data) template.FuncMap {
	f := &funcState{d: d, seqs: map[string]int{}}
	return template.FuncMap{
		// Chinese wording, pure.
		"num":     Numeral,
		"date":    dateOf,
		"period":  periodOf,
		"quarter": quarterOf,
		"bracket": YearBracket,
		"pct":     pct,
		"names":   Names,
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
		"seq":        f.seq,
		"counted":    func(key string) int { return f.seqs[key] },
		"days":       func(n int, t time.Time) time.Time { return t.AddDate(0, 0, n) },
		"monthDay":   func(t time.Time) string { return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day()) },
		"forwarded":  f.forwarded,
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
	var have []string
	for _, ind := range f.d.Indicators {
		if ind.ID == id {
			return ind, nil
		}
		have = append(have, ind.ID)
	}
	return nil, &lookupError{"指标", id, have}
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
	var have []string
	for _, u := range f.d.Units {
		if u.Name == name {
			return u, nil
		}
		have = append(have, u.Name)
	}
	return nil, &lookupError{"单位", name, have}
}

// wordValue writes one of ind's values the way tables and text show it:
// a percent or a number with the indicator's precision, "/" when not
// applicable.
func wordValue(ind *metrics.Indicator, v metrics.Value) string {
	if v.NA {
		return "/"
	}
	if isPercent(ind) {
		return Percent(v.V, ind.Precision)
	}
	return Number(v.V, ind.Precision)
}

func isPercent(ind *metrics.Indicator) bool { return ind.Percent || ind.Unit == "percent" }

func (f *funcState) total(id string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	return wordValue(ind, ind.Total), nil
}

func (f *funcState) prevTotal(id string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	if !f.d.HasPrev {
		return "", nil
	}
	return wordValue(ind, ind.PrevTotal), nil
}

func unitValue(u *metrics.Unit, id string) metrics.Value {
	v, ok := u.Values[id]
	if !ok {
		return metrics.Value{NA: true}
	}
	return v
}

func (f *funcState) value(id, unit string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	u, err := f.unit(unit)
	if err != nil {
		return "", err
	}
	return wordValue(ind, unitValue(u, id)), nil
}

// changeText words a delta of ind, or "" when there is none.
func (f *funcState) changeText(ind *metrics.Indicator, d metrics.Delta) string {
	if !d.Has || !f.d.HasPrev {
		return ""
	}
	if isPercent(ind) {
		return PointsChange(d.Abs, ind.Precision, f.d.PrevWord)
	}
	return CountChange(d.Abs, ind.Precision, UnitWord(ind.Unit), f.d.PrevWord)
}

func (f *funcState) change(id string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	return f.changeText(ind, ind.Delta), nil
}

func (f *funcState) unitChange(id, unit string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	u, err := f.unit(unit)
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
	return UnitWord(ind.Unit), nil
}

// compare applies op to a and b; "na" is handled by the caller.
func compare(op string, a, b float64) (bool, error) {
	switch op {
	case "eq":
		return math.Abs(a-b) < eps, nil
	case "ne":
		return math.Abs(a-b) >= eps, nil
	case "gt":
		return a > b+eps, nil
	case "ge":
		return a > b-eps, nil
	case "lt":
		return a < b-eps, nil
	case "le":
		return a < b+eps, nil
	}
	return false, fmt.Errorf("比较方式 %q 不对：应为 eq、ne、gt、ge、lt、le 或 na", op)
}

func toFloat(x any) (float64, error) {
	switch v := x.(type) {
	case int:
		return float64(v), nil
	case float64:
		return v, nil
	case metrics.Value:
		return v.V, nil
	}
	return 0, fmt.Errorf("应为数字，实际为 %v", x)
}

// matching returns the units (in snapshot order) whose value of id
// satisfies op x; op "na" selects units where it does not apply.
func (f *funcState) matching(id, op string, x any) ([]*metrics.Unit, error) {
	if _, err := f.ind(id); err != nil {
		return nil, err
	}
	var out []*metrics.Unit
	if op == "na" {
		for _, u := range f.d.Units {
			if unitValue(u, id).NA {
				out = append(out, u)
			}
		}
		return out, nil
	}
	b, err := toFloat(x)
	if err != nil {
		return nil, err
	}
	for _, u := range f.d.Units {
		v := unitValue(u, id)
		if v.NA {
			continue
		}
		ok, err := compare(op, v.V, b)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, u)
		}
	}
	return out, nil
}

func (f *funcState) units(id, op string, x any) ([]string, error) {
	us, err := f.matching(id, op, x)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.Name
	}
	return names, nil
}

// between returns the units whose value of id is at least lo and below
// hi, in snapshot order.
func (f *funcState) between(id string, lo, hi any) ([]string, error) {
	ge, err := f.units(id, "ge", lo)
	if err != nil {
		return nil, err
	}
	lt, err := f.units(id, "lt", hi)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range ge {
		for _, m := range lt {
			if n == m {
				out = append(out, n)
				break
			}
		}
	}
	return out, nil
}

// applicable counts the units where id applies (its value is not NA).
func (f *funcState) applicable(id string) (int, error) {
	na, err := f.matching(id, "na", 0)
	if err != nil {
		return 0, err
	}
	return len(f.d.Units) - len(na), nil
}

// ranked returns the units of a ranking in rank order.
func (f *funcState) ranked(id string) ([]string, error) {
	r, err := f.ranking(id)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(r.Rows))
	for i, row := range r.Rows {
		out[i] = row.Unit
	}
	return out, nil
}

// groupBy groups the matching units by their value of id, largest value
// first, units in snapshot order within a group.
func (f *funcState) groupBy(id, op string, x any) ([]Group, error) {
	us, err := f.matching(id, op, x)
	if err != nil {
		return nil, err
	}
	var gs []Group
	for _, u := range us {
		v := unitValue(u, id).V
		found := false
		for i := range gs {
			if math.Abs(gs[i].Value-v) < eps {
				gs[i].Units = append(gs[i].Units, u.Name)
				found = true
				break
			}
		}
		if !found {
			gs = append(gs, Group{Value: v, Units: []string{u.Name}})
		}
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Value > gs[j].Value })
	return gs, nil
}

// withValues writes names with their value of id in brackets:
// 衡山县农业农村局（98.92%）、衡东县财政局（99.55%）.
func (f *funcState) withValues(id string, names []string) (string, error) {
	ind, err := f.ind(id)
	if err != nil {
		return "", err
	}
	parts := make([]string, len(names))
	for i, n := range names {
		u, err := f.unit(n)
		if err != nil {
			return "", err
		}
		parts[i] = n + "（" + wordValue(ind, unitValue(u, id)) + "）"
	}
	return Names(parts), nil
}

func (f *funcState) rank(rankingID, unit string) (string, error) {
	r, err := f.ranking(rankingID)
	if err != nil {
		return "", err
	}
	var have []string
	for _, row := range r.Rows {
		if row.Unit == unit {
			return RankPhrase(row.Rank, row.Tied, row.Change, row.PrevRank, f.d.HasPrev, f.d.PrevWord), nil
		}
		have = append(have, row.Unit)
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
		return Date(t), nil
	case *time.Time:
		if t == nil {
			return "", nil
		}
		return Date(*t), nil
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
	return report.Period{}, fmt.Errorf("需要期间，实际为 %T", x)
}

func periodOf(x any) (string, error) {
	p, err := toPeriod(x)
	if err != nil {
		return "", err
	}
	return PeriodLabel(p), nil
}

func quarterOf(x any) (string, error) {
	p, err := toPeriod(x)
	if err != nil {
		return "", err
	}
	return QuarterName(p), nil
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
	return Percent(v, prec), nil
}

func grouped(x any, tail string) (string, error) {
	switch gs := x.(type) {
	case []Group:
		return Grouped(gs, tail), nil
	case []metrics.Group:
		out := make([]Group, 0, len(gs))
		for _, g := range gs {
			if !g.Value.NA {
				out = append(out, Group{Value: g.Value.V, Units: g.Units})
			}
		}
		return Grouped(out, tail), nil
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
