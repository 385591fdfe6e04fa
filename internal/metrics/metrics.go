package metrics

import (
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Result is everything computed for one period. Templates see it (see
// docs/template-data.md); field names are part of that contract.
//
// Compute cannot know the periods (snapshots do not name them): the caller
// sets Period, and Prev when HasPrev.
type Result struct {
	Period report.Period
	// Prev is the previous period; HasPrev is false when no snapshot of it
	// was found, and then every Delta is absent.
	Prev    report.Period
	HasPrev bool
	// AsOf is the 统计截止时间 of the current snapshot, PrevAsOf of the
	// previous one, when the sheets state them.
	AsOf     *time.Time
	PrevAsOf *time.Time

	// Indicators in definition order; when the definition has scoring, the
	// score is the last one, with id "score".
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

	// Dataset is the id of the dataset the figures are from ("" for a
	// report without datasets:).
	Dataset string
	// Datasets are, for a report with datasets:, each further dataset's
	// figures by id (this Result is the first dataset's; its Rankings hold
	// every dataset's rankings, in definition order). Set by the caller.
	Datasets map[string]*Result `json:",omitempty"`
	// YearAgo is the same figures compared with the same period a year
	// earlier (同比: its Prev is that period, its deltas are year on year);
	// nil when the archive does not hold it. Set by the caller.
	YearAgo *Result `json:",omitempty"`
}

// ScoreID is the indicator id of the composite score.
const ScoreID = "score"

// Value is a figure that may be not applicable (NA), which is never zero.
type Value struct {
	V  float64
	NA bool
	// Text is the cell's text, for text columns shown in rankings.
	Text string `json:",omitempty"`
	// Cell is the snapshot cell a column value came from ("I9").
	Cell string `json:",omitempty"`
}

// Indicator is one indicator's area-wide figures and findings.
type Indicator struct {
	ID, Name  string
	Unit      string // count, person, item, percent, point
	Precision int
	Percent   bool // a rate: values are fractions, shown as percents
	Better    string
	// Kind is column, ratio, sum, expr or score.
	Kind string

	// Total is the area-wide value: counts summed, ratios as the ratio of
	// summed parts.
	Total Value
	// TotalMethod says how Total was computed: "sum", "parts" (the
	// formula over summed parts: a ratio of sums), "mean", "weighted" or
	// "none" (Total is NA).
	TotalMethod string
	// PrevTotal and Delta compare with the previous period.
	PrevTotal Value
	Delta     Delta

	// AtFull, AtZero and NACount count units at 100% (percents only), at
	// zero and not applicable; Full, Zero and NA name them.
	AtFull, AtZero, NACount int
	Full, Zero, NA          []string

	// TargetAll is the target for every unit not listed by name or group
	// (target: all), NA when there is none: "低于90%的目标".
	TargetAll Value
	// HasTarget is true when the indicator has a target; Met and NotMet
	// count units meeting it or not (NA units are neither): they are
	// numbers ({{.Met}}, not len); MetUnits and NotMetUnits name them, in
	// sheet order.
	HasTarget             bool
	Met, NotMet           int
	MetUnits, NotMetUnits []string
	// Below lists units that miss their target, grouped by gap size,
	// largest gap first.
	Below []Group
	// BelowUnit is the unit of Below's values: the ratio's parts unit
	// (item, person, …) when grouped by how many are short, else the
	// indicator's own Unit.
	BelowUnit string

	// Improved, Declined and Unchanged name the units whose value changed
	// that way since the previous period (only units with both values).
	Improved, Declined, Unchanged []string

	// Units are the per-unit values in snapshot order.
	Units []*UnitValue
}

// UnitValue is one unit's value of one indicator, with its comparison and
// target.
type UnitValue struct {
	Unit  string
	Value Value
	// Prev is last period's value (NA when the unit is new or was NA).
	Prev  Value
	Delta Delta
	New   bool
	// Target is nil when the indicator has no target for the unit, or the
	// unit's value is not applicable.
	Target *Target
}

// Target is one unit's standing against its target.
type Target struct {
	// Value is the target (a fraction for percents).
	Value float64
	Met   bool
	// Gap is how far below target, in the indicator's own unit (a fraction
	// for percents); 0 when met.
	Gap float64
	// Short is how many parts are missing to reach the target, for ratio
	// indicators (e.g. 3 items unclaimed); NA for others.
	Short Value
}

// Delta is the change of a value against the previous period. For
// percents Abs is in fractions (0.0032 = 0.32 个百分点). Abs is the
// difference of the two values as displayed (rounded to the indicator's
// precision); Raw is the exact difference.
type Delta struct {
	Has       bool
	Abs       float64
	Raw       float64
	Direction string // "improved", "declined", "unchanged"
}

// Directions of a Delta.
const (
	Improved  = "improved"
	Declined  = "declined"
	Unchanged = "unchanged"
)

// Group is units that share one value (e.g. 各3项未梳理).
type Group struct {
	Value Value
	Units []string
}

// Unit is one unit's figures.
type Unit struct {
	Name   string
	Row    int
	Values map[string]Value // by indicator id
	Prev   map[string]Value // previous period, nil for new units
	Deltas map[string]Delta
	// Targets by indicator id, for indicators with a target.
	Targets map[string]*Target
	// Columns are the snapshot's values by column id (text columns too).
	Columns map[string]Value
	Score   *float64
	// Deductions are the scoring rules that took points off, in rule order.
	Deductions []Deduction
	New        bool
}

// Deduction is the points one scoring rule took from a unit.
type Deduction struct {
	Rule   string
	Amount float64 // what was counted (items, people, points)
	Points float64
}

// Ranking is a ranked table.
type Ranking struct {
	ID, Title string
	// By is the ranked indicator id ("" keeps the snapshot's order);
	// Indicator is that indicator.
	By        string
	Indicator *Indicator
	// ShowChange asks for the rank change column; it is only meaningful
	// when the Result HasPrev.
	ShowChange bool
	Columns    []RankColumn
	Rows       []RankRow
	// Unranked names the units whose ranked value is not applicable, in
	// sheet order: they take no rank, and are the last Rows (Rank 0) or
	// not in Rows at all (unranked: omit).
	Unranked []string
	// Total is the totals row (total: 合计 in report.yaml), nil without.
	Total *RankTotal
}

// RankTotal is a ranking's totals row: each column's figure over the units
// in Rows, by the column's own rule (an indicator's TotalMethod: counts
// summed, ratios as the ratio of the sums; a snapshot count or number
// column summed; anything else not applicable).
type RankTotal struct {
	Label string
	Cells []Value
}

// RankColumn is one column of a ranking.
type RankColumn struct {
	ID, Header, Group string
	Indicator         *Indicator // nil for snapshot columns
	// Percent and Precision say how to show the column's values (from
	// the indicator, or for a snapshot rate column: percent, 2).
	Percent   bool
	Precision int
}

// RankRow is one ranked unit.
type RankRow struct {
	// Rank is 1-based; ties share a rank (1, 2, 2, 4). A unit whose ranked
	// value is not applicable takes no rank: Rank is 0 (written /), and it
	// comes after the ranked units, in sheet order, unless the ranking
	// leaves it out (unranked: omit).
	Rank int
	Tied bool // shares its rank with another unit (并列)
	Unit string
	// Value is the ranked value.
	Value Value
	Cells []Value
	// Change is the rank change against last period: positive = up;
	// PrevRank 0 means the unit had no rank then: New tells whether it is
	// new this period (新增).
	Change   int
	PrevRank int
	New      bool
}

// Ranked reports whether the row has a rank (its ranked value applies).
func (r RankRow) Ranked() bool { return r.Rank > 0 }
