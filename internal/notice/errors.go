package notice

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// TemplateError is a problem in a template, located for the person who
// edits it: templates/tongbao.tmpl:14:7: 没有名为 ClaimRat 的指标; 可用: ….
// Line and Col count from 1; Col counts characters, not bytes. Col is 0
// when only the line is known.
type TemplateError struct {
	File      string
	Line, Col int
	Msg       string
	Err       error // the underlying text/template error, for developers
}

func (e *TemplateError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

func (e *TemplateError) Unwrap() error { return e.Err }

var (
	// text/template prefixes: "template: NAME:LINE:COL: executing …" and
	// "template: NAME:LINE: …" (parse errors).
	execLoc  = regexp.MustCompile(`^template: .*?:(\d+):(\d+): executing "[^"]*" at <.*?>: (.*)$`)
	parseLoc = regexp.MustCompile(`^template: .*?:(\d+): (.*)$`)

	noField    = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)
	noFunc     = regexp.MustCompile(`function "(\w+)" not defined`)
	noKey      = regexp.MustCompile(`map has no entry for key "([^"]*)"`)
	callPrefix = regexp.MustCompile(`^error calling \w+: `)
	nilPointer = regexp.MustCompile(`nil pointer evaluating (\S+)\.(\w+)`)
	lenOf      = regexp.MustCompile(`len of type (\S+)`)
)

// templateError turns a text/template parse or execution error into a
// TemplateError for file, whose source is src, in plain Chinese.
func templateError(file, src string, err error) error {
	if err == nil {
		return nil
	}
	te := &TemplateError{File: file, Err: err, Msg: err.Error()}
	s := err.Error()
	if m := execLoc.FindStringSubmatch(s); m != nil {
		te.Line, _ = strconv.Atoi(m[1])
		byteCol, _ := strconv.Atoi(m[2])
		te.Msg = m[3]
		if f := noField.FindStringSubmatch(te.Msg); f != nil {
			byteCol = fieldCol(src, te.Line, byteCol, f[1])
		}
		te.Col = runeCol(src, te.Line, byteCol)
	} else if m := parseLoc.FindStringSubmatch(s); m != nil {
		te.Line, _ = strconv.Atoi(m[1])
		te.Msg = m[2]
		if f := noFunc.FindStringSubmatch(te.Msg); f != nil {
			te.Col = identCol(src, te.Line, f[1])
		}
	}
	te.Msg = plainWords(te.Msg, err)
	return te
}

// plainWords rewrites text/template's English for the most common
// mistakes: a misspelt field, function or indicator.
func plainWords(msg string, err error) string {
	var le *lookupError
	if errors.As(err, &le) {
		return le.Error()
	}
	if m := noField.FindStringSubmatch(msg); m != nil {
		have := fieldNames(m[2])
		if len(have) == 0 {
			return fmt.Sprintf("没有名为 %s 的字段", m[1])
		}
		return fmt.Sprintf("没有名为 %s 的字段; 可用: %s", m[1], strings.Join(have, "、"))
	}
	if m := noFunc.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("没有名为 %s 的函数; 可用: %s", m[1], strings.Join(funcNames(), "、"))
	}
	if m := noKey.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("没有名为 %s 的项", m[1])
	}
	if strings.Contains(msg, "unexpected EOF") {
		return "模板在此结束，但还有 {{if}}、{{range}} 或 {{with}} 没有对应的 {{end}}"
	}
	if m := lenOf.FindStringSubmatch(msg); m != nil {
		return lenMessage(m[1])
	}
	if m := nilPointer.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s 为空，无法取 %s（可先用 {{if %s}} 判断）", m[1], m[2], m[1])
	}
	msg = callPrefix.ReplaceAllString(msg, "")
	for _, w := range syntaxWords {
		if m := w.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i := range args {
				args[i] = m[i+1]
			}
			return fmt.Sprintf(w.zh, args...) + "（" + msg + "）"
		}
	}
	if !hasHan(msg) {
		// text/template's own English, not one of the mistakes above:
		// say so in Chinese and keep its words for support.
		return "模板写法有误，请对照模板说明检查这一处（" + msg + "）"
	}
	return msg
}

