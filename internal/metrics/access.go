package metrics

import (
	"fmt"
	"sort"
	"strings"
)

// Ind returns the indicator with the given id. The error names the missing
// id and lists the available ones, in the words a template author reads:
// 没有名为 X 的指标; 可用: A、B、C.
func (r *Result) Ind(id string) (*Indicator, error) {
	for _, ind := range r.Indicators {
		if ind.ID == id {
			return ind, nil
		}
	}
	ids := make([]string, len(r.Indicators))
	for i, ind := range r.Indicators {
		ids[i] = ind.ID
	}
	return nil, fmt.Errorf("没有名为 %s 的指标; 可用: %s", id, strings.Join(ids, "、"))
}

// Ranking returns the ranking with the given id, or an error listing the
// available ones.
func (r *Result) Ranking(id string) (*Ranking, error) {
	for _, rk := range r.Rankings {
		if rk.ID == id {
			return rk, nil
		}
	}
	ids := make([]string, len(r.Rankings))
	for i, rk := range r.Rankings {
		ids[i] = rk.ID
	}
	return nil, fmt.Errorf("没有名为 %s 的排名表; 可用: %s", id, strings.Join(ids, "、"))
}

// Unit returns the unit with the given name, or an error listing the
// units there are.
func (r *Result) Unit(name string) (*Unit, error) {
	names := make([]string, len(r.Units))
	for i, u := range r.Units {
		if u.Name == name {
			return u, nil
		}
		names[i] = u.Name
	}
	return nil, fmt.Errorf("本期数据中没有单位 %s; 可用: %s", name, strings.Join(names, "、"))
}

// Get returns the unit's value of an indicator (NA when unknown).
func (u *Unit) Get(id string) Value {
	if v, ok := u.Values[id]; ok {
		return v
	}
	return na
}

// Of returns the indicator's value for the named unit, or nil.
func (ind *Indicator) Of(unit string) *UnitValue {
	for _, uv := range ind.Units {
		if uv.Unit == unit {
			return uv
		}
	}
	return nil
}

// Top returns the n best units by the indicator's direction, best first,
// leaving out units not applicable. Units tied with the n-th are included,
// so a template never names one of two equal units and not the other.
func (ind *Indicator) Top(n int) []*UnitValue { return ind.extreme(n, true) }

// Bottom returns the n worst units, worst first, ties with the n-th
// included.
func (ind *Indicator) Bottom(n int) []*UnitValue { return ind.extreme(n, false) }

func (ind *Indicator) extreme(n int, best bool) []*UnitValue {
	ip := ind.plan()
	var vs []*UnitValue
	for _, uv := range ind.Units {
		if !uv.Value.NA {
			vs = append(vs, uv)
		}
	}
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i].Value.V, vs[j].Value.V
		if best {
			return ip.isBetter(a, b)
		}
		return ip.isBetter(b, a)
	})
	if n <= 0 {
		return nil
	}
	i := n
	for i < len(vs) && ip.key(vs[i].Value.V) == ip.key(vs[n-1].Value.V) {
		i++
	}
	if i > len(vs) {
		i = len(vs)
	}
	return vs[:i]
}

// plan rebuilds the display rules of the indicator (precision, percent,
// direction) for comparisons made after Compute.
func (ind *Indicator) plan() *indPlan {
	return &indPlan{precision: ind.Precision, percent: ind.Percent, better: ind.Better}
}

// Key returns v as displayed, in units of the last digit shown: two values
// with equal keys read the same in the notice.
func (ind *Indicator) Key(v float64) float64 { return ind.plan().key(v) }
