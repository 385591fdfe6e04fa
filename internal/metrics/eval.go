package metrics

import (
	"math"

	"github.com/expr-lang/expr"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// periodEval is one snapshot worked out: every indicator for every unit,
// the area totals, targets and scores.
type periodEval struct {
	snap   *snapshot.Snapshot
	units  []*unitEval
	byName map[string]*unitEval
	totals map[string]Value
}

type unitEval struct {
	name    string
	row     int
	cols    map[string]snapshot.Value
	vals    map[string]Value
	targets map[string]*Target
	score   *float64
	deds    []Deduction
}

var na = Value{NA: true}

func (p *plan) evaluate(s *snapshot.Snapshot) *periodEval {
	pe := &periodEval{snap: s, byName: map[string]*unitEval{}, totals: map[string]Value{}}
	for _, u := range s.Units {
		ue := &unitEval{name: u.Name, row: u.Row, cols: u.Values, vals: make(map[string]Value, len(p.inds)+1), targets: map[string]*Target{}}
		pe.units = append(pe.units, ue)
		pe.byName[u.Name] = ue
	}
	for _, ip := range p.order {
		if ip.kind == "score" {
			continue
		}
		for _, ue := range pe.units {
			ue.vals[ip.id] = ip.unitValue(ue)
		}
		pe.totals[ip.id] = ip.total(pe)
		if ip.target != nil {
			for _, ue := range pe.units {
				if t := ip.unitTarget(ue); t != nil {
					ue.targets[ip.id] = t
				}
			}
		}
	}
	if sc := p.def.Scoring; sc != nil {
		p.score(sc, pe)
	}
	return pe
}

// input returns the unit's value of a formula input.
func (ue *unitEval) input(r ref) Value {
	if r.ind != nil {
		return ue.vals[r.name]
	}
	sv, ok := ue.cols[r.name]
	if !ok || sv.NA {
		return Value{NA: true, Cell: sv.Cell}
	}
	return Value{V: sv.Num, Cell: sv.Cell}
}

func (ip *indPlan) unitValue(ue *unitEval) Value {
	if len(ip.inputs) == 0 && ip.prog == nil {
		return na // a definition problem, already reported
	}
	in := make([]float64, len(ip.inputs))
	for i, r := range ip.inputs {
		v := ue.input(r)
		if v.NA {
			return na
		}
		in[i] = v.V
	}
	if ip.kind == "column" {
		return ue.input(ip.inputs[0])
	}
	return ip.apply(in)
}

// apply evaluates the formula on its inputs, in input order. A result that
// is not a finite number (a division by zero) is not applicable.
func (ip *indPlan) apply(in []float64) Value {
	var v float64
	switch ip.kind {
	case "column":
		v = in[0]
	case "ratio":
		v = in[0] / in[1]
	case "sum":
		for _, x := range in {
			v += x
		}
	case "expr":
		env := make(map[string]any, len(in))
		for i, r := range ip.inputs {
			env[r.name] = in[i]
		}
		out, err := expr.Run(ip.prog, env)
		if err != nil {
			return na
		}
		v, _ = out.(float64)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return na
	}
	return Value{V: v}
}

// total computes the area-wide value by the indicator's method.
func (ip *indPlan) total(pe *periodEval) Value {
	switch ip.method {
	case report.TotalSum, report.TotalMean:
		var s float64
		n := 0
		for _, ue := range pe.units {
			if v := ue.vals[ip.id]; !v.NA {
				s += v.V
				n++
			}
		}
		switch {
		case n == 0:
			return na
		case ip.method == report.TotalMean:
			return Value{V: s / float64(n)}
		}
		return Value{V: s}
	case report.TotalWeighted:
		var s, w float64
		for _, ue := range pe.units {
			v, wt := ue.vals[ip.id], ue.input(*ip.weight)
			if !v.NA && !wt.NA {
				s += v.V * wt.V
				w += wt.V
			}
		}
		if w == 0 {
			return na
		}
		return Value{V: s / w}
	case "parts":
		return ip.partsTotal(pe)
	}
	return na
}

// partsTotal applies the formula to its inputs summed over the units where
// every input applies. An input that is itself a rate cannot be summed: its
// own area total is used.
func (ip *indPlan) partsTotal(pe *periodEval) Value {
	if len(ip.inputs) == 0 {
		if ip.prog != nil && len(pe.units) > 0 {
			return ip.apply(nil) // a constant
		}
		return na
	}
	sums := make([]float64, len(ip.inputs))
	n := 0
units:
	for _, ue := range pe.units {
		vs := make([]float64, len(ip.inputs))
		for i, r := range ip.inputs {
			v := ue.input(r)
			if v.NA {
				continue units
			}
			vs[i] = v.V
		}
		for i := range sums {
			sums[i] += vs[i]
		}
		n++
	}
	if n == 0 {
		return na
	}
	for i, r := range ip.inputs {
		if !r.additive() {
			if r.ind == nil {
				return na // a raw rate column has no area value
			}
			t := pe.totals[r.name]
			if t.NA {
				return na
			}
			sums[i] = t.V
		}
	}
	return ip.apply(sums)
}
