package metrics

import (
	"math"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// score applies the deduction rules to every unit: each rule takes Per
// points for each item counted (the indicator's value, or how far below
// target), capped at Max; the score is Base minus all deductions, not below
// Min.
func (p *plan) score(sc *report.Scoring, pe *periodEval) {
	for _, ue := range pe.units {
		s := sc.Base
		for _, r := range sc.Rules {
			ip := p.byID[r.Indicator]
			if ip == nil {
				continue
			}
			var amount float64
			if r.Of == "short" {
				if t := ue.targets[ip.id]; t != nil {
					amount = t.belowValue().V
					if t.Short.NA && ip.percent {
						amount *= 100 // percentage points
					}
				}
			} else if v := ue.vals[ip.id]; !v.NA {
				amount = v.V
			}
			pts := math.Round(r.Per*amount*1e9) / 1e9 // 0.1×3 is 0.3
			if r.Max > 0 {
				pts = math.Min(pts, r.Max)
			}
			if pts != 0 {
				name := r.Name
				if name == "" {
					name = ip.name
				}
				ue.deds = append(ue.deds, Deduction{Rule: name, Amount: amount, Points: pts})
			}
			s -= pts
		}
		s = math.Round(s*1e9) / 1e9 // 100 − 0.1×3 is 99.7, not 99.69999…
		if sc.Min != nil {
			s = math.Max(s, *sc.Min)
		}
		ue.score = &s
		ue.vals[ScoreID] = Value{V: s}
	}
	pe.totals[ScoreID] = na
}
