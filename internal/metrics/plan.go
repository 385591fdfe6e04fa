package metrics

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// plan is a definition compiled for evaluation: references resolved,
// expressions compiled, indicators in dependency order.
type plan struct {
	def    *report.Definition
	file   string     // report.yaml, for messages
	inds   []*indPlan // definition order (score last)
	order  []*indPlan // dependency order
	byID   map[string]*indPlan
	cols   map[string]*report.Column
	checks []checkPlan
}

// ref is an input of a formula: an indicator or a snapshot column.
type ref struct {
	name string
	ind  *indPlan
	col  *report.Column
}

// additive reports whether the input's unit values may be added up to make
// an area figure (counts and numbers, not rates).
func (r ref) additive() bool {
	if r.ind != nil {
		return !r.ind.percent
	}
	return r.col.Kind != report.Rate
}

// indPlan is one compiled indicator.
type indPlan struct {
	def       *report.Indicator // nil for the score
	id, name  string
	kind      string // column, ratio, sum, expr, score
	inputs    []ref
	prog      *vm.Program
	unit      string
	percent   bool
	precision int
	better    string
	method    string // sum, parts, mean, weighted, none
	weight    *ref
	stated    *report.Column
	target    *report.Target
	partsUnit string
}

type checkPlan struct {
	i      int
	src    report.Check
	inputs []ref
	prog   *vm.Program
}

// Validate compiles the definition's indicators, checks, scoring and
// rankings and returns every problem found (unknown ids, bad expressions,
// cycles). bulletin check calls it; Compute does the same before working.
func Validate(def *report.Definition) report.Problems {
	_, ps := compile(def)
	return ps
}

func compile(def *report.Definition) (*plan, report.Problems) {
	p := &plan{
		def:  def,
		file: filepath.Join(def.Dir, report.FileName),
		byID: map[string]*indPlan{},
		cols: map[string]*report.Column{},
	}
	var ps report.Problems
	bad := func(format string, args ...any) {
		ps = append(ps, report.Problem{File: p.file, Msg: fmt.Sprintf(format, args...)})
	}
	for i := range def.Columns {
		p.cols[def.Columns[i].ID] = &def.Columns[i]
	}
	for i := range def.Indicators {
		d := &def.Indicators[i]
		ip := &indPlan{def: d, id: d.ID, name: d.Name, better: d.Better, target: d.Target, partsUnit: d.PartsUnit}
		if p.byID[d.ID] != nil {
			bad("indicators[%d] 的 id %q 重复", i, d.ID)
			continue
		}
		if d.ID == ScoreID && def.Scoring != nil {
			bad("indicators[%d] 的 id %q 留给综合得分，请换一个", i, d.ID)
		}
		p.byID[d.ID] = ip
		p.inds = append(p.inds, ip)
	}
	// Resolve inputs: an id names an indicator (other than the one being
	// defined) if there is one, else a column.
	resolve := func(ip *indPlan, name, where string) (ref, bool) {
		if o := p.byID[name]; o != nil && o != ip {
			return ref{name: name, ind: o}, true
		}
		if c := p.cols[name]; c != nil {
			if c.Kind == report.Text {
				bad("%s 引用的列 %q 是文本列，不能参与计算", where, name)
				return ref{}, false
			}
			return ref{name: name, col: c}, true
		}
		bad("%s 引用了未定义的列或指标 %q；可用：%s", where, name, p.available())
		return ref{}, false
	}
	for i, ip := range p.inds {
		d := ip.def
		where := fmt.Sprintf("indicators[%d] %s", i, d.ID)
		var names []string
		switch {
		case d.Column != "":
			ip.kind, names = "column", []string{d.Column}
		case len(d.Ratio) == 2:
			ip.kind, names = "ratio", d.Ratio
		case len(d.Sum) > 0:
			ip.kind, names = "sum", d.Sum
		case d.Expr != "":
			ip.kind = "expr"
			tree, err := parser.Parse(d.Expr)
			if err != nil {
				bad("%s 的 expr 写法有误：%s", where, oneLine(err))
				continue
			}
			names = identifiers(tree)
		default:
			continue // reported by report.Validate
		}
		ok := true
		for _, n := range names {
			r, good := resolve(ip, n, where)
			ok = ok && good
			ip.inputs = append(ip.inputs, r)
		}
		if !ok {
			ip.inputs = nil
			continue
		}
		if ip.kind == "expr" {
			env := map[string]any{}
			for _, n := range names {
				env[n] = 0.0
			}
			prog, err := expr.Compile(d.Expr, expr.Env(env), expr.AsFloat64())
			if err != nil {
				bad("%s 的 expr 写法有误：%s", where, oneLine(err))
				ip.inputs = nil
				continue
			}
			ip.prog = prog
		}
		if d.Weight != "" {
			if r, good := resolve(ip, d.Weight, where+" 的 weight"); good {
				ip.weight = &r
			}
		}
		if d.Stated != "" {
			c := p.cols[d.Stated]
			switch {
			case c == nil:
				bad("%s 的 stated 引用了未定义的列 %q", where, d.Stated)
			case c.Kind != report.Rate && c.Kind != report.Number && c.Kind != report.Count:
				bad("%s 的 stated 列 %q 不是数值列", where, d.Stated)
			default:
				ip.stated = c
			}
		}
	}
	p.order, ps = p.sortInds(ps)
	for _, ip := range p.order {
		ip.settle()
	}
	// Only now is it known whether an indicator is a rate.
	for i, ip := range p.inds {
		if ip.weight != nil && !ip.weight.additive() {
			bad("indicators[%d] %s 的 weight %q 是比率，权重应为数量列或数量指标", i, ip.id, ip.weight.name)
			ip.weight = nil
			ip.method = report.TotalNone
		}
	}
	if s := def.Scoring; s != nil {
		sp := &indPlan{id: ScoreID, name: s.Name, kind: "score", unit: "point", better: "higher", method: report.TotalNone, precision: 1}
		if sp.name == "" {
			sp.name = "综合得分"
		}
		if s.Precision != nil {
			sp.precision = *s.Precision
		}
		p.byID[ScoreID] = sp
		p.inds = append(p.inds, sp)
		p.order = append(p.order, sp)
	}
	for i, c := range def.Checks {
		where := fmt.Sprintf("checks[%d]", i)
		tree, err := parser.Parse(c.Expr)
		if err != nil {
			bad("%s 的 expr 写法有误：%s", where, oneLine(err))
			continue
		}
		cp := checkPlan{i: i, src: c}
		env := map[string]any{}
		ok := true
		for _, n := range identifiers(tree) {
			r, good := resolve(nil, n, where)
			ok = ok && good
			cp.inputs = append(cp.inputs, r)
			env[n] = 0.0
		}
		if !ok {
			continue
		}
		prog, err := expr.Compile(c.Expr, expr.Env(env), expr.AsBool())
		if err != nil {
			bad("%s 的 expr 应为成立与否的比较（如 应填报 == 已审核 + 待完善）：%s", where, oneLine(err))
			continue
		}
		cp.prog = prog
		p.checks = append(p.checks, cp)
	}
	for i, r := range def.Rankings {
		if r.By != "" && p.byID[r.By] == nil {
			bad("rankings[%d] %s 的 by 引用了未定义的指标 %q；可用：%s", i, r.ID, r.By, p.indIDs())
		}
		for j, c := range r.Columns {
			if p.byID[c.Value] == nil && p.cols[c.Value] == nil {
				bad("rankings[%d] %s 的 columns[%d] 引用了未定义的列或指标 %q；可用：%s", i, r.ID, j, c.Value, p.available())
			}
		}
	}
	return p, ps
}

