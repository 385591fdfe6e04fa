package metrics

import (
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// This file holds what is particular to expressions (expr and checks),
// written in github.com/expr-lang/expr syntax. Chinese ids are ordinary
// identifiers there, so (三级+四级)/事项总数 needs no quoting.

// compileChecks compiles the definition's checks: boolean expressions over
// column and indicator ids.
func (p *plan) compileChecks() {
	for i, c := range p.def.Checks {
		where := p.def.Ref("checks", i, "检查项", "")
		names, err := exprIdentifiers(c.Expr)
		if err != nil {
			p.bad("%s 的 expr 写法有误：%s", where, oneLine(err))
			continue
		}
		cp := checkPlan{i: i, src: c}
		ok := true
		for _, n := range names {
			r, good := p.resolve(nil, n, where)
			ok = ok && good
			cp.inputs = append(cp.inputs, r)
		}
		if !ok {
			continue
		}
		prog, err := expr.Compile(c.Expr, expr.Env(zeroEnv(names)), expr.AsBool())
		if err != nil {
			p.bad("%s 的 expr 应为成立与否的比较（如 应填报 == 已审核 + 待完善）：%s", where, oneLine(err))
			continue
		}
		cp.prog = prog
		p.checks = append(p.checks, cp)
	}
}

// zeroEnv is the compile-time environment: every name a number.
func zeroEnv(names []string) map[string]any {
	env := make(map[string]any, len(names))
	for _, n := range names {
		env[n] = 0.0
	}
	return env
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

// exprIdentifiers parses an expression and lists the variables it uses, in
// order of first use. Names of built-in functions (max, min, abs…) are call
// targets, not identifiers, and are not listed.
func exprIdentifiers(src string) ([]string, error) {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, err
	}
	v := &identVisitor{seen: map[string]bool{}}
	ast.Walk(&tree.Node, v)
	return v.names, nil
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
