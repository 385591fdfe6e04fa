package metrics

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// Compute works out the result for cur against prev (nil when there is no
// previous snapshot). Inconsistent figures (a report whose figures cannot
// all be true) and definition problems are returned as a report.Problems
// error listing every problem found.
//
// Compute leaves Result.Period and Result.Prev zero: snapshots do not name
// their period, so the caller sets them.
func Compute(def *report.Definition, cur, prev *snapshot.Snapshot) (*Result, error) {
	if def == nil || cur == nil {
		return nil, errors.New("metrics: Compute needs a definition and a current snapshot")
	}
	p, ps := compile(def)
	if err := ps.Err(); err != nil {
		return nil, err
	}
	ce := p.evaluate(cur)
	found := p.consistency(ce)
	if err := found.Err(); err != nil {
		return nil, err
	}
	var pe *periodEval
	if prev != nil {
		pe = p.evaluate(prev)
	}
	r := &Result{HasPrev: pe != nil, AsOf: cur.AsOf}
	if prev != nil {
		r.PrevAsOf = prev.AsOf
	}
	r.Warnings = append(r.Warnings, found.Warnings()...)
	r.Warnings = append(r.Warnings, p.targetWarnings(ce)...)

	newUnits := map[string]bool{}
	if pe != nil {
		for _, ue := range ce.units {
			if pe.byName[ue.name] == nil {
				newUnits[ue.name] = true
				r.NewUnits = append(r.NewUnits, ue.name)
			}
		}
		for _, ue := range pe.units {
			if ce.byName[ue.name] == nil {
				r.GoneUnits = append(r.GoneUnits, ue.name)
			}
		}
	}

	inds := map[string]*Indicator{}
	for _, ip := range p.inds {
		ind := p.indicator(ip, ce, pe, newUnits)
		inds[ip.id] = ind
		r.Indicators = append(r.Indicators, ind)
	}
	for _, ue := range ce.units {
		u := &Unit{
			Name: ue.name, Row: ue.row, Values: ue.vals, Targets: ue.targets,
			Columns: map[string]Value{}, Score: ue.score, Deductions: ue.deds,
			Deltas: map[string]Delta{}, New: newUnits[ue.name],
		}
		for _, c := range def.Columns {
			u.Columns[c.ID] = ue.cell(c.ID, false)
		}
		if pe != nil {
			if pu := pe.byName[ue.name]; pu != nil {
				u.Prev = pu.vals
				for _, ip := range p.inds {
					u.Deltas[ip.id] = ip.delta(ue.vals[ip.id], pu.vals[ip.id])
				}
			}
		}
		r.Units = append(r.Units, u)
	}
	for _, d := range def.Rankings {
		r.Rankings = append(r.Rankings, p.ranking(d, ce, pe, inds, newUnits))
	}
	return r, nil
}

// Describe returns def's indicators as Compute describes them (name,
// unit, precision, percent, direction, kind, total method, target), by
// id, without figures: for checks and previews made before any export is
// at hand. An id given twice is described once, as its first.
func Describe(def *report.Definition) map[string]*Indicator {
	p, _ := compile(def)
	inds := make(map[string]*Indicator, len(p.inds))
	for _, ip := range p.inds {
		inds[ip.id] = ip.describe()
	}
	return inds
}

// describe is the indicator without figures: what its definition says.
func (ip *indPlan) describe() *Indicator {
	ind := &Indicator{
		ID: ip.id, Name: ip.name, Unit: ip.unit, Precision: ip.precision, Percent: ip.percent,
		Better: ip.better, Kind: ip.kind, TotalMethod: ip.method,
		PrevTotal: na, HasTarget: ip.target != nil,
	}
	ind.TargetAll = na
	if ip.target != nil && ip.target.All != nil {
		ind.TargetAll = Value{V: *ip.target.All}
	}
	ind.BelowUnit = ip.unit
	if ip.kind == "ratio" {
		ind.BelowUnit = ip.partsUnit
	} else if ip.percent {
		ind.BelowUnit = "percent"
	}
	return ind
}

// indicator gathers one indicator's figures and findings.
func (p *plan) indicator(ip *indPlan, ce, pe *periodEval, newUnits map[string]bool) *Indicator {
	ind := ip.describe()
	ind.Total = ce.totals[ip.id]
	if pe != nil {
		ind.PrevTotal = pe.totals[ip.id]
		ind.Delta = ip.delta(ind.Total, ind.PrevTotal)
	}
	below := map[float64][]string{}
	var gaps []float64
	for _, ue := range ce.units {
		v := ue.vals[ip.id]
		uv := &UnitValue{Unit: ue.name, Value: v, Prev: na, New: newUnits[ue.name], Target: ue.targets[ip.id]}
		if pe != nil {
			if pu := pe.byName[ue.name]; pu != nil {
				uv.Prev = pu.vals[ip.id]
				uv.Delta = ip.delta(v, uv.Prev)
			}
		}
		ind.Units = append(ind.Units, uv)
		switch {
		case v.NA:
			ind.NACount++
			ind.NA = append(ind.NA, ue.name)
		case math.Abs(v.V) < eps:
			ind.AtZero++
			ind.Zero = append(ind.Zero, ue.name)
		case ip.percent && v.V >= 1-eps:
			ind.AtFull++
			ind.Full = append(ind.Full, ue.name)
		}
		if t := uv.Target; t != nil {
			if t.Met {
				ind.Met++
				ind.MetUnits = append(ind.MetUnits, ue.name)
			} else {
				ind.NotMet++
				ind.NotMetUnits = append(ind.NotMetUnits, ue.name)
				g := t.belowValue().V
				if t.Short.NA {
					g = ip.key(g) / ip.scale() // group gaps as displayed
				}
				if below[g] == nil {
					gaps = append(gaps, g)
				}
				below[g] = append(below[g], ue.name)
			}
		}
		if uv.Delta.Has {
			switch uv.Delta.Direction {
			case Improved:
				ind.Improved = append(ind.Improved, ue.name)
			case Declined:
				ind.Declined = append(ind.Declined, ue.name)
			default:
				ind.Unchanged = append(ind.Unchanged, ue.name)
			}
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(gaps)))
	for _, g := range gaps {
		ind.Below = append(ind.Below, Group{Value: Value{V: g}, Units: below[g]})
	}
	return ind
}

// delta compares two values as displayed.
func (ip *indPlan) delta(cur, prev Value) Delta {
	if cur.NA || prev.NA {
		return Delta{}
	}
	d := Delta{Has: true, Raw: cur.V - prev.V}
	k := ip.key(cur.V) - ip.key(prev.V)
	d.Abs = k / ip.scale()
	switch {
	case k == 0:
		d.Direction = Unchanged
	case (k > 0) == (ip.better != "lower"):
		d.Direction = Improved
	default:
		d.Direction = Declined
	}
	return d
}

// targetWarnings names target entries for units the snapshot does not
// have: usually a misspelt or renamed department.
func (p *plan) targetWarnings(ce *periodEval) report.Problems {
	var ps report.Problems
	for _, ip := range p.inds {
		if ip.target == nil {
			continue
		}
		var names []string
		for n := range ip.target.Units {
			names = append(names, n)
		}
		for _, g := range ip.target.Groups {
			names = append(names, g.Units...)
		}
		sort.Strings(names)
		for _, n := range names {
			if ce.byName[n] == nil {
				ps = append(ps, report.Problem{Severity: report.Warning, File: p.file,
					Msg: fmt.Sprintf("指标 %s 的目标中列出的单位“%s”不在本期数据中", ip.id, n)})
			}
		}
	}
	return ps
}
