// Package snapshot reads one period's indicator table (the spreadsheet a
// provincial platform exports, one row per unit) into typed values, each of
// which remembers the cell it came from. It is the only package that reads
// workbooks.
//
// Stage: source file → snapshot → metrics.
package snapshot

import (
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Snapshot is one period's table, as read.
type Snapshot struct {
	// File is the base name of the file read; Sheet the worksheet.
	File  string `json:"file"`
	Sheet string `json:"sheet"`
	// SHA256 is the hex digest of the file's bytes.
	SHA256 string `json:"sha256"`
	// AsOf is the 统计截止时间 stated in the sheet, if any.
	AsOf *time.Time `json:"as_of,omitempty"`
	// Columns are the report's column ids, in definition order.
	Columns []string `json:"columns"`
	// Units are the data rows, in sheet order, 合计 rows excluded.
	Units []Unit `json:"units"`
	// Total is the sheet's own 合计/总计 row, if it has one.
	Total *Unit `json:"total,omitempty"`
	// Warnings are problems that do not stop a run.
	Warnings report.Problems `json:"warnings,omitempty"`
}

// Unit is one row: a department and its values by column id.
type Unit struct {
	Name   string           `json:"name"`
	Row    int              `json:"row"` // 1-based sheet row
	Values map[string]Value `json:"values"`
}

// Value is one cell's figure. NA (not applicable: "/", "—", "-", empty) is
// distinct from zero everywhere downstream. Rates are stored as fractions
// (99.81% → 0.9981).
type Value struct {
	Num  float64 `json:"num"`
	NA   bool    `json:"na,omitempty"`
	Text string  `json:"text,omitempty"` // for text columns
	Cell string  `json:"cell,omitempty"` // "I9"
}

// Unit returns the unit with the given name, or nil.
func (s *Snapshot) Unit(name string) *Unit {
	for i := range s.Units {
		if s.Units[i].Name == name {
			return &s.Units[i]
		}
	}
	return nil
}
