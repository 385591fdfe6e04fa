// Package metrics turns snapshots into the figures a notice states: each
// configured indicator for every unit and for the whole area, targets and
// gaps, the change against the previous period, scores, rankings and the
// findings a template names. It is pure: no I/O.
//
// Stage: snapshot → metrics → notice (and workbook).
package metrics

import (
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// Result is everything computed for one period. Templates see it (see
// docs/template-data.md); field names are part of that contract.
type Result struct {
	Period report.Period
	// Prev is the previous period; HasPrev is false when no snapshot of it
	// was found, and then every Delta is absent.
	Prev    report.Period
	HasPrev bool
	AsOf    *time.Time

	// Indicators in definition order.
	Indicators []*Indicator
	// Units in snapshot order, each with every indicator's value.
	Units []*Unit
	// NewUnits are in this period but not the previous; GoneUnits the reverse.
	NewUnits  []string
	GoneUnits []string
	// Rankings in definition order.
	Rankings []*Ranking
	// Warnings are consistency problems that do not stop the run.
	Warnings report.Problems
}

// Value is a figure that may be not applicable (NA), which is never zero.
type Value struct {
	V  float64
	NA bool
}

// Indicator is one indicator's area-wide figures and findings.
type Indicator struct {
	ID, Name  string
	Unit      string // count, person, item, percent
	Precision int
	Percent   bool // a rate: values are fractions, shown as percents
	Better    string

	// Total is the area-wide value: counts summed, ratios as the ratio of
	// summed parts.
	Total Value
	// PrevTotal and Delta compare with the previous period.
	PrevTotal Value
	Delta     Delta

	// AtFull, AtZero and NACount count units at 100%, at zero and not
	// applicable.
	AtFull, AtZero, NACount int

	// Below lists units that miss their target, grouped by gap size,
	// largest gap first.
	Below []Group
}

// Delta is the change of a value against the previous period. For
// percents Abs is in fractions (0.0032 = 0.32 个百分点).
type Delta struct {
	Has       bool
	Abs       float64
	Direction string // "improved", "declined", "unchanged"
}

// Group is units that share one value (e.g. 各3项未梳理).
type Group struct {
	Value Value
	Units []string
}

// Unit is one unit's figures.
type Unit struct {
	Name   string
	Values map[string]Value // by indicator id
	Prev   map[string]Value // previous period, nil for new units
	Deltas map[string]Delta
	Score  *float64
	New    bool
}

// Ranking is a ranked table.
type Ranking struct {
	ID, Title string
	Columns   []RankColumn
	Rows      []RankRow
}

// RankColumn is one column of a ranking.
type RankColumn struct {
	ID, Header, Group string
	Indicator         *Indicator // nil for snapshot text columns
}

// RankRow is one ranked unit.
type RankRow struct {
	Rank  int
	Tied  bool // shares its rank with another unit (并列)
	Unit  string
	Cells []Value
	// Change is the rank change against last period: positive = up;
	// PrevRank 0 means the unit is new (新增).
	Change   int
	PrevRank int
}

// Compute works out the result for cur against prev (nil when there is no
// previous snapshot). Inconsistent figures (a report whose figures cannot
// all be true) are returned as a report.Problems error.
func Compute(def *report.Definition, cur, prev *snapshot.Snapshot) (*Result, error) {
	panic("metrics.Compute: not implemented yet")
}
