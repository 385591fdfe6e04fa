package metrics

import (
	"sort"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// ranked is one unit's place in an ordering.
type ranked struct {
	ue   *unitEval
	rank int
	tied bool
}

// rankUnits orders units by ip's value: order "" puts the best first by the
// indicator's direction, "desc" the largest, "asc" the smallest. Values are
// compared as displayed, so units shown with the same figure share a rank
// (1, 2, 2, 4); ties keep snapshot order. Units whose value is not
// applicable take no rank (rank 0) and come last, in snapshot order; they
// never split or shift the ranks of the others. A nil ip keeps snapshot
// order and numbers the rows.
func rankUnits(ip *indPlan, order string, units []*unitEval) []ranked {
	out := make([]ranked, 0, len(units))
	if ip == nil {
		for i, ue := range units {
			out = append(out, ranked{ue: ue, rank: i + 1})
		}
		return out
	}
	var rest []ranked
	for _, ue := range units {
		if ue.vals[ip.id].NA {
			rest = append(rest, ranked{ue: ue})
		} else {
			out = append(out, ranked{ue: ue})
		}
	}
	desc := order == "desc" || (order == "" && ip.better != "lower")
	key := func(r ranked) float64 { return ip.key(r.ue.vals[ip.id].V) }
	sort.SliceStable(out, func(i, j int) bool {
		if desc {
			return key(out[i]) > key(out[j])
		}
		return key(out[i]) < key(out[j])
	})
	for i := range out {
		if i > 0 && key(out[i]) == key(out[i-1]) {
			out[i].rank = out[i-1].rank
			out[i].tied, out[i-1].tied = true, true
		} else {
			out[i].rank = i + 1
		}
	}
	return append(out, rest...)
}

// ranking builds one ranked table, with the rank change against prev when
// there is a previous period.
func (p *plan) ranking(d report.Ranking, cur, prev *periodEval, inds map[string]*Indicator, newUnits map[string]bool) *Ranking {
	ip := p.byID[d.By]
	r := &Ranking{ID: d.ID, Title: d.Title, By: d.By, ShowChange: d.ShowChange && prev != nil}
	if ip != nil {
		r.Indicator = inds[ip.id]
	}
	for _, c := range d.Columns {
		rc := RankColumn{ID: c.Value, Header: c.Header, Group: c.Group, Indicator: inds[c.Value]}
		if rc.Indicator != nil {
			rc.Percent, rc.Precision = rc.Indicator.Percent, rc.Indicator.Precision
		} else if col := p.cols[c.Value]; col != nil && col.Kind == report.Rate {
			rc.Percent, rc.Precision = true, 2
		}
		if rc.Header == "" {
			if rc.Indicator != nil {
				rc.Header = rc.Indicator.Name
			} else {
				rc.Header = c.Value
			}
		}
		r.Columns = append(r.Columns, rc)
	}
	prevRank := map[string]int{}
	if prev != nil && ip != nil {
		for _, pr := range rankUnits(ip, d.Order, prev.units) {
			prevRank[pr.ue.name] = pr.rank
		}
	}
	var listed []*unitEval
	for _, rk := range rankUnits(ip, d.Order, cur.units) {
		if rk.rank == 0 {
			r.Unranked = append(r.Unranked, rk.ue.name)
			if d.Unranked == report.UnrankedOmit {
				continue
			}
		}
		listed = append(listed, rk.ue)
		row := RankRow{Rank: rk.rank, Tied: rk.tied, Unit: rk.ue.name, New: newUnits[rk.ue.name]}
		if ip != nil {
			row.Value = rk.ue.vals[ip.id]
		}
		for _, c := range r.Columns {
			row.Cells = append(row.Cells, rk.ue.cell(c.ID, c.Indicator != nil))
		}
		if pr := prevRank[rk.ue.name]; pr > 0 {
			row.PrevRank = pr
			if rk.rank > 0 {
				row.Change = pr - rk.rank
			}
		}
		r.Rows = append(r.Rows, row)
	}
	if d.Total != "" {
		r.Total = p.rankTotal(d.Total, r.Columns, cur, listed)
	}
	return r
}

// rankTotal is the totals row of a ranking listing units: each column by
// its own rule, over the units listed (all of the period's units unless
// some were left out, when the indicators' totals are worked out again
// over those listed).
func (p *plan) rankTotal(label string, cols []RankColumn, cur *periodEval, listed []*unitEval) *RankTotal {
	totals := cur.totals
	if len(listed) != len(cur.units) {
		sub := &periodEval{snap: cur.snap, units: listed, totals: map[string]Value{}}
		for _, ip := range p.order {
			if ip.kind != "score" {
				sub.totals[ip.id] = ip.total(sub)
			}
		}
		totals = sub.totals
	}
	t := &RankTotal{Label: label}
	for _, c := range cols {
		if c.Indicator != nil {
			v, ok := totals[c.ID]
			if !ok {
				v = na
			}
			t.Cells = append(t.Cells, v)
			continue
		}
		col := p.cols[c.ID]
		if col == nil || (col.Kind != report.Count && col.Kind != report.Number && col.Kind != "") {
			t.Cells = append(t.Cells, na)
			continue
		}
		sum, n := 0.0, 0
		for _, ue := range listed {
			if v := ue.cell(c.ID, false); !v.NA {
				sum += v.V
				n++
			}
		}
		if n == 0 {
			t.Cells = append(t.Cells, na)
		} else {
			t.Cells = append(t.Cells, Value{V: sum})
		}
	}
	return t
}

// cell is the unit's value of an indicator, or of a snapshot column (text
// columns keep their text).
func (ue *unitEval) cell(id string, isInd bool) Value {
	if isInd {
		return ue.vals[id]
	}
	sv, ok := ue.cols[id]
	if !ok {
		return na
	}
	return Value{V: sv.Num, NA: sv.NA, Text: sv.Text, Cell: sv.Cell}
}
