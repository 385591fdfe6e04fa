package metrics

import (
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// consistency finds figures in the current period that cannot all be true:
// negative counts, a ratio's part larger than its whole, a stated rate that
// disagrees with its parts and a failed check from the definition are
// errors: such a report must not issue. A 合计 row that disagrees with the
// units is a warning (see totalRow).
func (p *plan) consistency(pe *periodEval) report.Problems {
	s := pe.snap
	var ps report.Problems
	add := func(cell, got, format string, args ...any) {
		ps = append(ps, report.Problem{File: s.File, Sheet: s.Sheet, Cell: cell, Got: got, Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]int{}
	for _, ue := range pe.units {
		if row, dup := seen[ue.name]; dup {
			add("", "", "单位“%s”出现两次（第%d行和第%d行），每个单位只能有一行", ue.name, row, ue.row)
		}
		seen[ue.name] = ue.row
		for _, c := range p.def.Columns {
			if c.Kind != report.Count {
				continue
			}
			if v, ok := ue.cols[c.ID]; ok && !v.NA && v.Num < 0 {
				add(v.Cell, num(v.Num), "%s的%s不能为负数", ue.name, c.ID)
			}
		}
		for _, ip := range p.order {
			if ip.kind == "ratio" && !ip.def.AllowOver && len(ip.inputs) == 2 {
				a, b := ue.input(ip.inputs[0]), ue.input(ip.inputs[1])
				if !a.NA && !b.NA && a.V > b.V+eps {
					add(a.Cell, "", "%s的%s（%s）大于%s（%s），部分不能大于整体", ue.name, ip.inputs[0].name, num(a.V), ip.inputs[1].name, num(b.V))
				}
			}
			if ip.stated != nil {
				sv, ok := ue.cols[ip.stated.ID]
				v := ue.vals[ip.id]
				if ok && !v.NA && (sv.NA || math.Abs(sv.Num-v.V) > 1/ip.scale()+eps) {
					add(sv.Cell, statedText(sv, ip), "%s的%s应为 %s（按%s计算）", ue.name, ip.stated.ID, ip.show(v.V), ip.formula())
				}
			}
		}
		for _, c := range p.checks {
			if ok, got := c.holds(func(r ref) Value { return ue.input(r) }); !ok {
				cell := ""
				if len(c.inputs) > 0 {
					cell = ue.input(c.inputs[0]).Cell
				}
				add(cell, got, "%s：%s", ue.name, c.message())
			}
		}
	}
	if s.Total != nil {
		ps = append(ps, p.totalRow(pe, s.Total)...)
	}
	return ps
}

// totalRow compares the sheet's own 合计 row with the figures computed
// from the units' rows: each stated rate (stated:) against the indicator's
// area total, and each check from the definition. The counts' sums are
// compared by the snapshot as it is read. A published total row is often
// wrong while its rows are right, and the notice's figures are computed
// from the rows: so these are warnings, unless the definition says
// total_row: refuse.
func (p *plan) totalRow(pe *periodEval, t *snapshot.Unit) report.Problems {
	s := pe.snap
	var ps report.Problems
	sev, hint := report.Warning, "通报采用按各单位计算的数"
	if p.def.TotalRow == report.TotalRowRefuse {
		sev, hint = report.Error, "请核对合计行与各单位的数（report.yaml 设有 total_row: refuse，合计行不符即停止）"
	}
	add := func(cell, got, format string, args ...any) {
		ps = append(ps, report.Problem{Severity: sev, File: s.File, Sheet: s.Sheet, Cell: cell, Got: got, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	for _, ip := range p.order {
		if ip.stated == nil {
			continue
		}
		v, ok := t.Values[ip.stated.ID]
		tot := pe.totals[ip.id]
		if ok && !v.NA && !tot.NA && math.Abs(v.Num-tot.V) > 1/ip.scale()+eps {
			add(v.Cell, statedText(v, ip), "%s行的%s按各单位计算为 %s（各单位%s合计）", t.Name, ip.stated.ID, ip.show(tot.V), ip.formula())
		}
	}
	for _, c := range p.checks {
		get := func(r ref) Value {
			if r.ind != nil {
				return pe.totals[r.name]
			}
			if v, ok := t.Values[r.name]; ok && !v.NA {
				return Value{V: v.Num, Cell: v.Cell}
			}
			return na
		}
		if ok, got := c.holds(get); !ok {
			cell := ""
			for _, r := range c.inputs {
				if v, ok := t.Values[r.name]; ok && v.Cell != "" {
					cell = v.Cell
					break
				}
			}
			add(cell, got, "%s行：%s", t.Name, c.message())
		}
	}
	return ps
}

// holds evaluates the check on values from get; inapplicable inputs make
// the check moot. got lists the inputs for the message.
func (c checkPlan) holds(get func(ref) Value) (bool, string) {
	env := map[string]any{}
	var parts []string
	for _, r := range c.inputs {
		v := get(r)
		if v.NA {
			return true, ""
		}
		env[r.name] = v.V
		parts = append(parts, r.name+"="+num(v.V))
	}
	out, err := expr.Run(c.prog, env)
	ok, _ := out.(bool)
	return err == nil && ok, strings.Join(parts, "，")
}

func (c checkPlan) message() string {
	if c.src.Msg != "" {
		return c.src.Msg
	}
	return "不满足 " + c.src.Expr
}

// formula words how the indicator is computed, for messages.
func (ip *indPlan) formula() string {
	names := make([]string, len(ip.inputs))
	for i, r := range ip.inputs {
		names[i] = r.name
	}
	switch ip.kind {
	case "ratio":
		return strings.Join(names, "/")
	case "sum":
		return strings.Join(names, "+")
	case "expr":
		return ip.def.Expr
	}
	return strings.Join(names, "")
}

// show formats v as the indicator displays it (for messages only; the
// notice's wording is the templates').
func (ip *indPlan) show(v float64) string {
	if ip.percent {
		return fmt.Sprintf("%.*f%%", ip.precision, v*100)
	}
	return fmt.Sprintf("%.*f", ip.precision, v)
}

func statedText(v snapshot.Value, ip *indPlan) string {
	if v.NA {
		return "/"
	}
	if v.Text != "" {
		return v.Text
	}
	return ip.show(v.Num)
}

func num(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.6f", v), "0"), ".")
}
