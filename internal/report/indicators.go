package report

import "fmt"

// Indicator is one figure computed for every unit and for the whole area.
// Exactly one of Column, Ratio, Sum and Expr is set.
type Indicator struct {
	// ID is how templates refer to it: {{ (ind "claim_rate").Total }}.
	ID string `yaml:"id"`
	// Name is the display name, e.g. 目录清单梳理完成率.
	Name string `yaml:"name"`

	// Column reads a column as is.
	Column string `yaml:"column"`
	// Ratio is numerator and denominator column or indicator ids; shown as
	// a percent. The area total is the ratio of the summed parts.
	Ratio []string `yaml:"ratio"`
	// Sum adds columns or indicators.
	Sum []string `yaml:"sum"`
	// Expr is an arithmetic expression over column and indicator ids,
	// e.g. "1 - 承诺时限/法定时限".
	Expr string `yaml:"expr"`

	// Unit is count, person, item or percent (how values are worded).
	Unit string `yaml:"unit"`
	// Precision is the number of decimals shown. Default 0, or 2 for percents.
	Precision *int `yaml:"precision"`
	// Better is "higher" (default) or "lower".
	Better string `yaml:"better"`
	// Target is the level each unit should reach.
	Target *Target `yaml:"target"`
}

// Target is a goal for an indicator: one value for all, or per unit or per
// group of units.
type Target struct {
	// All is the value for every unit not listed elsewhere.
	All *float64 `yaml:"all"`
	// Units maps a unit name to its own target.
	Units map[string]float64 `yaml:"units"`
	// Groups give one target to several units.
	Groups []TargetGroup `yaml:"groups"`
}

// TargetGroup is a target shared by the listed units.
type TargetGroup struct {
	Value float64  `yaml:"value"`
	Units []string `yaml:"units"`
}

// Scoring is a deduction scheme: every unit starts from Base and loses
// Per points for each unit of each rule's indicator.
type Scoring struct {
	Base  float64 `yaml:"base"`
	Rules []Rule  `yaml:"rules"`
}

// Rule deducts Per points per unit of an indicator (e.g. 0.1 per
// unclaimed item), at most Max (0 = no cap).
type Rule struct {
	Name      string  `yaml:"name"`
	Indicator string  `yaml:"indicator"`
	Per       float64 `yaml:"per"`
	Max       float64 `yaml:"max"`
}

// Ranking is a ranked table of units.
type Ranking struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// By is an indicator id or "score"; empty keeps the snapshot's order.
	By string `yaml:"by"`
	// Order is "desc" (default: best first by the indicator's direction)
	// or "asc".
	Order string `yaml:"order"`
	// Columns are the indicator (or column) ids shown, in order.
	Columns []RankColumn `yaml:"columns"`
	// ShowChange adds the rank change against last period (↑2, ↓1, 新增).
	ShowChange bool `yaml:"show_change"`
}

// RankColumn is one column of a ranking table.
type RankColumn struct {
	// Value is an indicator or column id.
	Value string `yaml:"value"`
	// Header overrides the indicator's name.
	Header string `yaml:"header"`
	// Group is the group header above it (merged across neighbours with
	// the same group).
	Group string `yaml:"group"`
}

// UnmarshalYAML accepts a bare id as shorthand.
func (c *RankColumn) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err == nil {
		c.Value = s
		return nil
	}
	type plain RankColumn
	return unmarshal((*plain)(c))
}

func (d *Definition) validateIndicators(file string) Problems {
	var ps Problems
	for i, ind := range d.Indicators {
		n := 0
		if ind.Column != "" {
			n++
		}
		if len(ind.Ratio) > 0 {
			n++
			if len(ind.Ratio) != 2 {
				ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("indicators[%d] %s: ratio 应写两项 [分子, 分母]", i, ind.ID)})
			}
		}
		if len(ind.Sum) > 0 {
			n++
		}
		if ind.Expr != "" {
			n++
		}
		if n != 1 {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("indicators[%d] %s: column、ratio、sum、expr 应恰好写一项", i, ind.ID)})
		}
		if ind.ID == "" || ind.Name == "" {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("indicators[%d] 需要 id 和 name", i)})
		}
	}
	return ps
}
