package notice

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"text/template/parse"
)

// This file checks, without running a template, every field it names on a
// value whose type is known: .Period.Label on the template data, .Total.V
// on (ind "X"), $g.Units in a range over .Below, in every branch, so that
// a misspelt field in a paragraph this period's figures do not print is
// found too. It also refuses len of a number (len .Met: Met is a count).
// Where a type is not known (inside a define, whose dot is what the caller
// passes; a value of type any) nothing is checked.

// typer walks one parsed template, tracking the type of dot and of the
// variables.
type typer struct {
	tree *parse.Tree
	file string
	src  string
	fns  map[string]reflect.Type
	errs []*TemplateError
}

var (
	dataType   = reflect.TypeOf(&Data{})
	stringType = reflect.TypeOf("")
	intType    = reflect.TypeOf(0)
	boolType   = reflect.TypeOf(true)
)

// fieldCheck returns the mistakes in fields and len of tree.
func fieldCheck(tree *parse.Tree, file, src string) []*TemplateError {
	t := &typer{tree: tree, file: file, src: src, fns: map[string]reflect.Type{}}
	for name, fn := range funcs(&Data{}) {
		t.fns[name] = reflect.TypeOf(fn)
	}
	dot := dataType
	if tree.ParseName != tree.Name { // a define: dot is what is passed
		dot = nil
	}
	t.list(tree.Root, dot, map[string]reflect.Type{"$": dot})
	return t.errs
}

func (t *typer) list(l *parse.ListNode, dot reflect.Type, vars map[string]reflect.Type) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			t.pipe(n.Pipe, dot, vars)
		case *parse.IfNode:
			t.pipe(n.Pipe, dot, vars)
			t.list(n.List, dot, maps.Clone(vars))
			t.list(n.ElseList, dot, maps.Clone(vars))
		case *parse.WithNode:
			inner := maps.Clone(vars)
			typ := t.pipe(n.Pipe, dot, inner)
			t.list(n.List, typ, inner)
			t.list(n.ElseList, dot, maps.Clone(vars))
		case *parse.RangeNode:
			inner := maps.Clone(vars)
			typ := t.pipeNoDecl(n.Pipe, dot, inner)
			key, elem := rangeTypes(typ)
			switch len(n.Pipe.Decl) {
			case 1:
				inner[n.Pipe.Decl[0].Ident[0]] = elem
			case 2:
				inner[n.Pipe.Decl[0].Ident[0]] = key
				inner[n.Pipe.Decl[1].Ident[0]] = elem
			}
			t.list(n.List, elem, inner)
			t.list(n.ElseList, dot, maps.Clone(vars))
		case *parse.TemplateNode:
			t.pipe(n.Pipe, dot, vars)
		}
	}
}

// rangeTypes are the key and element types of a range over typ.
func rangeTypes(typ reflect.Type) (key, elem reflect.Type) {
	if typ == nil {
		return nil, nil
	}
	switch typ.Kind() {
	case reflect.Slice, reflect.Array:
		return intType, typ.Elem()
	case reflect.Map:
		return typ.Key(), typ.Elem()
	case reflect.Int:
		return intType, intType
	}
	return nil, nil
}

// pipe returns the type of p's result and records its declared variable.
func (t *typer) pipe(p *parse.PipeNode, dot reflect.Type, vars map[string]reflect.Type) reflect.Type {
	typ := t.pipeNoDecl(p, dot, vars)
	if p != nil && len(p.Decl) == 1 {
		vars[p.Decl[0].Ident[0]] = typ
	}
	return typ
}

func (t *typer) pipeNoDecl(p *parse.PipeNode, dot reflect.Type, vars map[string]reflect.Type) reflect.Type {
	if p == nil {
		return nil
	}
	var typ reflect.Type
	for i, c := range p.Cmds {
		typ = t.command(c, dot, vars, typ, i > 0)
	}
	return typ
}

// command returns the type of a command's result; prev is the piped-in
// value's type when piped.
func (t *typer) command(c *parse.CommandNode, dot reflect.Type, vars map[string]reflect.Type, prev reflect.Type, piped bool) reflect.Type {
	if len(c.Args) == 0 {
		return nil
	}
	args := make([]reflect.Type, 0, len(c.Args))
	for _, a := range c.Args[1:] {
		args = append(args, t.arg(a, dot, vars))
	}
	if piped {
		args = append(args, prev)
	}
	switch n := c.Args[0].(type) {
	case *parse.IdentifierNode:
		return t.call(n, args)
	case *parse.FieldNode:
		return t.fields(dot, n.Ident, n)
	case *parse.ChainNode:
		return t.fields(t.arg(n.Node, dot, vars), n.Field, n)
	case *parse.VariableNode:
		typ, ok := vars[n.Ident[0]]
		if !ok {
			return nil
		}
		return t.fields(typ, n.Ident[1:], n)
	}
	return t.arg(c.Args[0], dot, vars)
}

