package notice

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file reads an executed template (plain text) into the parts of a
// Document: the front matter, the body blocks and the names in the 附件说明.

// frontKeys are the front-matter keys, in the order docs/zh/templates.md
// lists them.
var frontKeys = []string{"发文机关标志", "发文字号", "签发人", "标题", "主送", "署名", "成文日期", "附注", "抄送", "印发机关", "印发日期"}

// frontAliases are other spellings staff may use.
var frontAliases = map[string]string{"主送机关": "主送", "印发": "印发机关", "发文机关": "发文机关标志"}

// parsed is the executed template, read.
type parsed struct {
	front       map[string]string
	frontLine   map[string]int // output line of each key, for messages
	blocks      []Block
	attachments []string // names after 附件：, numbering removed
	hasAttach   bool     // a 附件： line was written
	attachLine  int
}

// textError is a problem in the executed text; line is the output line.
type textError struct {
	line int
	text string
	msg  string
}

func (e *textError) Error() string { return e.msg }

var (
	// frontRe is one front-matter line: 键：值 (full- or half-width colon).
	frontRe = regexp.MustCompile(`^([\p{Han}]{2,6})[：:](.*)$`)
	level1  = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	level2  = regexp.MustCompile(`^[（(][一二三四五六七八九十]+[）)]`)
	level3  = regexp.MustCompile(`^[0-9]+[.．]`)
	level4  = regexp.MustCompile(`^[（(][0-9]+[）)]`)
	// itemRe is an attachment's numbering: "1. ", "2．".
	itemRe = regexp.MustCompile(`^[0-9]+[.．、]\s*`)
)

const frontEnd = "---"

// parseOutput reads out, the text an executed template wrote. When out
// holds a line "---", the lines before it are the front matter.
func parseOutput(out string) (*parsed, error) {
	lines := strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n")
	p := &parsed{front: map[string]string{}, frontLine: map[string]int{}}
	start := 0
	for i, l := range lines {
		if strings.TrimSpace(l) == frontEnd {
			if err := p.readFront(lines[:i]); err != nil {
				return nil, err
			}
			start = i + 1
			break
		}
	}
	for i := start; i < len(lines); i++ {
		l := strings.Trim(lines[i], " \t\u3000")
		if l == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "附件："); ok || strings.HasPrefix(l, "附件:") {
			if !ok {
				rest = strings.TrimPrefix(l, "附件:")
			}
			if p.hasAttach {
				return nil, &textError{i + 1, l, "附件说明只能写一处"}
			}
			p.hasAttach, p.attachLine = true, i+1
			if rest = strings.TrimSpace(rest); rest != "" {
				p.attachments = append(p.attachments, itemRe.ReplaceAllString(rest, ""))
			}
			continue
		}
		if p.hasAttach {
			if itemRe.MatchString(l) {
				p.attachments = append(p.attachments, itemRe.ReplaceAllString(l, ""))
				continue
			}
			return nil, &textError{i + 1, l, "附件说明之后不能再有正文（附注请写在文头的“附注：”中）"}
		}
		p.blocks = append(p.blocks, block(l))
	}
	return p, nil
}

func (p *parsed) readFront(lines []string) error {
	for i, l := range lines {
		l = strings.Trim(l, " \t\u3000")
		if l == "" {
			continue
		}
		m := frontRe.FindStringSubmatch(l)
		if m == nil {
			return &textError{i + 1, l, fmt.Sprintf("文头应为“项目：内容”，如“发文字号：%s”；文头到 --- 一行为止", "衡县政务公开办〔2022〕1号")}
		}
		key := m[1]
		if a, ok := frontAliases[key]; ok {
			key = a
		}
		if !isFrontKey(key) {
			return &textError{i + 1, l, fmt.Sprintf("文头没有“%s”这一项; 可用: %s", m[1], strings.Join(frontKeys, "、"))}
		}
		p.front[key] = strings.TrimSpace(m[2])
		p.frontLine[key] = i + 1
	}
	return nil
}

func isFrontKey(k string) bool {
	for _, f := range frontKeys {
		if f == k {
			return true
		}
	}
	return false
}

// block reads one body paragraph. Its numbering gives the level (一、 1,
// （一） 2, 1. 3, （1） 4); half-width brackets are made full-width. A
// numbered paragraph whose first sentence is followed by more text is run
// in: Heading is the numbering and the first sentence up to its 。, Text
// the rest. Otherwise the whole paragraph is the Heading.
func block(l string) Block {
	level := 0
	switch {
	case level1.MatchString(l):
		level = 1
	case level2.MatchString(l):
		level = 2
		l = fullWidthBrackets(l, level2)
	case level3.MatchString(l) && !startsDecimal(l):
		level = 3
	case level4.MatchString(l):
		level = 4
		l = fullWidthBrackets(l, level4)
	default:
		return Block{Text: l}
	}
	l = tightNumbering(l, level)
	if i := strings.Index(l, "。"); i >= 0 && i+len("。") < len(l) {
		return Block{Level: level, Heading: l[:i+len("。")], Text: l[i+len("。"):]}
	}
	return Block{Level: level, Heading: l}
}

// startsDecimal reports whether l starts with a decimal number (1.5万),
// which is not a level-3 numbering.
func startsDecimal(l string) bool {
	m := level3.FindString(l)
	r, _ := utf8.DecodeRuneInString(l[len(m):])
	return r >= '0' && r <= '9'
}

func fullWidthBrackets(l string, re *regexp.Regexp) string {
	m := re.FindString(l)
	n := strings.NewReplacer("(", "（", ")", "）").Replace(m)
	return n + l[len(m):]
}

// tightNumbering drops spaces between the numbering and the text
// ("1. 各单位" → "1.各单位"), as printed notices have none.
func tightNumbering(l string, level int) string {
	re := []*regexp.Regexp{nil, level1, level2, level3, level4}[level]
	m := re.FindString(l)
	return m + strings.TrimLeft(l[len(m):], " \t\u3000")
}
