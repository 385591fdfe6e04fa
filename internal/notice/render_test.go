package notice_test

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var issueDate = time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)

// forwardDef turns the sample into the county's 转发通知 as docs/zh/templates.md
// describes it: the forwarding office issues zhuanfa.tmpl and attaches the
// 情况通报, which carries its own issuer and the ranking tables.
func forwardDef(t testing.TB) *report.Definition {
	def := loadSample(t)
	def.Office = report.Office{Name: "衡阳县优化营商环境领导小组办公室", Mark: "衡阳县优化营商环境领导小组办公室"}
	def.DocNumber = report.DocNumber{Pattern: "衡县营商办〔{{年}}〕{{序号}}号", Start: 1}
	def.Recipients = "各相关单位"
	def.Printer = def.Office.Name
	def.Template = "zhuanfa.tmpl"
	def.Attachments = []report.AttachmentRef{{
		Notice: "tongbao.tmpl",
		FrontMatter: map[string]string{
			"发文机关标志": "衡阳县政务公开政务服务领导小组办公室",
			"署名":     "衡阳县政务公开政务服务领导小组办公室",
			"发文字号":   "衡县政务公开办〔2022〕9号",
			"主送":     "县直各相关单位",
			"成文日期":   "2022-10-18",
		},
		Attachments: []report.AttachmentRef{{Ranking: "progress"}, {Ranking: "coverage"}},
	}}
	return def
}

func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name     string
		def      func(testing.TB) *report.Definition
		withPrev bool
	}{
		{"tongbao-2022Q3", loadSample, true},
		{"tongbao-2022Q3-noprev", loadSample, false},
		{"zhuanfa-2022Q3", forwardDef, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := tt.def(t)
			res := sampleResult(t, def, tt.withPrev)
			doc, err := notice.Render(def, res, notice.Options{Templates: templates.FS, Date: issueDate, Seq: 12})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "golden", tt.name+".txt"), doc.Text())
		})
	}
}

// golden compares got with the file, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/notice -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./internal/notice -update rewrites it; review with git diff):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff shows the lines that differ, with their line numbers.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  - " + wl + "\n  + " + gl + "\n")
		}
	}
	return b.String()
}
