package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/pdftest"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// A 上行文 template (front matter 签发人) puts the 签发人 in the 版头 on the
// number's line (GB/T 9704 §7.2.4): blank in the draft, the approver once
// approved, the number moved to the left.
func TestUpwardSigner(t *testing.T) {
	def := approvalReport(t, "hengyang-county", "")
	tmpl := `发文机关标志：{{.Office.Mark}}
发文字号：{{.DocNumber}}
签发人：
标题：关于{{.Period.Label}}“互联网+监管”工作情况的报告
主送：市政务公开政务服务领导小组办公室
署名：{{.Office.Name}}
成文日期：{{date .Date}}
---
{{.Period.Label}}，全县“互联网+监管”工作有序推进，现将有关情况报告如下。
附件：1. 工作进度统计表
2. 监管行为覆盖率排名
`
	def = withTemplate(t, def, tmpl)
	arch := filepath.Join(t.TempDir(), "archive")
	issue(t, pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: day})
	draft := string(readArchived(t, arch, def.ID, "notice.txt"))
	if !strings.Contains(draft, "衡县政务公开办〔2022〕 号　　签发人：\n") {
		t.Errorf("the draft's number line:\n%.300s", draft)
	}
	if _, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: def, Period: q3, ArchiveDir: arch, By: "张三"}); err != nil {
		t.Fatal(err)
	}
	final := string(readArchived(t, arch, def.ID, "notice.txt"))
	if !strings.Contains(final, "衡县政务公开办〔2022〕1号　　签发人：张三\n") {
		t.Errorf("the approved number line:\n%.300s", final)
	}
	// On the page: the number starts 1 字 from the left of the type area
	// (28 + 5.6 mm), 签发人：张三 ends 1 字 from its right, on one line.
	words := bboxWords(t, readArchived(t, arch, def.ID, "notice.pdf"))
	num, sig := words["衡县政务公开办〔2022〕1号"], words["签发人：张三"]
	if num == nil || sig == nil {
		t.Fatalf("number %v, signer %v in %v", num, sig, words)
	}
	if x := num[0]; x < 32 || x > 35 {
		t.Errorf("the number starts at %.1f mm, want about 33.6 mm", x)
	}
	if x := sig[2]; x < 176 || x > 180 {
		t.Errorf("the 签发人's name ends at %.1f mm, want about 178.4 mm", x)
	}
	if d := num[1] - sig[1]; d > 2*pdftest.PtMM || d < -2*pdftest.PtMM {
		t.Errorf("number and 签发人 are not on one line: y %.1f and %.1f mm", num[1], sig[1])
	}
}

// withTemplate gives a copy of the sample report (def) the notice
// template tmpl, as shangxing.tmpl in report.yaml's template:, and loads it
// again.
func withTemplate(t *testing.T, def *report.Definition, tmpl string) *report.Definition {
	t.Helper()
	if err := os.WriteFile(filepath.Join(def.Dir, "shangxing.tmpl"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	yml, _ := os.ReadFile(filepath.Join(def.Dir, report.FileName))
	yml = []byte(strings.Replace(string(yml), "template: tongbao.tmpl", "template: shangxing.tmpl", 1))
	os.WriteFile(filepath.Join(def.Dir, report.FileName), yml, 0o644)
	def, err := report.Load(def.Dir)
	if err != nil {
		t.Fatal(err)
	}
	return def
}

// bboxWords maps each word of page 1 (pdftotext -bbox) to its box in
// millimetres from the top-left: xMin, yMin, xMax, yMax.
func bboxWords(t *testing.T, pdf []byte) map[string][]float64 {
	t.Helper()
	words := map[string][]float64{}
	for _, p := range pdftest.Words(t, pdf, "-f", "1", "-l", "1") {
		for _, w := range p.Words {
			words[w.Text] = []float64{w.XMin, w.YMin, w.XMax, w.YMax}
		}
	}
	return words
}
