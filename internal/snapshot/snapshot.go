package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
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
	// AsOf is the 统计截止时间 stated in the sheet, if any: midnight UTC
	// of the day stated (a date, not an instant).
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

// JSON encodes the snapshot as indented JSON with a stable key order (struct
// fields in declaration order, map keys sorted), so that the archived
// snapshot.json of two identical snapshots is byte for byte the same.
func (s *Snapshot) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return b.Bytes(), nil
}

// Decode reads a snapshot written by JSON (the archived snapshot.json of
// an earlier period).
func Decode(data []byte) (*Snapshot, error) {
	var s Snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	// Severity is not serialized: everything kept is a warning.
	for i := range s.Warnings {
		s.Warnings[i].Severity = report.Warning
	}
	return &s, nil
}
