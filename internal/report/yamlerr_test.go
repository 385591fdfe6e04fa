package report

import (
	"strings"
	"testing"
)

// A misspelt key names its line and the key it probably meant; a value of
// the wrong shape says what was expected; all problems are listed at once.
func TestYAMLErrorsForPeople(t *testing.T) {
	yml := strings.Join([]string{
		"id: x",
		"recipents: 县直各单位",
		"cc: 县人民政府办公室",
		"schedule:",
		"  timezon: UTC",
		"scoring:",
		"  base: [100]",
		"  colour: red",
	}, "\n")
	_, err := Parse("reports/x/report.yaml", []byte(yml))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"reports/x/report.yaml: 第 2 行：未知的设置项 recipents，是否应为 recipients？",
		"reports/x/report.yaml: 第 3 行：这里应为一个列表（[a, b] 或逐行 - a），实际为 县人民政府办公室",
		"第 5 行：未知的设置项 timezon，是否应为 timezone？",
		"第 7 行：这里应为数字，实际为 一个列表",
		"第 8 行：未知的设置项 colour；此处可用：name、base、rules、min、precision",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	noGoWords(t, err)
}

func noGoWords(t *testing.T, err error) {
	t.Helper()
	for _, w := range []string{"report.Definition", "unmarshal", "found", "must be", "Go struct", "line ", "cannot"} {
		if strings.Contains(err.Error(), w) {
			t.Errorf("English or Go words (%q) in a message for office staff:\n%v", w, err)
		}
	}
}

// Every kind of slip, in block and in flow style, comes back in Chinese
// with the line the slip is on (yaml.v3 used to print an English parser
// message one line too low).
func TestYAMLErrorTable(t *testing.T) {
	tests := []struct {
		name string
		yml  string
		want []string
	}{
		{"unclosed list", "id: x\ncc: [甲, 乙\ntitle: t\n",
			[]string{"第 2 行：[ 没有配对的 ]（读到第 3 行第 1 列仍未闭合）。该行为：cc: [甲, 乙"}},
		{"unclosed list at the end", "id: x\ncc: [甲, 乙\n",
			[]string{"第 2 行第 5 列：列表 [ … ] 缺少右方括号 ]"}},
		{"unclosed flow mapping in a list", "indicators:\n  - {id: a, name: 甲\n  - {id: b, name: 乙}\n",
			[]string{"第 2 行：{ 没有配对的 }"}},
		{"tab indent", "id: x\n\ttitle: t\n",
			[]string{"第 2 行第 1 列：不能用 Tab 键缩进，请改用空格", "该行为：title: t"}},
		{"bad indent", "office:\n  name: 某办\n mark: 某办\n",
			[]string{"第 3 行第 2 列：缩进没有对齐"}},
		{"open quote", "id: x\ntitle: \"情况通报\n",
			[]string{"第 2 行第 8 列：双引号 \" 没有配对"}},
		{"duplicate key", "id: x\ntitle: a\ntitle: b\n",
			[]string{"第 3 行第 1 列：设置项 title 重复（第 2 行已写过）"}},
		{"text for a number", "doc_number: {pattern: x, start: 第一}\n",
			[]string{"第 1 行：这里应为整数，实际为 第一"}},
		{"bool", "columns:\n  - {id: a, header: A, optional: 是}\n",
			[]string{"第 2 行：这里应为true 或 false，实际为 是"}},
		{"mapping for text", "title:\n  a: b\n",
			[]string{"第 2 行：这里应为一段文字，实际为 一组设置"}},
		{"flow key misspelt", "indicators:\n  - {id: a, name: 甲, colunm: A}\n",
			[]string{"第 2 行：未知的设置项 colunm，是否应为 column？"}},
		{"flow column key misspelt", "columns:\n  - {id: a, heder: A}\n",
			[]string{"第 2 行：未知的设置项 heder，是否应为 header？"}},
		{"nested flow key", "rankings:\n  - id: r\n    columns: [{vaule: a}]\n",
			[]string{"第 3 行：未知的设置项 vaule，是否应为 value？"}},
		{"block key in a list", "indicators:\n  - id: a\n    name: 甲\n    colum: A\n",
			[]string{"第 4 行：未知的设置项 colum，是否应为 column？"}},
		{"unrelated key lists the keys", "office: {name: x, phone: 1}\n",
			[]string{"第 1 行：未知的设置项 phone；此处可用：name、mark、joint、author"}},
		{"unclosed flow mapping", "office: {name: x\n",
			[]string{"第 1 行第 9 列：{ … } 缺少右花括号 }"}},
		{"reserved character", "title: @通报\n",
			[]string{"第 1 行第 8 列：@ 和 ` 不能作为值的开头"}},
		{"unknown alias", "title: *x\n",
			[]string{"第 1 行第 9 列：引用的锚点（*名称）没有用 &名称 定义过"}},
		{"target units", "indicators:\n  - {id: a, name: 甲, column: A, target: {units: {甲: 高}}}\n",
			[]string{"第 2 行：这里应为数字，实际为 高"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("report.yaml", []byte(tt.yml))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if _, ok := err.(Problems); !ok {
				t.Errorf("error is %T, want Problems", err)
			}
			noGoWords(t, err)
		})
	}
}