// settle fills the defaults that depend on the inputs: unit, percent,
// precision and total method.
func (ip *indPlan) settle() {
	d := ip.def
	ip.unit = d.Unit
	if ip.unit == "" {
		switch {
		case ip.kind == "ratio":
			ip.unit = "percent"
		case ip.kind == "column" && len(ip.inputs) == 1 && ip.inputs[0].col != nil && ip.inputs[0].col.Kind == report.Rate:
			ip.unit = "percent"
		default:
			ip.unit = "count"
		}
	}
	ip.percent = ip.unit == "percent"
	if d.Precision != nil {
		ip.precision = *d.Precision
	} else if ip.percent {
		ip.precision = 2
	}
	if ip.better == "" {
		ip.better = "higher"
	}
	if ip.partsUnit == "" {
		ip.partsUnit = "item"
	}
	ip.method = d.Total
	if ip.method == report.TotalDefault {
		switch {
		case ip.kind != "column":
			ip.method = "parts"
		case len(ip.inputs) == 1 && ip.inputs[0].additive():
			ip.method = report.TotalSum
		default:
			ip.method = report.TotalNone
		}
	}
}

// sortInds orders indicators so that every one comes after its inputs,
// reporting cycles.
func (p *plan) sortInds(ps report.Problems) ([]*indPlan, report.Problems) {
	const (
		unseen = iota
		active
		done
	)
	state := map[*indPlan]int{}
	var out []*indPlan
	var visit func(ip *indPlan, path []string) bool
	visit = func(ip *indPlan, path []string) bool {
		switch state[ip] {
		case done:
			return true
		case active:
			ps = append(ps, report.Problem{File: p.file, Msg: fmt.Sprintf("指标循环引用：%s", strings.Join(append(path, ip.id), " → "))})
			return false
		}
		state[ip] = active
		for _, r := range ip.inputs {
			if r.ind != nil && !visit(r.ind, append(path, ip.id)) {
				return false
			}
		}
		if ip.weight != nil && ip.weight.ind != nil && !visit(ip.weight.ind, append(path, ip.id)) {
			return false
		}
		state[ip] = done
		out = append(out, ip)
		return true
	}
	for _, ip := range p.inds {
		if state[ip] == unseen && !visit(ip, nil) {
			return nil, ps
		}
	}
	return out, ps
}

// scale is the factor that turns a value into its displayed digits.
func (ip *indPlan) scale() float64 {
	s := math.Pow10(ip.precision)
	if ip.percent {
		s *= 100
	}
	return s
}

// key is v as displayed, in units of the last shown digit; equal keys look
// the same in the notice.
func (ip *indPlan) key(v float64) float64 { return math.Round(v * ip.scale()) }

// better reports whether displayed value a is better than b.
func (ip *indPlan) isBetter(a, b float64) bool {
	if ip.better == "lower" {
		return ip.key(a) < ip.key(b)
	}
	return ip.key(a) > ip.key(b)
}

func (p *plan) available() string {
	var ids []string
	for _, ip := range p.inds {
		ids = append(ids, ip.id)
	}
	for _, c := range p.def.Columns {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, "、")
}

func (p *plan) indIDs() string {
	var ids []string
	for _, ip := range p.inds {
		ids = append(ids, ip.id)
	}
	return strings.Join(ids, "、")
}

type identVisitor struct {
	seen  map[string]bool
	names []string
}

func (v *identVisitor) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok && !v.seen[id.Value] {
		v.seen[id.Value] = true
		v.names = append(v.names, id.Value)
	}
}

// identifiers lists the variables an expression uses, in order of first
// use. Names of built-in functions (max, min, abs…) are call targets, not
// identifiers, and are not listed.
func identifiers(tree *parser.Tree) []string {
	v := &identVisitor{seen: map[string]bool{}}
	ast.Walk(&tree.Node, v)
	return v.names
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
