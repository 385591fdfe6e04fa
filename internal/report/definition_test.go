package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// The two bundled reports load, with their defaults applied and their
// cross-references resolved.
func TestLoadBundled(t *testing.T) {
	def, err := report.Load(filepath.Join("..", "..", "reports", "hengyang-county"))
	if err != nil {
		t.Fatal(err)
	}
	if def.ID != "hengyang-county" || def.Period != "quarter" || def.Template != "tongbao.tmpl" {
		t.Errorf("id %q period %q template %q", def.ID, def.Period, def.Template)
	}
	if def.Schedule.TimeZone != "Asia/Shanghai" || def.Schedule.Deadline == "" {
		t.Errorf("schedule defaults: %+v", def.Schedule)
	}
	if def.Office.Author.Email == "" || def.Office.Mark == "" {
		t.Errorf("office defaults: %+v", def.Office)
	}
	if len(def.Attachments) != 2 || def.Ranking(def.Attachments[0].Ranking) == nil {
		t.Errorf("attachments %+v do not resolve", def.Attachments)
	}
	if def.Ranking("nope") != nil || def.Indicator("nope") != nil || def.Column("nope") != nil {
		t.Error("lookup of an unknown id found something")
	}
	if len(def.Indicators) == 0 || def.Indicator(def.Indicators[0].ID) != &def.Indicators[0] {
		t.Error("Indicator does not return the definition's own indicator")
	}
	if got := def.Path("tongbao.tmpl"); got != filepath.Join(def.Dir, "tongbao.tmpl") {
		t.Errorf("Path = %q", got)
	}
	if got := def.Path("/abs/x"); got != "/abs/x" {
		t.Errorf("absolute Path = %q", got)
	}
	if def.Path("") != "" {
		t.Error(`Path("") is not ""`)
	}
	if _, err := report.Load(filepath.Join("..", "..", "reports", "online-service")); err != nil {
		t.Errorf("online-service: %v", err)
	}
}

func write(t *testing.T, yml string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "my-report")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, report.FileName), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const minimal = `office: {name: 县政务公开办}
title: 情况通报
template: t.tmpl
unit_column: 单位
`

func TestLoad(t *testing.T) {
	t.Run("id from the folder", func(t *testing.T) {
		def, err := report.Load(write(t, minimal))
		if err != nil {
			t.Fatal(err)
		}
		if def.ID != "my-report" || def.Printer != "县政务公开办" || def.DocNumber.Start != 1 {
			t.Errorf("id %q printer %q start %d", def.ID, def.Printer, def.DocNumber.Start)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		_, err := report.Load(t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "找不到报告定义") || !strings.Contains(err.Error(), report.FileName) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, report.FileName), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := report.Load(dir); err == nil || !strings.Contains(err.Error(), "读取报告定义") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("syntax error names the file and line", func(t *testing.T) {
		dir := write(t, minimal+"cc: [甲\n")
		_, err := report.Load(dir)
		if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, report.FileName)+": 第 5 行第 5 列：列表 [ … ] 缺少右方括号 ]。该行为：cc: [甲") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("every problem at once", func(t *testing.T) {
		_, err := report.Load(write(t, "title: t\nperiod: week\nattachments: [nope, {title: x}]\n"))
		if err == nil {
			t.Fatal("no error")
		}
		for _, w := range []string{"缺少必填字段 office.name", "缺少必填字段 template", "缺少必填字段 unit_column",
			`period 应为 quarter（季度）、month（月）、half（半年）、year（年）或 asof（截至日期）（实际为 "week"）`, `第 3 行第 1 个附件 引用的排名表 "nope" 不在 rankings 中`, "第 3 行第 2 个附件 应写 ranking 或 notice"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error lacks %q:\n%v", w, err)
			}
		}
	})
	t.Run("empty file", func(t *testing.T) {
		_, err := report.Load(write(t, ""))
		if err == nil || !strings.Contains(err.Error(), "缺少必填字段 office.name") {
			t.Errorf("err = %v", err)
		}
	})
}

// Validation names each mistake in the indicators, scoring and rankings.
func TestValidateIndicators(t *testing.T) {
	tests := []struct {
		name, yml, want string
	}{
		{"no source", "  - {id: a, name: 甲}\n", "第 6 行的指标 a：column、ratio、sum、expr 应恰好写一项"},
		{"ratio of one", "  - {id: a, name: 甲, ratio: [A]}\n", "第 6 行的指标 a：ratio 应写两项 [分子, 分母]"},
		{"no name", "  - {id: a, column: A}\n", "第 6 行的指标 a：需要 id 和 name"},
		{"no id", "  - {name: 甲, column: A}\n", "第 6 行的指标：需要 id 和 name"},
		{"weighted without weight", "  - {id: a, name: 甲, column: A, total: weighted}\n", "第 6 行的指标 a：total: weighted 需要 weight"},
		{"bad total", "  - {id: a, name: 甲, column: A, total: max}\n", `total 应为 sum、mean、weighted 或 none（实际为 "max"）`},
		{"second indicator", "  - {id: a, name: 甲, column: A}\n  -\n    id: b\n    name: 乙\n    sum: [A]\n    better: up\n", "第 7 行的指标 b：better 应为 higher 或 lower"},
		{"scoring rule", "  - {id: a, name: 甲, column: A}\nscoring: {rules: [{indicator: x, per: 1}, {indicator: a, of: all}]}\n", `第 7 行第 1 个评分规则 引用的指标 "x" 不在 indicators 中`},
		{"scoring of", "  - {id: a, name: 甲, column: A}\nscoring: {rules: [{indicator: a, of: all}]}\n", `第 7 行的评分规则 的 of 应为 value 或 short（实际为 "all"）`},
		{"ranking order", "  - {id: a, name: 甲, column: A}\nrankings: [{id: r, by: a, order: up}]\n", `第 7 行的排名表 r：order 应为 asc 或 desc`},
		{"column kind", "  - {id: a, name: 甲, column: A}\ncolumns:\n  - {id: A, header: 甲}\n  - {id: B, header: 乙, kind: money}\n", `第 9 行的列 B 的 kind 应为 count、number、rate 或 text（实际为 "money"）`},
		{"columns in one line", "  - {id: a, name: 甲, column: A}\ncolumns: [{id: A, header: 甲}, {id: A, header: 乙}]\n", `第 7 行第 2 个列 A 的 id 重复`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yml := minimal + "indicators:\n" + tt.yml
			_, err := report.Load(write(t, yml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant %q", err, tt.want)
			}
		})
	}
}
