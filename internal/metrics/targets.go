package metrics

import (
	"math"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// eps absorbs float noise when comparing a value with its target, and when
// turning target × whole − part into whole items.
const eps = 1e-9

// targetFor returns the unit's target: its own entry, else its group's,
// else the value for all.
func targetFor(t *report.Target, unit string) (float64, bool) {
	if t == nil {
		return 0, false
	}
	if v, ok := t.Units[unit]; ok {
		return v, true
	}
	for _, g := range t.Groups {
		for _, u := range g.Units {
			if u == unit {
				return g.Value, true
			}
		}
	}
	if t.All != nil {
		return *t.All, true
	}
	return 0, false
}

// unitTarget sets the unit against its target; nil when there is none or
// the value is not applicable.
func (ip *indPlan) unitTarget(ue *unitEval) *Target {
	v := ue.vals[ip.id]
	goal, ok := targetFor(ip.target, ue.name)
	if v.NA || !ok {
		return nil
	}
	t := &Target{Value: goal, Short: na}
	if ip.better == "lower" {
		t.Met = v.V <= goal+eps
		t.Gap = v.V - goal
	} else {
		t.Met = v.V >= goal-eps
		t.Gap = goal - v.V
	}
	if t.Met {
		t.Gap = 0
	}
	switch {
	case ip.kind == "ratio" && ip.inputs[0].additive() && ip.inputs[1].additive():
		num, den := ue.input(ip.inputs[0]).V, ue.input(ip.inputs[1]).V
		short := goal*den - num
		if ip.better == "lower" {
			short = num - goal*den
		}
		t.Short = Value{V: math.Max(0, math.Ceil(short-eps))}
	case !ip.percent:
		t.Short = Value{V: t.Gap}
	}
	return t
}

// belowValue is the figure a unit below target is grouped by: how many
// parts are short when that is known, else the gap.
func (t *Target) belowValue() Value {
	if !t.Short.NA {
		return t.Short
	}
	return Value{V: t.Gap}
}
