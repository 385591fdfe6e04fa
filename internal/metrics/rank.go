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
// applicable come last, unranked (rank 0). A nil ip keeps snapshot order
// and numbers the rows.
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
	for _, rk := range rankUnits(ip, d.Order, cur.units) {
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
	return r
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
