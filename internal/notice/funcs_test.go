package notice_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// renderLocal renders body as the report's own template (a file in a copy
// of the report folder), over the sample result.
func renderLocal(t *testing.T, def *report.Definition, res *metrics.Result, body string) (*notice.Document, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.tmpl"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	def.Dir, def.Template = dir, "t.tmpl"
	return notice.Render(def, res, notice.Options{Date: issueDate, Seq: 3})
}

// bodyText is the body as plain lines, heading and text joined.
func bodyText(d *notice.Document) string {
	var lines []string
	for _, b := range d.Body {
		lines = append(lines, b.Heading+b.Text)
	}
	return strings.Join(lines, "\n")
}

func TestFuncsOnSample(t *testing.T) {
	tests := []struct {
		name, tmpl, want string
		noPrev           bool
	}{
		{"total of a ratio", `{{total "ClaimRate"}}`, "100%", false},
		{"total of a count", `{{total "Officers"}}{{word "Officers"}}`, "1703人", false},
		{"previous total", `{{prevTotal "ClaimRate"}}`, "97.86%", false},
		{"rate change in points", `{{change "CoverageRate"}}`, "较上季度上升8.06个百分点", false},
		{"count change", `{{change "Registered"}}`, "较上季度增加49人", false},
		{"no change without previous period", `[{{change "Registered"}}{{prevTotal "ClaimRate"}}]`, "[]", true},
		{"unit value", `{{value "Activity" "县林业局"}}`, "91.76%", false},
		{"unit value not applicable", `{{value "ClaimRate" "县发改局"}}`, "/", false},
		{"unit change", `{{unitChange "Registered" "县财政局"}}`, "较上季度增加6人", false},
		{"unit change of a new unit", `[{{unitChange "Registered" "县档案局"}}]`, "[]", false},
		{"unit change unchanged", `{{unitChange "Officers" "县财政局"}}`, "与上季度持平", false},
		{"units at zero", `{{names (zero "CoverageRate")}}{{len (zero "Activity")}}`, "10", false},
		{"units at 100% skip not applicable", `{{len (full "ClaimRate")}}`, "22", false},
		{"units not applicable", `{{names (units "ClaimRate" "na" 0)}}`, "县发改局", false},
		{"units between", `{{names (between "Activity" 0.5 0.9)}}`, "县教育局、县公安局、县档案局", false},
		{"single name", `{{names (units "Activity" "gt" 0.9)}}`, "县林业局", false},
		{"grouped, largest first, single names without 各", `{{grouped (groupBy "Covered" "le" 2) "项"}}`,
			"县科技工信局2项，县财政局、县自然资源局、县水利局、县商务和粮食局、县医疗保障局、县城管局各1项", false},
		{"grouped nothing", `[{{grouped (groupBy "Unclaimed" "gt" 0) "项未梳理"}}]`, "[]", false},
		{"with values", `{{withValues "Activity" (units "Activity" "ge" 0.8)}}`, "县教育局（83.08%）、县林业局（91.76%）", false},
		{"rank tied unchanged", `{{rank "coverage" "县发改局"}}`, "并列第1位，与上季度持平", false},
		{"rank up", `{{rank "coverage" "委统一战线工作"}}`, "排名第4位，较上季度上升4位", false},
		{"rank of a new unit", `{{rank "coverage" "县档案局"}}`, "排名第7位，上季度未参与排名", false},
		{"rank without previous period", `{{rank "coverage" "县水利局"}}`, "排名第23位", true},
		{"ranked, last three", `{{names (last 3 (ranked "coverage"))}}`, "交通运输和旅游、县自然资源局、县水利局", false},
		{"first", `{{names (first 2 (ranked "coverage"))}}`, "县发改局、县科技工信局", false},
		{"numbering", `（{{num (seq "x")}}）甲。（{{num (seq "x")}}）{{counted "x"}}`, "（一）甲。（二）2", false},
		{"periods and dates", `{{.Period.Label}} {{quarter .Period}} {{.Period.Ordinal}} {{.PrevWord}} {{period .Prev}} {{date .Date}} {{bracket .Date.Year}} {{date .AsOf}}`,
			"2022年第三季度 三季度 第三季度 上季度 2022年第二季度 2022年11月4日 〔2022〕 2022年11月3日", false},
		{"deadline", `{{monthDay (days 11 .Date)}}`, "11月15日", false},
		{"pct of a value", `{{pct (ind "CoverageRate").Total 1}}`, "26.1%", false},
		{"new and gone units", `{{names .NewUnits}} {{names .GoneUnits}}`, "县档案局 县扶贫办", false},
		{"indicator fields", `{{(ind "ClaimRate").Name}} {{(ind "Activity").AtZero}}`, "目录清单梳理完成率 10", false},
		{"doc number", `{{.DocNumber}}`, "衡县政务公开办〔2022〕3号", false},
		{"sub-template as in docs/zh/templates.md", "{{template \"rate\" \"ImplRate\"}}；{{template \"rate\" \"CoverageRate\"}}。\n\n" +
			"{{define \"rate\"}}{{$i := ind .}}{{$i.Name}}\n{{- if not $i.Total.NA}}{{total .}}{{with change .}}，{{.}}{{end}}\n" +
			"{{- else}}达100%的单位{{len (full .)}}家{{end}}\n{{- end}}",
			"行政检查实施清单完成率达100%的单位23家；监管行为覆盖率26.08%，较上季度上升8.06个百分点。", false},
		{"total not applicable", `{{total "Activity"}} {{applicable "RiskFeedback"}}`, "/ 2", false},
		{"attachments", `{{range .Attachments}}{{.Title}}；{{end}}`, "衡阳县各单位“互联网+监管”工作进度统计表；衡阳县各单位监管行为覆盖率排名；", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := loadSample(t)
			doc, err := renderLocal(t, def, sampleResult(t, def, !tt.noPrev), "---\n"+tt.tmpl+"\n")
			if err != nil {
				t.Fatal(err)
			}
			if got := bodyText(doc); got != tt.want {
				t.Errorf("%s\n got %s\nwant %s", tt.tmpl, got, tt.want)
			}
		})
	}
}

