package docx_test

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// The organs of the joint notices below.
var jointOrgans = []string{"衡阳县人民政府办公室", "衡阳县财政局", "衡阳县政务服务中心"}

// jointNotice is the forwarding notice without attachments, issued by
// three organs (联合行文) with 文件 in the mark.
func jointNotice(t *testing.T) *notice.Document {
	t.Helper()
	doc := sample(t)
	doc.Attachments = nil
	doc.IssuerMark = strings.Join(jointOrgans, "\n") + "\n文件"
	doc.Signature = strings.Join(jointOrgans, "\n")
	return doc
}

// twips reads a twips attribute.
func twips(t *testing.T, n *node, name string) float64 {
	t.Helper()
	v, err := strconv.Atoi(n.attr(name))
	if err != nil {
		t.Fatalf("%s=%q: %v", name, n.attr(name), err)
	}
	return float64(v) * 25.4 / 1440
}

// TestJointDocumentXML reads a joint notice's document.xml back: the
// 发文机关标志 is a borderless table of one row, the organs stacked in its
// left cell (分散对齐, lead organ first) and 文件 in its right cell, centred
// vertically; the 署名 are one paragraph of two rows five lines apart, on
// two centre tab stops mirrored about the 版心's centre. Names too long to
// share a row are one a paragraph, without tabs.
func TestJointDocumentXML(t *testing.T) {
	doc := jointNotice(t)
	_, b := both(t, doc)
	body := parse(t, parts(t, b)["word/document.xml"]).child("body")
	if got, want := squash(body.text()), expectedText(doc); got != want {
		t.Errorf("text\n got %s\nwant %s", got, want)
	}
	tbl := body.child("tbl")
	if tbl == nil {
		t.Fatal("the joint 发文机关标志 is not a table")
	}
	if bd := tbl.path("tblPr", "tblBorders"); bd == nil || bd.child("top").attr("val") != "nil" || bd.child("insideV").attr("val") != "nil" {
		t.Error("the mark's table has borders")
	}
	cells := tbl.all("tc")
	if len(cells) != 2 {
		t.Fatalf("the mark's table has %d cells, want 2", len(cells))
	}
	var names []string
	for _, p := range cells[0].all("p") {
		names = append(names, p.text())
		if jc := p.path("pPr", "jc").attr("val"); jc != "distribute" {
			t.Errorf("organ %q aligned %q, want distribute (分散对齐)", p.text(), jc)
		}
	}
	if strings.Join(names, "|") != strings.Join(jointOrgans, "|") {
		t.Errorf("left cell %q, want the organs %q", names, jointOrgans)
	}
	if got := squash(cells[1].text()); got != "文件" || cells[1].path("tcPr", "vAlign").attr("val") != "center" {
		t.Errorf("right cell %q, vAlign %q; want 文件 centred", got, cells[1].path("tcPr", "vAlign").attr("val"))
	}

	var sigs []*node
	blanks := 0
	for _, p := range body.all("p") {
		switch p.path("pPr", "pStyle").attr("val") {
		case "GWSignature":
			sigs = append(sigs, p)
		case "GWBlank":
			if len(sigs) == 1 {
				blanks++
				if p.path("pPr", "keepNext") == nil {
					t.Error("a blank line between the 署名's rows is not kept with the next")
				}
			}
		}
	}
	if len(sigs) != 2 {
		t.Fatalf("%d 署名 paragraphs, want two rows", len(sigs))
	}
	if blanks != gongwen.JointRowLines-1 {
		t.Errorf("%d blank lines between the rows, want %d", blanks, gongwen.JointRowLines-1)
	}
	if sigs[0].path("pPr", "keepNext") == nil {
		t.Error("the first row of the 署名 is not kept with the next")
	}
	if got := squash(sigs[0].text()); got != jointOrgans[0] {
		t.Errorf("first row %q, want %q alone", got, jointOrgans[0])
	}
	if got := squash(sigs[1].text()); got != jointOrgans[1]+jointOrgans[2] {
		t.Errorf("second row %q, want %q", got, jointOrgans[1]+jointOrgans[2])
	}
	tabs := sigs[1].path("pPr", "tabs").all("tab")
	if len(tabs) != 2 || tabs[0].attr("val") != "center" || tabs[1].attr("val") != "center" {
		t.Fatalf("署名 tab stops %d, want two centre stops", len(tabs))
	}
	if l, r := twips(t, tabs[0], "pos"), twips(t, tabs[1], "pos"); math.Abs(l+r-gongwen.TypeWidthMM) > 0.1 || r <= l {
		t.Errorf("tab stops at %.1f and %.1f mm, want mirrored about the 版心's centre (%.1f)", l, r, gongwen.TypeWidthMM/2)
	}
	if first := sigs[0].path("pPr", "tabs").all("tab"); len(first) != 1 || first[0].attr("pos") != tabs[0].attr("pos") {
		t.Errorf("the first row's organ is not on the left stop")
	}

	doc.Signature = "华容县人民政府行政审批制度改革工作领导小组办公室\n华容县财政局"
	_, b = both(t, doc)
	body = parse(t, parts(t, b)["word/document.xml"]).child("body")
	var stacked []string
	for _, p := range body.all("p") {
		if p.path("pPr", "pStyle").attr("val") == "GWSignature" {
			stacked = append(stacked, p.text())
			if p.path("pPr", "tabs") != nil {
				t.Errorf("stacked 署名 %q has tab stops", p.text())
			}
		}
	}
	if len(stacked) != 2 {
		t.Errorf("long names: 署名 paragraphs %q, want one an organ", stacked)
	}
}

