package metrics

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/expr-lang/expr"
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

	problems report.Problems
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
	at        string // how messages name it: 第 12 行的指标 X
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
	for i := range def.Columns {
		p.cols[def.Columns[i].ID] = &def.Columns[i]
	}
	for i := range def.Indicators {
		d := &def.Indicators[i]
		if p.byID[d.ID] != nil {
			p.bad("%s：id %q 重复", def.IndicatorRef(i), d.ID)
			continue
		}
		if d.ID == ScoreID && def.Scoring != nil {
			p.bad("%s：id %q 留给综合得分，请换一个", def.IndicatorRef(i), d.ID)
		}
		ip := &indPlan{def: d, id: d.ID, name: d.Name, better: d.Better, target: d.Target, partsUnit: d.PartsUnit, at: def.IndicatorRef(i)}
		p.byID[d.ID] = ip
		p.inds = append(p.inds, ip)
	}
	for _, ip := range p.inds {
		p.compileIndicator(ip, ip.at)
	}
	p.sortInds()
	for _, ip := range p.order {
		ip.settle()
	}
	// Only now is it known whether an indicator is a rate.
	for _, ip := range p.inds {
		if ip.weight != nil && !ip.weight.additive() {
			p.bad("%s 的 weight %q 是比率，权重应为数量列或数量指标", ip.at, ip.weight.name)
			ip.weight = nil
			ip.method = report.TotalNone
		}
	}
	p.addScore()
	p.compileChecks()
	p.checkRankings()
	return p, p.problems
}

// bad records a problem with the definition.
func (p *plan) bad(format string, args ...any) {
	p.problems = append(p.problems, report.Problem{File: p.file, Msg: fmt.Sprintf(format, args...)})
}

// resolve finds what an id in a formula names: an indicator (other than
// self, the one being defined) if there is one, else a column.
func (p *plan) resolve(self *indPlan, name, where string) (ref, bool) {
	if o := p.byID[name]; o != nil && o != self {
		return ref{name: name, ind: o}, true
	}
	if c := p.cols[name]; c != nil {
		if c.Kind == report.Text {
			p.bad("%s 引用的列 %q 是文本列，不能参与计算", where, name)
			return ref{}, false
		}
		return ref{name: name, col: c}, true
	}
	p.bad("%s 引用了未定义的列或指标 %q；可用：%s", where, name, p.available())
	return ref{}, false
}

// compileIndicator resolves an indicator's inputs, weight and stated
// column, and compiles its expression.
func (p *plan) compileIndicator(ip *indPlan, where string) {
	d := ip.def
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
		var err error
		if names, err = exprIdentifiers(d.Expr); err != nil {
			p.bad("%s 的 expr 写法有误：%s", where, oneLine(err))
			return
		}
	default:
		return // reported by report.Validate
	}
	ok := true
	for _, n := range names {
		r, good := p.resolve(ip, n, where)
		ok = ok && good
		ip.inputs = append(ip.inputs, r)
	}
	if !ok {
		ip.inputs = nil
		return
	}
	if ip.kind == "expr" {
		prog, err := expr.Compile(d.Expr, expr.Env(zeroEnv(names)), expr.AsFloat64())
		if err != nil {
			p.bad("%s 的 expr 写法有误：%s", where, oneLine(err))
			ip.inputs = nil
			return
		}
		ip.prog = prog
	}
	if d.Weight != "" {
		if r, good := p.resolve(ip, d.Weight, where+" 的 weight"); good {
			ip.weight = &r
		}
	}
	if d.Stated != "" {
		c := p.cols[d.Stated]
		switch {
		case c == nil:
			p.bad("%s 的 stated 引用了未定义的列 %q", where, d.Stated)
		case c.Kind == report.Text:
			p.bad("%s 的 stated 列 %q 不是数值列", where, d.Stated)
		default:
			ip.stated = c
		}
	}
}

// addScore appends the composite score as the last indicator.
func (p *plan) addScore() {
	s := p.def.Scoring
	if s == nil {
		return
	}
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

// checkRankings reports rankings that name unknown indicators or columns.
func (p *plan) checkRankings() {
	for i, r := range p.def.Rankings {
		if r.By != "" && p.byID[r.By] == nil {
			p.bad("%s 的 by 引用了未定义的指标 %q；可用：%s", p.def.Ref("rankings", i, "排名表", r.ID), r.By, p.indIDs())
		}
		for j, c := range r.Columns {
			if p.byID[c.Value] == nil && p.cols[c.Value] == nil {
				p.bad("%s 的第 %d 列引用了未定义的列或指标 %q；可用：%s", p.def.Ref("rankings", i, "排名表", r.ID), j+1, c.Value, p.available())
			}
		}
	}
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

// sortInds puts the indicators in p.order so that every one comes after
// its inputs, reporting cycles.
func (p *plan) sortInds() {
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
			p.bad("指标循环引用：%s", strings.Join(append(path, ip.id), " → "))
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
			return
		}
	}
	p.order = out
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
