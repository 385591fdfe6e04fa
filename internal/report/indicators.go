package report

import "fmt"

// Indicator is one figure computed for every unit and for the whole area.
// Exactly one of Column, Ratio, Sum and Expr is set.
type Indicator struct {
	// ID is how templates refer to it: {{ (ind "claim_rate").Total }}.
	ID string `yaml:"id"`
	// Name is the display name, e.g. 目录清单梳理完成率.
	Name string `yaml:"name"`
	// Dataset is the id of the dataset it is computed from (reports with
	// datasets:); default the first.
	Dataset string `yaml:"dataset"`

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

	// Total says how the area-wide value is computed:
	//   - "" (default): a count/number column is summed; a rate column has
	//     no total (a mean of rates is not a rate); a ratio, sum or expr is
	//     the formula applied to its inputs summed over the units where all
	//     inputs apply (a ratio of sums).
	//   - "sum": the units' values added.
	//   - "mean": the plain mean of the units' values. Say so in the
	//     notice's wording: it is not a ratio of sums.
	//   - "weighted": the mean weighted by the Weight column or indicator,
	//     sum(value*weight)/sum(weight).
	//   - "none": no area-wide value.
	Total string `yaml:"total"`
	// Weight is the column or indicator id weighting a "weighted" total.
	Weight string `yaml:"weight"`
	// PartsUnit is what a ratio's parts count (item, person, count); it
	// words "how many short of target". Default item.
	PartsUnit string `yaml:"parts_unit"`
	// Stated is a rate column that states this same figure per unit (and in
	// the 合计 row); metrics checks that the two agree.
	Stated string `yaml:"stated"`
	// AllowOver lets a ratio's numerator exceed its denominator; by
	// default that is an inconsistency that stops the run.
	AllowOver bool `yaml:"allow_over"`
}

// Total methods of Indicator.Total.
const (
	TotalDefault  = ""
	TotalSum      = "sum"
	TotalMean     = "mean"
	TotalWeighted = "weighted"
	TotalNone     = "none"
)

// Check is a consistency rule that must hold for every unit (and for the
// 合计 row, if the sheet has one), e.g. "应填报 == 已审核 + 待完善". A unit
// that breaks it stops the run: its figures cannot all be true. The 合计
// row breaking it is a warning (see Definition.TotalRow).
type Check struct {
	// Expr is a boolean expression over column and indicator ids.
	Expr string `yaml:"expr"`
	// Msg says in Chinese what is wrong when it fails.
	Msg string `yaml:"message"`
	// Dataset is the dataset whose rows it checks; default the first.
	Dataset string `yaml:"dataset"`
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
	// Name is the score's display name; default 综合得分.
	Name  string  `yaml:"name"`
	Base  float64 `yaml:"base"`
	Rules []Rule  `yaml:"rules"`
	// Min is the lowest score a unit can get (e.g. 0); nil = no floor.
	Min *float64 `yaml:"min"`
	// Precision is the number of decimals shown; default 1.
	Precision *int `yaml:"precision"`
}

// Rule deducts Per points per unit of an indicator (e.g. 0.1 per
// unclaimed item), at most Max (0 = no cap).
type Rule struct {
	Name      string  `yaml:"name"`
	Indicator string  `yaml:"indicator"`
	Per       float64 `yaml:"per"`
	Max       float64 `yaml:"max"`
	// Of is what Per multiplies: "value" (default), the indicator's value;
	// or "short", how far the unit is below the indicator's target (items
	// short for a ratio, e.g. 0.5 per missing officer; percentage points
	// for other percents; the gap otherwise).
	Of string `yaml:"of"`
}

// Ranking is a ranked table of units.
type Ranking struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// Dataset is the dataset whose units it ranks; default the first.
	Dataset string `yaml:"dataset"`
	// By is an indicator id or "score"; empty keeps the snapshot's order.
	By string `yaml:"by"`
	// Order is "" (default: best first by the indicator's direction),
	// "desc" (largest first) or "asc" (smallest first).
	Order string `yaml:"order"`
	// Columns are the indicator (or column) ids shown, in order.
	Columns []RankColumn `yaml:"columns"`
	// ShowChange adds the rank change against last period (↑2, ↓1, 新增).
	ShowChange bool `yaml:"show_change"`
	// Unranked says where the units whose By value is not applicable
	// (/) go: UnrankedLast (default) lists them, without a rank, after
	// the ranked ones; UnrankedOmit leaves them out of the table. Either
	// way they take no rank and no template helper counts them as ranked.
	Unranked string `yaml:"unranked"`
	// Total, when set, is the label of a totals row (合计, 全县合计) at the
	// end of the table: each column's area figure over the units listed,
	// by its own rule (counts summed, ratios as the ratio of the sums, a
	// rate column without a total rule /).
	Total string `yaml:"total"`
}

// Values of Ranking.Unranked.
const (
	UnrankedLast = "last"
	UnrankedOmit = "omit"
)

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
				ps = append(ps, Problem{File: file, Msg: d.IndicatorRef(i) + "：ratio 应写两项 [分子, 分母]"})
			}
		}
		if len(ind.Sum) > 0 {
			n++
		}
		if ind.Expr != "" {
			n++
		}
		if n != 1 {
			ps = append(ps, Problem{File: file, Msg: d.IndicatorRef(i) + "：column、ratio、sum、expr 应恰好写一项"})
		}
		if ind.ID == "" || ind.Name == "" {
			ps = append(ps, Problem{File: file, Msg: d.IndicatorRef(i) + "：需要 id 和 name"})
		}
		switch ind.Total {
		case TotalDefault, TotalSum, TotalMean, TotalNone:
		case TotalWeighted:
			if ind.Weight == "" {
				ps = append(ps, Problem{File: file, Msg: d.IndicatorRef(i) + "：total: weighted 需要 weight（权重列或指标）"})
			}
		default:
			ps = append(ps, Problem{File: file, Msg: d.IndicatorRef(i) + "：total 应为 sum、mean、weighted 或 none", Got: ind.Total})
		}
		switch ind.Better {
		case "", "higher", "lower":
		default:
			ps = append(ps, Problem{File: file, Msg: d.IndicatorRef(i) + "：better 应为 higher 或 lower", Got: ind.Better})
		}
	}
	if d.Scoring != nil {
		for i, r := range d.Scoring.Rules {
			if d.Indicator(r.Indicator) == nil {
				ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("%s 引用的指标 %q 不在 indicators 中", d.Ref("scoring.rules", i, "评分规则", r.Name), r.Indicator)})
			}
			switch r.Of {
			case "", "value", "short":
			default:
				ps = append(ps, Problem{File: file, Msg: d.Ref("scoring.rules", i, "评分规则", r.Name) + " 的 of 应为 value 或 short", Got: r.Of})
			}
		}
	}
	for i, r := range d.Rankings {
		switch r.Order {
		case "", "asc", "desc":
		default:
			ps = append(ps, Problem{File: file, Msg: d.Ref("rankings", i, "排名表", r.ID) + "：order 应为 asc 或 desc（不写则好的在前）", Got: r.Order})
		}
		switch r.Unranked {
		case "", UnrankedLast, UnrankedOmit:
		default:
			ps = append(ps, Problem{File: file, Msg: d.Ref("rankings", i, "排名表", r.ID) + "：unranked 应为 last（无数值的单位列在最后，不排名，默认）或 omit（不列出）", Got: r.Unranked})
		}
	}
	return ps
}
