package notice

import (
	"fmt"
	"math"
	"sort"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// This file holds the template functions that select units by their
// values: units, full, zero, between, applicable, groupBy, withValues,
// ranked.

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

// ranked returns the ranked units of a ranking in rank order: units
// without a rank (their value is /) are never among them, so that
// last 2 (ranked "x") names the two lowest figures, not two blanks.
func (f *funcState) ranked(id string) ([]string, error) {
	r, err := f.ranking(id)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, row := range r.Rows {
		if row.Ranked() {
			out = append(out, row.Unit)
		}
	}
	return out, nil
}

// unranked returns the units of a ranking that take no rank (their value
// is /), in sheet order, whether the table lists them or not.
func (f *funcState) unranked(id string) ([]string, error) {
	r, err := f.ranking(id)
	if err != nil {
		return nil, err
	}
	return append([]string(nil), r.Unranked...), nil
}

// groupBy groups the matching units by their value of id, largest value
// first, units in snapshot order within a group.
func (f *funcState) groupBy(id, op string, x any) ([]wording.Group, error) {
	us, err := f.matching(id, op, x)
	if err != nil {
		return nil, err
	}
	var gs []wording.Group
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
			gs = append(gs, wording.Group{Value: v, Units: []string{u.Name}})
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
		parts[i] = n + "（" + wording.Figure(ind, unitValue(u, id)) + "）"
	}
	return wording.Names(parts), nil
}