// arg returns the type of an argument, checking its fields.
func (t *typer) arg(n parse.Node, dot reflect.Type, vars map[string]reflect.Type) reflect.Type {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return t.fields(dot, n.Ident, n)
	case *parse.VariableNode:
		typ, ok := vars[n.Ident[0]]
		if !ok {
			return nil
		}
		return t.fields(typ, n.Ident[1:], n)
	case *parse.ChainNode:
		return t.fields(t.arg(n.Node, dot, vars), n.Field, n)
	case *parse.PipeNode:
		return t.pipe(n, dot, vars)
	case *parse.StringNode:
		return stringType
	case *parse.BoolNode:
		return boolType
	case *parse.IdentifierNode:
		return t.call(n, nil)
	}
	return nil
}

// call returns the result type of a function called with args, and
// refuses len of a number.
func (t *typer) call(n *parse.IdentifierNode, args []reflect.Type) reflect.Type {
	switch n.Ident {
	case "len":
		if len(args) == 1 && args[0] != nil && !hasLen(args[0]) {
			t.bad(n, "%s", lenMessage(args[0].String()))
		}
		return intType
	case "eq", "ne", "lt", "le", "gt", "ge", "not":
		return boolType
	case "print", "printf", "println", "html", "js", "urlquery":
		return stringType
	case "index":
		if len(args) > 0 && args[0] != nil {
			if k := deref(args[0]).Kind(); k == reflect.Slice || k == reflect.Map || k == reflect.Array {
				return deref(args[0]).Elem()
			}
		}
		return nil
	}
	if fn, ok := t.fns[n.Ident]; ok && fn.Kind() == reflect.Func && fn.NumOut() > 0 {
		return fn.Out(0)
	}
	return nil
}

func hasLen(typ reflect.Type) bool {
	switch deref(typ).Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.String, reflect.Chan, reflect.Interface:
		return true
	}
	return false
}

// lenMessage words len of a value that has no length, of the named Go
// type (as text/template names it in its error).
func lenMessage(typ string) string {
	switch typ {
	case "int", "int64", "float64", "uint", "float32", "int32":
		return "len 只能用于名单、文字或映射，这里是一个数（" + typ + "），直接写出即可：如 .Met、.NotMet 是单位个数，名单是 .MetUnits、.NotMetUnits"
	case "bool":
		return "len 只能用于名单、文字或映射，这里是“是或否”（bool）"
	}
	return "len 只能用于名单、文字或映射，这里是 " + typ
}

func deref(typ reflect.Type) reflect.Type {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	return typ
}

// fields follows a chain of field or method names from typ, reporting the
// first that does not exist with the names that do.
func (t *typer) fields(typ reflect.Type, names []string, n parse.Node) reflect.Type {
	for _, name := range names {
		if typ == nil || deref(typ).Kind() == reflect.Interface {
			return nil
		}
		if deref(typ).Kind() == reflect.Map {
			typ = deref(typ).Elem() // a key: ids are not known here
			continue
		}
		if m, ok := method(typ, name); ok {
			if m.Type.NumOut() == 0 {
				return nil
			}
			typ = m.Type.Out(0)
			continue
		}
		if deref(typ).Kind() != reflect.Struct {
			return nil
		}
		f, ok := deref(typ).FieldByName(name)
		if !ok || !f.IsExported() {
			have := namesOf(typ)
			msg := fmt.Sprintf("没有名为 %s 的字段", name)
			if len(have) > 0 {
				msg += "; 可用: " + strings.Join(have, "、")
			}
			t.badField(n, name, msg)
			return nil
		}
		typ = f.Type
	}
	return typ
}

// method finds an exported method of typ or of a pointer to it.
func method(typ reflect.Type, name string) (reflect.Method, bool) {
	if m, ok := typ.MethodByName(name); ok {
		return m, true
	}
	if typ.Kind() != reflect.Pointer {
		return reflect.PointerTo(typ).MethodByName(name)
	}
	return reflect.Method{}, false
}

func (t *typer) bad(n parse.Node, format string, args ...any) {
	loc, _ := t.tree.ErrorContext(n)
	line, col := location(loc)
	t.errs = append(t.errs, &TemplateError{File: t.file, Line: line, Col: runeCol(t.src, line, col), Msg: fmt.Sprintf(format, args...)})
}

func (t *typer) badField(n parse.Node, name, msg string) {
	loc, _ := t.tree.ErrorContext(n)
	line, col := location(loc)
	col = fieldCol(t.src, line, col, name)
	t.errs = append(t.errs, &TemplateError{File: t.file, Line: line, Col: runeCol(t.src, line, col), Msg: msg})
}
