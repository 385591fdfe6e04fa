// Package workbook writes the ranking tables as rankings.xlsx: one sheet per
// table, for staff to sort and forward.
//
// Stage: metrics → workbook.
package workbook

import (
	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// Bytes returns rankings.xlsx for res.
func Bytes(def *report.Definition, res *metrics.Result) ([]byte, error) {
	panic("workbook.Bytes: not implemented yet")
}
