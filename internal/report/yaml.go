package report

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// This file turns report.yaml into a Definition and words every problem
// for the office staff who edit it: the line (and column, for a syntax
// slip), a misspelt key with the key it probably meant, a value of the
// wrong shape with what was expected. The YAML library (goccy/go-yaml)
// reports positions itself; its English messages are never shown.

// decodeYAML parses data, checks every key and value shape against the
// Definition's types (all problems at once, in block and flow style alike),
// then decodes. It returns the positions of sequence entries by path
// ("indicators[3]") for later messages.
func decodeYAML(path string, data []byte, def *Definition) (map[string]int, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(path, data, err)
	}
	w := walker{file: path, lines: map[string]int{}}
	for _, doc := range file.Docs {
		if doc.Body != nil {
			w.walk(doc.Body, reflect.TypeOf(*def), "")
		}
	}
	if len(w.ps) > 0 {
		return nil, w.ps
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return w.lines, nil
	}
	if err := yaml.NodeToValue(file.Docs[0].Body, def, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(path, data, err)
	}
	return w.lines, nil
}

// walker checks a YAML tree against the Go type it decodes into.
type walker struct {
	file  string
	ps    Problems
	lines map[string]int
}

func (w *walker) bad(n ast.Node, msg string) {
	w.ps = append(w.ps, Problem{File: w.file, Msg: fmt.Sprintf("第 %d 行：%s", line(n), msg)})
}

func line(n ast.Node) int {
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line
	}
	return 0
}

var unmarshalerType = reflect.TypeOf((*yaml.InterfaceUnmarshaler)(nil)).Elem()

func (w *walker) walk(n ast.Node, t reflect.Type, at string) {
	switch v := n.(type) {
	case *ast.AnchorNode:
		w.walk(v.Value, t, at)
		return
	case *ast.TagNode:
		w.walk(v.Value, t, at)
		return
	case *ast.AliasNode, *ast.NullNode, *ast.CommentGroupNode:
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	custom := reflect.PointerTo(t).Implements(unmarshalerType)
	switch t.Kind() {
	case reflect.Struct:
		m, ok := mapping(n)
		if !ok {
			if custom && isScalar(n) {
				return // a shorthand such as a bare ranking id
			}
			w.wrongShape(n, t)
			return
		}
		for _, mv := range m {
			key := keyText(mv.Key)
			if mv.Key.IsMergeKey() {
				continue
			}
			f, ok := fieldByTag(t, key)
			w.lines[join(at, key)] = line(mv.Key)
			if !ok {
				msg := "未知的设置项 " + key
				if s := closestKey(t, key); s != "" {
					msg += fmt.Sprintf("，是否应为 %s？", s)
				} else if keys := yamlKeys(t); len(keys) > 0 {
					msg += "；此处可用：" + strings.Join(keys, "、")
				}
				w.bad(mv.Key, msg)
				continue
			}
			w.walk(mv.Value, f.Type, join(at, key))
		}
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			w.wrongShape(n, t)
			return
		}
		for i, e := range seq.Values {
			p := fmt.Sprintf("%s[%d]", at, i)
			w.lines[p] = line(e)
			if i < len(seq.Entries) && seq.Entries[i].Start != nil {
				w.lines[p] = tokLine(seq.Entries[i].Start) // the line of its "-"
			}
			w.walk(e, t.Elem(), p)
		}
	case reflect.Map:
		m, ok := mapping(n)
		if !ok {
			w.wrongShape(n, t)
			return
		}
		for _, mv := range m {
			w.walk(mv.Value, t.Elem(), join(at, keyText(mv.Key)))
		}
	case reflect.String:
		if !isScalar(n) {
			w.wrongShape(n, t)
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Type() != ast.IntegerType {
			w.wrongShape(n, t)
		}
	case reflect.Float64, reflect.Float32:
		if tp := n.Type(); tp != ast.IntegerType && tp != ast.FloatType && tp != ast.InfinityType && tp != ast.NanType {
			w.wrongShape(n, t)
		}
	case reflect.Bool:
		if n.Type() != ast.BoolType {
			w.wrongShape(n, t)
		}
	}
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

// mapping returns the key/value pairs of a mapping node.
func mapping(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch v := n.(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	}
	return nil, false
}

func isScalar(n ast.Node) bool {
	_, ok := n.(ast.ScalarNode)
	return ok
}

func keyText(k ast.MapKeyNode) string {
	if s, ok := k.(*ast.StringNode); ok {
		return s.Value
	}
	return k.GetToken().Value
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == key && tag != "-" && f.IsExported() {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// wrongShape reports a value that cannot become a t.
func (w *walker) wrongShape(n ast.Node, t reflect.Type) {
	w.bad(n, fmt.Sprintf("这里应为%s，实际为 %s", want(t), got(n)))
}

// want says in words what a value of type t is written as.
func want(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "一个值"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Uint32:
		return "整数"
	case reflect.Float64, reflect.Float32:
		return "数字"
	case reflect.Bool:
		return "true 或 false"
	case reflect.String:
		return "一段文字"
	case reflect.Slice, reflect.Array:
		return "一个列表（[a, b] 或逐行 - a）"
	case reflect.Map:
		return "若干“名称: 值”"
	}
	return "一组设置（名称: 值）"
}

// got says in words what the value of n is.
func got(n ast.Node) string {
	switch n.(type) {
	case *ast.SequenceNode:
		return "一个列表"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "一组设置"
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return n.String()
}

// yamlKeys lists the report.yaml keys of a section type.
func yamlKeys(t reflect.Type) []string {
	if t == nil {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// closestKey is the key of t within two edits of got, if any.
func closestKey(t reflect.Type, got string) string {
	best, bestD := "", 3
	for _, k := range yamlKeys(t) {
		if d := EditDistance(got, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b in runes: the
// measure behind every "是否应为 …" suggestion in a Problem (a misspelt
// report.yaml key, the closest header to a missing column).
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