// lineOf is the line of words on page whose text (joined) starts with s.
func lineOf(t *testing.T, p pdftest.Page, s string) []pdftest.Word {
	t.Helper()
	for _, l := range pdftest.Lines(p.Words, 1.5) {
		var b strings.Builder
		for _, w := range l {
			b.WriteString(w.Text)
		}
		if strings.HasPrefix(b.String(), s) {
			return l
		}
	}
	t.Fatalf("no line starting %q", s)
	return nil
}

// wordOn is the word s on page.
func wordOn(t *testing.T, p pdftest.Page, s string) pdftest.Word {
	t.Helper()
	for _, w := range p.Words {
		if w.Text == s {
			return w
		}
	}
	t.Fatalf("no word %q", s)
	return pdftest.Word{}
}

func mid(w pdftest.Word) float64 { return (w.XMin + w.XMax) / 2 }

// TestJointLibreOffice converts a joint notice's .docx with LibreOffice
// and compares it with notice.pdf read back with pdftotext -bbox: on page
// 1 each organ spans what it spans in the PDF and 文件 stands to their
// right, centred on them; the red ink of the mark is where the PDF has
// it. On the last page the 署名 stand two to a row where the PDF has
// them: each organ's centre within a millimetre of the PDF's, the rows as
// far apart, the last row's second organ centred over the date.
func TestJointLibreOffice(t *testing.T) {
	bin := office(t)
	ref, b := both(t, jointNotice(t))
	file := filepath.Join(t.TempDir(), "notice.docx")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	conv := toPDF(t, bin, file)
	if os.Getenv("BULLETIN_KEEP_JOINT") != "" { // to look at the pages
		os.WriteFile(filepath.Join(os.Getenv("BULLETIN_KEEP_JOINT"), "joint-docx.pdf"), conv, 0o644)
		os.WriteFile(filepath.Join(os.Getenv("BULLETIN_KEEP_JOINT"), "joint.pdf"), ref, 0o644)
	}
	const mm = 1.0
	want, got := pdftest.Words(t, ref), pdftest.Words(t, conv)

	// Page 1: the mark.
	w0, g0 := want[0], got[0]
	for _, o := range jointOrgans {
		wl, gl := lineOf(t, w0, o), lineOf(t, g0, o)
		// 文件 is on the middle organ's line: compare the organs only.
		trim := func(l []pdftest.Word) []pdftest.Word {
			if l[len(l)-1].Text == "文件" {
				return l[:len(l)-1]
			}
			return l
		}
		wl, gl = trim(wl), trim(gl)
		if d0, d1 := gl[0].XMin-wl[0].XMin, gl[len(gl)-1].XMax-wl[len(wl)-1].XMax; math.Abs(d0) > mm || math.Abs(d1) > mm {
			t.Errorf("organ %s spans %.1f–%.1f mm, notice.pdf %.1f–%.1f mm", o, gl[0].XMin, gl[len(gl)-1].XMax, wl[0].XMin, wl[len(wl)-1].XMax)
		}
	}
	wf, gf := wordOn(t, w0, "文件"), wordOn(t, g0, "文件")
	if math.Abs(gf.XMin-wf.XMin) > mm {
		t.Errorf("文件 starts at %.1f mm, notice.pdf at %.1f mm", gf.XMin, wf.XMin)
	}
	first, last := lineOf(t, g0, jointOrgans[0])[0], lineOf(t, g0, jointOrgans[2])[0]
	if c := gf.Centre(); math.Abs(c-(first.Centre()+last.Centre())/2) > 0.5 {
		t.Errorf("文件 centred at %.1f mm, the organs at %.1f mm", c, (first.Centre()+last.Centre())/2)
	}
	wantBands, _ := redBands(t, ref)
	gotBands, _ := redBands(t, conv)
	if len(gotBands) != len(wantBands) || len(gotBands) < 4 {
		t.Fatalf("red bands on page 1: LibreOffice %v, notice.pdf %v", gotBands, wantBands)
	}
	for i := range 3 {
		if math.Abs(gotBands[i][0]-wantBands[i][0]) > mm || math.Abs(gotBands[i][1]-wantBands[i][1]) > mm {
			t.Errorf("mark line %d inked %.1f–%.1f mm, notice.pdf %.1f–%.1f mm", i+1, gotBands[i][0], gotBands[i][1], wantBands[i][0], wantBands[i][1])
		}
	}

	// The last page: the 署名 and the date.
	wp, gp := want[len(want)-1], got[len(got)-1]
	date := "2022年11月4日"
	wd, gd := lineOf(t, wp, date), lineOf(t, gp, date)
	// LibreOffice sets the date a little wider (space between Chinese and
	// Latin text): its right edge is the PDF's.
	wdc := (wd[0].XMin + wd[len(wd)-1].XMax) / 2
	if d := gd[len(gd)-1].XMax - wd[len(wd)-1].XMax; math.Abs(d) > mm {
		t.Errorf("%s ends at %.1f mm, notice.pdf at %.1f mm", date, gd[len(gd)-1].XMax, wd[len(wd)-1].XMax)
	}
	for _, o := range jointOrgans {
		w, g := wordOn(t, wp, o), wordOn(t, gp, o)
		if math.Abs(mid(w)-mid(g)) > mm {
			t.Errorf("署名 %s centred at %.1f mm, notice.pdf at %.1f mm", o, mid(g), mid(w))
		}
		// Heights from the date's line (the pages may break elsewhere).
		if dw, dg := wd[0].YMin-w.YMin, gd[0].YMin-g.YMin; math.Abs(dw-dg) > mm {
			t.Errorf("署名 %s %.1f mm above the date, notice.pdf %.1f mm", o, dg, dw)
		}
	}
	if g := wordOn(t, gp, jointOrgans[2]); math.Abs(mid(g)-wdc) > mm {
		t.Errorf("the last organ centred at %.1f mm, notice.pdf's date at %.1f mm", mid(g), wdc)
	}
}