// Shorthands decode as before: a bare doc-number pattern, a bare ranking id
// as an attachment, a bare header as the unit column, a bare id as a
// ranking column.
func TestYAMLShorthands(t *testing.T) {
	yml := `
doc_number: 衡政督〔{{年}}〕{{序号}}号
unit_column: 单位名称
attachments: [r1, {notice: fwd.tmpl, title: 转发}]
rankings:
  - {id: r1, by: a, columns: [a, {value: b, header: 乙}]}
`
	def, err := Parse("report.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	if def.DocNumber.Pattern != "衡政督〔{{年}}〕{{序号}}号" || def.DocNumber.Start != 1 {
		t.Errorf("doc_number = %+v", def.DocNumber)
	}
	if def.UnitColumn.Header != "单位名称" {
		t.Errorf("unit_column = %+v", def.UnitColumn)
	}
	if len(def.Attachments) != 2 || def.Attachments[0].Ranking != "r1" || def.Attachments[1].Notice != "fwd.tmpl" {
		t.Errorf("attachments = %+v", def.Attachments)
	}
	cols := def.Rankings[0].Columns
	if len(cols) != 2 || cols[0].Value != "a" || cols[1].Header != "乙" {
		t.Errorf("ranking columns = %+v", cols)
	}
	if got := def.DocNumber.Format(2022, 7); got != "衡政督〔2022〕7号" {
		t.Errorf("Format = %q", got)
	}
}

// Indicator problems found after decoding name the line and the id, not a
// position counted from 0.
func TestIndicatorProblemsNameLineAndID(t *testing.T) {
	yml := `office: {name: 办}
title: t
template: t.tmpl
unit_column: 单位
source: {file: x.xlsx}
columns: [{id: A, header: A}]
indicators:
  - {id: a, name: 甲, column: A}
  - id: b
    name: 乙
    column: A
    better: more
  - {id: c, name: 丙, column: A, ratio: [A, A]}
`
	def, err := Parse("report.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	ps := def.Validate()
	got := ps.Error()
	for _, w := range []string{
		`第 9 行的指标 b：better 应为 higher 或 lower（实际为 "more"）`,
		"第 13 行的指标 c：column、ratio、sum、expr 应恰好写一项",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("problems lack %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "indicators[") {
		t.Errorf("problems count from 0:\n%s", got)
	}
	var d Definition
	d.Indicators = []Indicator{{ID: "x"}}
	if r := d.IndicatorRef(0); r != "指标 x" {
		t.Errorf("IndicatorRef without a file = %q", r)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"colunm", "column", 2}, {"单位名称", "单位名", 1}, {"kitten", "sitting", 3}} {
		if d := EditDistance(tt.a, tt.b); d != tt.d {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, d, tt.d)
		}
	}
}