func TestBlocks(t *testing.T) {
	tmpl := `---
根据有关要求，现将情况通报如下。
一、总体情况
（一）目录清单未梳理完成。全县目录清单可认领数691项。
(二) 半角括号也可以。其后的文字。
（三）只有一句的标题。
1.各单位要加强学习。熟悉各项指标。
1.5万人参加，不是编号。
（1）四级标题。正文。
2022年第三季度，不是编号。
　　行首的空格被去掉。

附件：1. 甲表
2. 乙表
`
	want := []notice.Block{
		{Level: 0, Text: "根据有关要求，现将情况通报如下。"},
		{Level: 1, Heading: "一、总体情况"},
		{Level: 2, Heading: "（一）目录清单未梳理完成。", Text: "全县目录清单可认领数691项。"},
		{Level: 2, Heading: "（二）半角括号也可以。", Text: "其后的文字。"},
		{Level: 2, Heading: "（三）只有一句的标题。"},
		{Level: 3, Heading: "1.各单位要加强学习。", Text: "熟悉各项指标。"},
		{Level: 0, Text: "1.5万人参加，不是编号。"},
		{Level: 4, Heading: "（1）四级标题。", Text: "正文。"},
		{Level: 0, Text: "2022年第三季度，不是编号。"},
		{Level: 0, Text: "行首的空格被去掉。"},
	}
	def := loadSample(t)
	doc, err := renderLocal(t, def, sampleResult(t, def, true), tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Body) != len(want) {
		t.Fatalf("got %d blocks, want %d:\n%s", len(doc.Body), len(want), bodyText(doc))
	}
	for i := range want {
		if doc.Body[i] != want[i] {
			t.Errorf("block %d:\n got %+v\nwant %+v", i, doc.Body[i], want[i])
		}
	}
	if got := doc.Attachments[0].Title + "/" + doc.Attachments[1].Title; got != "甲表/乙表" {
		t.Errorf("attachment titles from 附件： = %s", got)
	}
}

func TestFrontMatter(t *testing.T) {
	tmpl := `发文机关标志：某某局文件
发文字号：某局〔2022〕7号
标题：关于某事的通报
主送机关：各乡镇人民政府：
署名：某某局
成文日期：2022年10月18日
附注：（此件公开发布）
抄送：县委办，县政府办、县纪委。
印发机关：某某局办公室
印发日期：2022年10月19日
---
正文。
`
	def := loadSample(t)
	doc, err := renderLocal(t, def, sampleResult(t, def, true), tmpl)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{doc.IssuerMark, doc.DocNumber, doc.Title, doc.Addressee, doc.Signature, wording.Date(doc.Date), doc.Note,
		strings.Join(doc.CC, "|"), doc.Printer, wording.Date(doc.PrintDate)}
	want := []string{"某某局文件", "某局〔2022〕7号", "关于某事的通报", "各乡镇人民政府", "某某局", "2022年10月18日", "此件公开发布",
		"县委办|县政府办|县纪委", "某某局办公室", "2022年10月19日"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

func TestFrontMatterDefaults(t *testing.T) {
	def := loadSample(t)
	doc, err := renderLocal(t, def, sampleResult(t, def, true), "正文，没有文头。\n")
	if err != nil {
		t.Fatal(err)
	}
	if doc.IssuerMark != def.Office.Mark || doc.Signature != def.Office.Name || doc.Addressee != "县直各相关单位" ||
		doc.DocNumber != "衡县政务公开办〔2022〕3号" || doc.Title != "关于2022年第三季度全县“互联网+监管”工作情况的通报" ||
		wording.Date(doc.Date) != "2022年11月4日" || len(doc.CC) != 2 || doc.Printer != def.Printer {
		t.Errorf("defaults from report.yaml not applied: %+v", doc)
	}
	if len(doc.Body) != 1 || doc.Body[0].Text != "正文，没有文头。" {
		t.Errorf("body = %+v", doc.Body)
	}
	if len(doc.Attachments) != 2 || doc.Attachments[1].Table == nil {
		t.Errorf("attachments from report.yaml missing: %+v", doc.Attachments)
	}
}
