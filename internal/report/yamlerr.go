package report

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
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

var alreadyDefined = regexp.MustCompile(`mapping key "(.*)" already defined at \[(\d+):\d+\]`)

// syntaxWords are the parser's messages that staff meet most, in words.
var syntaxWords = []struct{ has, say string }{
	{"',' or ']' must be specified", "列表 [ … ] 缺少逗号 , 或右方括号 ]"},
	{"end token ']' not found", "列表 [ … ] 缺少右方括号 ]"},
	{"end token '}'", "{ … } 缺少右花括号 }"},
	{"reserved character", "@ 和 ` 不能作为值的开头，请给这个值加引号"},
	{"',' or '}' must be specified", "{ … } 缺少逗号 , 或右花括号 }"},
	{"'\t'", "不能用 Tab 键缩进，请改用空格"},
	{"double-quoted", "双引号 \" 没有配对"},
	{"single-quoted", "单引号 ' 没有配对"},
	{"not allowed in this context", "缩进没有对齐，或一行里多了冒号“: ”"},
	{"unexpected key name", "缩进没有对齐，或缺少冒号“: ”"},
	{"alias", "引用的锚点（*名称）没有用 &名称 定义过"},
	{"could not find", "缺少配对的符号"},
	{"cannot start any token", "这个字符不能出现在行首或值的开头；含特殊字符的值请加引号"},
}

// yamlError words an error of the YAML library for staff: its position
// (line, and column for a syntax slip) and what was expected; the offending
// line of report.yaml is quoted as the hint.
func yamlError(path string, data []byte, err error) error {
	var (
		se *yaml.SyntaxError
		te *yaml.TypeError
		ue *yaml.UnknownFieldError
		de *yaml.DuplicateKeyError
		oe *yaml.OverflowError
	)
	p := Problem{File: path}
	var tk *token.Token
	switch {
	case errors.As(err, &se):
		tk = se.Token
		say := "这里的写法不符合 YAML 格式"
		if m := alreadyDefined.FindStringSubmatch(se.Message); m != nil {
			say = fmt.Sprintf("设置项 %s 重复（第 %s 行已写过）", m[1], m[2])
		} else {
			for _, s := range syntaxWords {
				if strings.Contains(se.Message, s.has) {
					say = s.say
					break
				}
			}
		}
		p.Msg = fmt.Sprintf("第 %d 行第 %d 列：%s", tokLine(tk), tokCol(tk), say)
		// An unclosed [ or { is only noticed on a later line: name the
		// line that opened it, which is the one to fix.
		for _, b := range []struct{ open, close, has string }{{"[", "]", "']'"}, {"{", "}", "'}'"}} {
			if !strings.Contains(se.Message, b.has) {
				continue
			}
			if l := openedAt(data, tokLine(tk), b.open, b.close); l > 0 && l != tokLine(tk) {
				p.Msg = fmt.Sprintf("第 %d 行：%s 没有配对的 %s（读到第 %d 行第 %d 列仍未闭合）", l, b.open, b.close, tokLine(tk), tokCol(tk))
				p.Hint = "该行为：" + sourceLine(data, l)
				return Problems{p}
			}
		}
	case errors.As(err, &te):
		tk = te.Token
		g := "这个值"
		if tk != nil {
			g = tk.Value
		}
		p.Msg = fmt.Sprintf("第 %d 行：这里应为%s，实际为 %s", tokLine(tk), want(te.DstType), g)
	case errors.As(err, &oe):
		tk = oe.Token
		p.Msg = fmt.Sprintf("第 %d 行：数字 %s 太大", tokLine(tk), oe.SrcNum)
	case errors.As(err, &ue):
		tk = ue.Token
		p.Msg = fmt.Sprintf("第 %d 行：未知的设置项 %s", tokLine(tk), tk.Value)
	case errors.As(err, &de):
		tk = de.Token
		p.Msg = fmt.Sprintf("第 %d 行：设置项 %s 重复", tokLine(tk), tk.Value)
	default:
		p.Msg = "无法读取：文件内容不是有效的 YAML"
		return Problems{p}
	}
	if l := tokLine(tk); l > 0 {
		if src := sourceLine(data, l); src != "" {
			p.Hint = "该行为：" + src
		}
	}
	return Problems{p}
}

func tokLine(tk *token.Token) int {
	if tk == nil || tk.Position == nil {
		return 0
	}
	return tk.Position.Line
}

func tokCol(tk *token.Token) int {
	if tk == nil || tk.Position == nil {
		return 0
	}
	return tk.Position.Column
}

// openedAt is the last line at or above line l that opens more brackets
// (open) than it closes, or 0. Quoted text and comments are not told
// apart: it is a hint for a message, not a parser.
func openedAt(data []byte, l int, open, close string) int {
	lines := strings.Split(string(data), "\n")
	for i := min(l, len(lines)); i >= 1; i-- {
		if strings.Count(lines[i-1], open) > strings.Count(lines[i-1], close) {
			return i
		}
	}
	return 0
}

// sourceLine is line l (from 1) of data, trimmed.
func sourceLine(data []byte, l int) string {
	lines := strings.Split(string(data), "\n")
	if l < 1 || l > len(lines) {
		return ""
	}
	return strings.TrimSpace(strings.TrimRight(lines[l-1], "\r"))
}

// At names where a sequence entry of report.yaml was written, for
// messages: "第 12 行" for path "indicators[3]", or "" when the definition
// was not read from a file.
func (d *Definition) At(path string) string {
	if l := d.lines[path]; l > 0 {
		return "第 " + strconv.Itoa(l) + " 行"
	}
	return ""
}

// IndicatorRef names indicator i (counted from 0) for a message the way
// staff find it in report.yaml: 第 12 行的指标 rate, or 指标 rate when the
// line is unknown.
func (d *Definition) IndicatorRef(i int) string {
	id := ""
	if i >= 0 && i < len(d.Indicators) {
		id = d.Indicators[i].ID
	}
	return d.Ref("indicators", i, "指标", id)
}

// Ref names entry i (counted from 0) of a list in report.yaml (section
// "indicators", "rankings", "scoring.rules", …) for a message: its line
// and id when known (第 12 行的排名表 coverage), else its id (排名表
// coverage), else its place counted from 1 (第 2 个排名表). noun is what
// the entry is, in Chinese.
func (d *Definition) Ref(section string, i int, noun, id string) string {
	at := d.At(fmt.Sprintf("%s[%d]", section, i))
	if l := d.lines[fmt.Sprintf("%s[%d]", section, i)]; l > 0 {
		// Entries of a [a, b] list share a line: count them on it.
		first := i
		for first > 0 && d.lines[fmt.Sprintf("%s[%d]", section, first-1)] == l {
			first--
		}
		if first < i || d.lines[fmt.Sprintf("%s[%d]", section, i+1)] == l {
			at = fmt.Sprintf("%s第 %d 个", at, i-first+1)
			if id != "" {
				return at + noun + " " + id
			}
			return at + noun
		}
	}
	switch {
	case at != "" && id != "":
		return at + "的" + noun + " " + id
	case at != "":
		return at + "的" + noun
	case id != "":
		return noun + " " + id
	}
	return fmt.Sprintf("第 %d 个%s", i+1, noun)
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
