package metrics

import (
	"sort"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Join makes the figures of a report with datasets: from first, the first
// dataset's Result, holding each of others in Datasets under its Dataset
// id, and every dataset's rankings (in the order def declares them) and
// warnings. With no others, first is returned as it is.
func Join(def *report.Definition, first *Result, others []*Result) *Result {
	if len(others) == 0 {
		return first
	}
	first.Datasets = make(map[string]*Result, len(others))
	for _, r := range others {
		first.Datasets[r.Dataset] = r
		first.Rankings = append(first.Rankings, r.Rankings...)
		first.Warnings = append(first.Warnings, r.Warnings...)
	}
	order := map[string]int{}
	for i, r := range def.Rankings {
		order[r.ID] = i
	}
	sort.SliceStable(first.Rankings, func(i, j int) bool { return order[first.Rankings[i].ID] < order[first.Rankings[j].ID] })
	return first
}
