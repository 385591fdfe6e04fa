package pipeline_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// docxParts reads the parts of a .docx.
func docxParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

// wpara is a paragraph of document.xml read back: its style, its text
// (a tab as \t), its jc and its tab stops.
type wpara struct {
	Style, Text, Jc string
	Tabs            []string // "right@9045"
}

func docxParas(t *testing.T, doc string) []wpara {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	var out []wpara
	var cur *wpara
	inT := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range e.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch e.Name.Local {
			case "p":
				out = append(out, wpara{})
				cur = &out[len(out)-1]
			case "pStyle":
				cur.Style = attr("val")
			case "jc":
				cur.Jc = attr("val")
			case "tab":
				if v := attr("val"); v != "" {
					cur.Tabs = append(cur.Tabs, v+"@"+attr("pos"))
				} else if cur != nil {
					cur.Text += "\t"
				}
			case "t":
				inT = true
			}
		case xml.EndElement:
			if e.Name.Local == "t" {
				inT = false
			}
		case xml.CharData:
			if inT && cur != nil {
				cur.Text += string(e)
			}
		}
	}
	return out
}

// Issue 17 in notice.docx: a draft's .docx carries the 送审稿 mark in its
// page header (outside the type area, as the PDF has it in the 天头) and the
// approved notice's does not; a 上行文's 发文字号 line holds 签发人：name, the
// number flush left 1 字 in and the 签发人 at a right tab stop 1 字 from
// the 版心's right edge (GB/T 9704 §7.2.4).
func TestDocxDraftMarkAndSigner(t *testing.T) {
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
`
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
	arch := filepath.Join(t.TempDir(), "archive")
	issue(t, pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: day})

	if d := os.Getenv("DOCX_DUMP"); d != "" {
		os.WriteFile(filepath.Join(d, "draft.docx"), readArchived(t, arch, def.ID, "notice.docx"), 0o644)
	}
	draft := docxParts(t, readArchived(t, arch, def.ID, "notice.docx"))
	hdr, ok := draft["word/header1.xml"]
	if !ok {
		t.Fatalf("the draft's .docx has no header; parts: %v", keys(draft))
	}
	if !strings.Contains(hdr, ">"+pipeline.DraftMark+"<") || !strings.Contains(hdr, `w:color w:val="E60000"`) {
		t.Errorf("the header does not hold the red mark:\n%s", hdr)
	}
	doc := draft["word/document.xml"]
	if !strings.Contains(doc, `<w:headerReference w:type="default"`) || !strings.Contains(doc, `<w:headerReference w:type="even"`) {
		t.Error("the draft's sections do not use the mark's header on odd and even pages")
	}
	for _, p := range docxParas(t, doc) {
		if strings.Contains(p.Text, pipeline.DraftMark) {
			t.Errorf("the mark is in the body (paragraph %q), not outside the type area", p.Text)
		}
	}
	if !strings.Contains(draft["[Content_Types].xml"], "/word/header1.xml") || !strings.Contains(draft["word/_rels/document.xml.rels"], "header1.xml") {
		t.Error("the header part is not declared")
	}
	numberLine := func(parts map[string]string) wpara {
		t.Helper()
		for _, p := range docxParas(t, parts["word/document.xml"]) {
			if p.Style == "GWDocNumber" {
				return p
			}
		}
		t.Fatal("no 发文字号 paragraph")
		return wpara{}
	}
	if p := numberLine(draft); !strings.HasSuffix(p.Text, "\t签发人：") {
		t.Errorf("the draft's number line is %q, want it to end with a tab and 签发人：", p.Text)
	}

	if _, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: def, Period: q3, ArchiveDir: arch, By: "张三"}); err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv("DOCX_DUMP"); d != "" {
		os.WriteFile(filepath.Join(d, "final.docx"), readArchived(t, arch, def.ID, "notice.docx"), 0o644)
	}
	final := docxParts(t, readArchived(t, arch, def.ID, "notice.docx"))
	if _, ok := final["word/header1.xml"]; ok || strings.Contains(final["word/document.xml"], "headerReference") {
		t.Error("the approved notice's .docx still has the draft mark's header")
	}
	p := numberLine(final)
	if p.Text != "衡县政务公开办〔2022〕1号\t签发人：张三" {
		t.Errorf("the number line is %q", p.Text)
	}
	if p.Jc != "left" {
		t.Errorf("the number line is aligned %q, want left", p.Jc)
	}
	// 156 mm - 1 字 (5.57 mm) = 150.43 mm = 27 grid cells of the 28.
	if len(p.Tabs) != 1 || !strings.HasPrefix(p.Tabs[0], "right@") {
		t.Errorf("the number line's tab stops are %v, want one right tab", p.Tabs)
	}
	if strings.Count(final["word/document.xml"], "签发人") != 1 {
		t.Error("签发人 appears other than once in the approved .docx")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
