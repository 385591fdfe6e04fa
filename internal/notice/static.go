package notice

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// idArgs are the template functions whose first argument names an
// indicator or a ranking of report.yaml.
var idArgs = map[string]string{
	"ind": "指标", "total": "指标", "prevTotal": "指标", "value": "指标", "change": "指标",
	"unitChange": "指标", "word": "指标", "units": "指标", "full": "指标", "zero": "指标",
	"groupBy": "指标", "withValues": "指标", "between": "指标", "applicable": "指标",
	"ranking": "排名表", "ranked": "排名表", "unranked": "排名表", "rank": "排名表",
}

// unitArgs are the template functions taking a unit name, and which
// argument (0-based, after the function name) it is.
var unitArgs = map[string]int{"value": 1, "unitChange": 1, "rank": 1, "unit": 0}

// staticCheck reads a template without running it and reports every
// indicator or ranking id written as a literal that report.yaml does not
// define, each with its line and column: unlike a run, which stops at the
// first error, it finds them all, in every branch. It also returns the
// unit names the template writes as literals, for sample figures.
func staticCheck(def *report.Definition, file, src string) ([]error, []string) {
	t, err := template.New(file).Funcs(funcs(&Data{})).Parse(src)
	if err != nil {
		return []error{templateError(file, src, err)}, nil
	}
	var units []string
	have := map[string][]string{}
	for _, ind := range def.Indicators {
		have["指标"] = append(have["指标"], ind.ID)
	}
	for _, r := range def.Rankings {
		have["排名表"] = append(have["排名表"], r.ID)
	}
	var errs []*TemplateError
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		errs = append(errs, fieldCheck(tt.Tree, file, src)...)
		walk(tt.Tree.Root, func(c *parse.CommandNode) {
			if len(c.Args) < 2 {
				return
			}
			fn, ok := c.Args[0].(*parse.IdentifierNode)
			if !ok {
				return
			}
			if i, ok := unitArgs[fn.Ident]; ok && i+1 < len(c.Args) {
				if s, ok := c.Args[i+1].(*parse.StringNode); ok && !slices.Contains(units, s.Text) {
					units = append(units, s.Text)
				}
			}
			what, ok := idArgs[fn.Ident]
			s, isString := c.Args[1].(*parse.StringNode)
			if !ok || !isString || slices.Contains(have[what], s.Text) {
				return
			}
			loc, _ := tt.Tree.ErrorContext(c)
			line, col := location(loc)
			errs = append(errs, &TemplateError{File: file, Line: line, Col: runeCol(src, line, col),
				Msg: (&lookupError{what, s.Text, have[what]}).Error()})
		})
	}
	// t.Templates() is in map order: report in source order.
	sort.Slice(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		return a.Line < b.Line || (a.Line == b.Line && a.Col < b.Col)
	})
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return out, units
}

// location reads "name:line:col" as ErrorContext writes it.
func location(loc string) (line, col int) {
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return 0, 0
	}
	line, _ = strconv.Atoi(parts[len(parts)-2])
	col, _ = strconv.Atoi(parts[len(parts)-1])
	return line, col
}

// walk calls f on every command in the tree under n.
func walk(n parse.Node, f func(*parse.CommandNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, f)
		}
	case *parse.CommandNode:
		f(n)
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.ChainNode:
		walk(n.Node, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(*parse.CommandNode)) {
	walk(b.Pipe, f)
	walk(b.List, f)
	walk(b.ElseList, f)
}
