package report

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/token"
)

// This file words the YAML library's errors (syntax slips, and what the
// walk in yaml.go leaves to the decoder) for staff, in Chinese, with line
// and column and the offending line quoted.

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