// syntaxWords words text/template's other parse and execution errors;
// the original follows in parentheses.
var syntaxWords = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^unexpected \{\{end\}\}`), "多了一个 {{end}}：它前面没有与之对应的 {{if}}、{{range}} 或 {{with}}"},
	{regexp.MustCompile(`^unexpected \{\{else\}\}`), "{{else}} 不在 {{if}}、{{range}} 或 {{with}} 之内"},
	{regexp.MustCompile(`^expected end; found (.*)$`), "这里应为 {{end}}，实际为 %[1]s"},
	{regexp.MustCompile(`^unclosed action`), "{{ 没有对应的 }}：动作没有闭合"},
	{regexp.MustCompile(`^unclosed comment`), "注释 {{/* 没有对应的 */}}"},
	{regexp.MustCompile(`^unterminated (?:raw )?quoted string`), "引号没有闭合：字符串缺少结尾的引号"},
	{regexp.MustCompile(`^unterminated character constant`), "单引号没有闭合"},
	{regexp.MustCompile(`^missing value for command`), "{{ }} 中缺少内容"},
	{regexp.MustCompile(`^missing value for (\w+)`), "{{%[1]s}} 后面缺少条件或值"},
	{regexp.MustCompile(`^empty command`), "{{ }} 中缺少内容"},
	{regexp.MustCompile(`^undefined variable "(.*)"`), "没有定义变量 %[1]s：请先用 {{%[1]s := …}} 定义"},
	{regexp.MustCompile(`^unrecognized character in action: (.*)$`), "{{ }} 中有不能识别的字符 %[1]s（常见原因：用了全角括号、引号或空格）"},
	{regexp.MustCompile(`^unexpected bad character (.*) in (\w+)$`), "{{ }} 中有不能识别的字符 %[1]s"},
	{regexp.MustCompile(`^unexpected (.*) in (operand|command|input|parenthesized pipeline|range|if|with|end)$`), "{{ }} 中出现了意外的 %[1]s"},
	{regexp.MustCompile(`^unclosed left paren`), "左括号 ( 没有对应的右括号 )"},
	{regexp.MustCompile(`^unexpected right paren`), "多了一个右括号 )"},
	{regexp.MustCompile(`^bad number syntax: (.*)$`), "数字 %[1]s 写法有误"},
	{regexp.MustCompile(`^wrong number of args for (\w+): want (\d+) got (\d+)`), "函数 %[1]s 需要 %[2]s 个参数，实际给了 %[3]s 个"},
	{regexp.MustCompile(`^wrong type for value; expected (\S+); got (\S+)`), "值的类型不对：应为 %[1]s，实际为 %[2]s"},
	{regexp.MustCompile(`^index out of range: (-?\d+)`), "序号 %[1]s 超出范围"},
	{regexp.MustCompile(`^range can't iterate over (.*)$`), "{{range}} 不能遍历 %[1]s"},
	{regexp.MustCompile(`^incompatible types for comparison`), "比较的两个值类型不同，无法比较"},
	{regexp.MustCompile(`^can't give argument to non-function (.*)$`), "%[1]s 不是函数，不能带参数"},
	{regexp.MustCompile(`^unexpected (.*)$`), "出现了意外的 %[1]s"},
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF {
			return true
		}
	}
	return false
}

// fieldCol points at the misspelt field itself: text/template reports
// the end of a field chain (.Perod.Label), the reader looks for .Perod.
// It returns the byte offset of the last ".name" in the line at or
// before byteCol, else of the first one, else byteCol.
func fieldCol(src string, line, byteCol int, name string) int {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) {
		return byteCol
	}
	l, best := lines[line-1], -1
	for i := 0; ; {
		j := strings.Index(l[i:], "."+name)
		if j < 0 {
			break
		}
		if i+j <= byteCol || best < 0 {
			best = i + j
		}
		i += j + 1
	}
	if best < 0 {
		return byteCol
	}
	return best
}

// identCol is the 1-based character column of the first word name inside
// {{…}} on line, or 0 when it is not found.
func identCol(src string, line int, name string) int {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) {
		return 0
	}
	l := lines[line-1]
	for i := 0; i < len(l); {
		j := strings.Index(l[i:], name)
		if j < 0 {
			return 0
		}
		at := i + j
		before, after := byte(' '), byte(' ')
		if at > 0 {
			before = l[at-1]
		}
		if at+len(name) < len(l) {
			after = l[at+len(name)]
		}
		if strings.Contains(l[:at], "{{") && !isWordByte(before) && !isWordByte(after) {
			return runeCol(src, line, at)
		}
		i = at + len(name)
	}
	return 0
}

func isWordByte(b byte) bool {
	return b == '_' || b == '.' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// runeCol converts text/template's 0-based byte offset within line to a
// 1-based character column.
func runeCol(src string, line, byteCol int) int {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) {
		return byteCol + 1
	}
	l := lines[line-1]
	if byteCol > len(l) {
		byteCol = len(l)
	}
	return utf8.RuneCountInString(l[:byteCol]) + 1
}

// typeFields knows the field names of the types templates see, by their
// printed type name, for "可用:" lists.
var typeFields = map[string]reflect.Type{}

func init() {
	for _, v := range []any{
		&Data{}, PeriodInfo{}, &Document{}, &Attachment{}, report.Office{},
		&metrics.Result{}, &metrics.Indicator{}, metrics.Value{}, metrics.Delta{},
		&metrics.Unit{}, &metrics.Ranking{}, metrics.RankRow{}, metrics.Group{},
	} {
		t := reflect.TypeOf(v)
		typeFields[t.String()] = t
		if t.Kind() == reflect.Pointer {
			typeFields[t.Elem().String()] = t
		}
	}
}

func fieldNames(typeName string) []string {
	t, ok := typeFields[typeName]
	if !ok {
		return nil
	}
	return namesOf(t)
}

// namesOf lists the exported fields of a struct type (or a pointer to
// one), those of an embedded struct in its place.
func namesOf(t reflect.Type) []string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() {
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				for j := 0; j < f.Type.NumField(); j++ {
					names = append(names, f.Type.Field(j).Name)
				}
				continue
			}
			names = append(names, f.Name)
		}
	}
	return names
}

func funcNames() []string {
	var names []string
	for n := range funcs(&Data{}) {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// textErrorAt locates a problem found in the executed text in the
// template source: the first source line whose literal text starts the
// offending output line.
func textErrorAt(file, src string, te *textError) error {
	line := 0
	for i, l := range strings.Split(src, "\n") {
		lit := strings.Trim(l, " \t\u3000")
		if j := strings.Index(lit, "{{"); j >= 0 {
			lit = lit[:j]
		}
		if lit != "" && strings.HasPrefix(te.text, lit) {
			line = i + 1
			break
		}
	}
	return &TemplateError{File: file, Line: line, Col: boolInt(line > 0), Msg: te.msg + "（“" + te.text + "”）", Err: te}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
