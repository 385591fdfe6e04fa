package pdf_test

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

var pngDir = flag.String("png", "", "write page 1, the last body page and an attachment page of the sample as PNGs into this folder (e.g. ../../../docs)")

// tolMM is the tolerance of positions read back from the PDF.
const tolMM = 0.5

func TestPageSizeAndMetadata(t *testing.T) {
	info := pdftest.Info(t, renderSample(t))
	doc := sample(t)
	want := map[string]string{
		"Page size":    "595.28 x 841.89 pts (A4)",
		"Title":        doc.Title,
		"Author":       doc.Signature,
		"Subject":      doc.DocNumber,
		"CreationDate": "2022-11-04T09:30:00Z",
		"ModDate":      "2022-11-04T09:30:00Z",
	}
	for k, v := range want {
		if info[k] != v {
			t.Errorf("pdfinfo %s = %q, want %q", k, info[k], v)
		}
	}
}

func TestByteIdentical(t *testing.T) {
	a := renderSample(t)
	b, err := testRenderer(t).Render(sample(t), created)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same document differ")
	}
}

func TestFontsEmbeddedAsSubsets(t *testing.T) {
	pdf := renderSample(t)
	// The sample uses all four faces, each named as itself with a subset
	// tag, as prepress and archive tools expect.
	want := map[string]bool{"NotoSerifSC-Bold": true, "NotoSerifSC-Regular": true, "NotoSansSC-Medium": true, "BulletinWenKaiGB-Regular": true}
	tagged := regexp.MustCompile(`^[A-Z]{6}\+(.+)$`)
	for _, f := range pdftest.Fonts(t, pdf) {
		if !f.Embedded || !f.Subset || !f.Unicode {
			t.Errorf("font not embedded as a subset with ToUnicode: %s", f.Line)
		}
		m := tagged.FindStringSubmatch(f.Name)
		if m == nil || !want[m[1]] {
			t.Errorf("pdffonts names a font %q, want ABCDEF+ and one of %v", f.Name, want)
			continue
		}
		delete(want, m[1])
	}
	if len(want) > 0 {
		t.Errorf("faces not listed by pdffonts: %v", want)
	}
	pdftest.Check(t, pdf)
	// Whole fonts would be 5–11 MB each.
	if n := len(pdf); n > 400_000 {
		t.Errorf("sample is %d bytes; subsets should keep it small", n)
	}
}

// isNumberWord reports whether w is part of a page number “— N —”.
func isNumberWord(w pdftest.Word) bool {
	return w.YMin > gongwen.TypeBottomMM
}

// bodyPages are the portrait text pages: those whose words are all upright
// (a turned table's words are taller than wide).
func bodyPages(pages []pdftest.Page) []int {
	var out []int
	for i, p := range pages {
		upright := true
		for _, w := range p.Words {
			if utf8.RuneCountInString(w.Text) > 1 && w.YMax-w.YMin > w.XMax-w.XMin {
				upright = false
			}
		}
		if upright && len(p.Words) > 0 {
			out = append(out, i)
		}
	}
	return out
}

func TestTypeArea(t *testing.T) {
	pages := pdftest.Words(t, renderSample(t))
	for i, p := range pages {
		if math.Abs(p.W-gongwen.PageWidthMM) > tolMM || math.Abs(p.H-gongwen.PageHeightMM) > tolMM {
			t.Errorf("page %d is %.1f × %.1f mm, want A4", i+1, p.W, p.H)
		}
		for _, w := range p.Words {
			if isNumberWord(w) {
				continue
			}
			right := w.XMax
			if r, _ := utf8.DecodeLastRuneInString(w.Text); strings.ContainsRune("）》”’〕】，。、；：", r) {
				right -= gongwen.CharPitchMM / 2 // its blank half may pass the edge (标点挤压)
			}
			if w.XMin < gongwen.TypeLeftMM-tolMM || right > gongwen.TypeRightMM+tolMM ||
				w.YMin < gongwen.TypeTopMM-tolMM || w.YMax > gongwen.TypeBottomMM+tolMM {
				t.Errorf("page %d: %q at (%.1f,%.1f)–(%.1f,%.1f) mm lies outside the 版心", i+1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
			}
		}
	}
}

// lines groups a page's body words into lines by their box.
func lines(p pdftest.Page) [][]pdftest.Word {
	var ws []pdftest.Word
	for _, w := range p.Words {
		if !isNumberWord(w) {
			ws = append(ws, w)
		}
	}
	return pdftest.Lines(ws, 3) // lines are 10 mm apart
}

func TestBodyGrid(t *testing.T) {
	pages := pdftest.Words(t, renderSample(t))
	for _, i := range bodyPages(pages) {
		ls := lines(pages[i])
		if len(ls) > gongwen.LinesPerPage {
			t.Errorf("page %d: %d lines, at most %d", i+1, len(ls), gongwen.LinesPerPage)
		}
		for _, l := range ls {
			var text strings.Builder
			cells := 0.0
			for _, w := range l {
				text.WriteString(w.Text)
				for _, r := range w.Text {
					if strings.ContainsRune("（《“‘〔【）》”’〕】，。、；：", r) {
						cells += 0.5 // it may give up half its cell (标点挤压)
					} else if utf8.RuneLen(r) > 1 {
						cells++
					} else {
						cells += 0.5
					}
				}
			}
			if cells > gongwen.CharsPerLine {
				t.Errorf("page %d: line %q has %.1f characters, at most %d", i+1, text.String(), cells, gongwen.CharsPerLine)
			}
			if r, _ := utf8.DecodeRuneInString(text.String()); strings.ContainsRune("，。、；：？！）》”%", r) {
				t.Errorf("page %d: line starts with %q: %q", i+1, r, text.String())
			}
		}
	}
}

func TestFirstBodyLine(t *testing.T) {
	// Page 2 continues the body: its first line is the 版心's first grid
	// line, flush left.
	pages := pdftest.Words(t, renderSample(t))
	first := lines(pages[1])[0][0]
	if math.Abs(first.XMin-gongwen.TypeLeftMM) > tolMM {
		t.Errorf("first body line starts at x=%.2f mm, want the 版心's left edge %.2f", first.XMin, gongwen.TypeLeftMM)
	}
	// The em box is centred in the first grid line; the word's box is the
	// font's ascent and descent around the baseline, so compare centres.
	centre := (first.YMin + first.YMax) / 2
	want := gongwen.TypeTopMM + gongwen.LinePitchMM/2
	if math.Abs(centre-want) > tolMM {
		t.Errorf("first body line centred at y=%.2f mm, want the first grid line's centre %.2f", centre, want)
	}
}

func TestPageNumbersReadBack(t *testing.T) {
	pages := pdftest.Words(t, renderSample(t))
	layout, err := testRenderer(t).Layout(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		var num []pdftest.Word
		for _, w := range p.Words {
			if isNumberWord(w) {
				num = append(num, w)
			}
		}
		want := layout[i].Number
		if want == 0 {
			if len(num) != 0 {
				t.Errorf("page %d should carry no number, has %v", i+1, num)
			}
			continue
		}
		var text strings.Builder
		for _, w := range num {
			text.WriteString(w.Text)
		}
		if got := text.String(); got != fmt.Sprintf("—%d—", want) {
			t.Errorf("page %d number reads %q, want — %d —", i+1, got, want)
			continue
		}
		if i+1 != want {
			t.Errorf("page %d numbered %d", i+1, want)
		}
		mid := (num[0].XMin + num[len(num)-1].XMax) / 2
		if odd := want%2 == 1; odd != (mid > gongwen.PageWidthMM/2) {
			t.Errorf("page %d: number centred at x=%.1f mm; odd pages right, even pages left", want, mid)
		}
	}
}

func TestAttachmentTable(t *testing.T) {
	doc := sample(t)
	table := doc.Attachments[0].Notice.Attachments[0].Table
	pdf := renderSample(t)
	texts := pdftest.PageTexts(t, pdf, "-layout")
	pages := pdftest.Words(t, pdf)
	var tablePages []int
	for i, tx := range texts {
		if strings.Contains(tx, "序号") {
			tablePages = append(tablePages, i)
		}
	}
	if len(tablePages) < 2 {
		t.Fatalf("table header 序号 on pages %v; the 23 rows need two pages at least", tablePages)
	}
	all := ""
	for _, i := range tablePages {
		all += texts[i]
		var words strings.Builder
		for _, w := range pages[i].Words {
			words.WriteString(w.Text)
		}
		// Wrapped headers come back in pieces; their starts are enough.
		for _, h := range []string{"单位", "目录清单", "行政检查", "2022年度", "风险"} {
			if !strings.Contains(words.String(), h) {
				t.Errorf("table page %d lacks header %q", i+1, h)
			}
		}
	}
	for _, r := range table.Rows {
		unit := r[1]
		if n := countUnit(all, unit, table); n != 1 {
			t.Errorf("unit %q appears %d times in the table pages, want once", unit, n)
		}
	}
}

// countUnit counts unit's occurrences on the table's lines, not counting
// those inside longer unit names (县司法局 inside 衡阳县司法局).
func countUnit(text, unit string, table *notice.Table) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		for _, f := range strings.Fields(l) {
			if f == unit {
				n++
			}
		}
	}
	return n
}

var _ = strconv.Itoa

// TestTextExtraction: the text reads back in order, with half-width runs
// joined to the Chinese around them (no “2022 年” or “互联网 + 监管”).
func TestTextExtraction(t *testing.T) {
	text := pdftest.Text(t, renderSample(t))
	for _, want := range []string{
		"衡县优化办〔2022〕12号",
		"各相关单位：\n现将《衡阳市政务公开政务服务领导小组办公室关于2022年\n第三季度全市“互联网+监管”工作情况通报》转发给你",
		"（国办函〔2019〕80号）",
		"梳理完成率99.81%，",
		"一、总体情况",
		"（二）实施清单待完善发布。",
		"抄送：县人民政府办公室，县政务服务中心。",
		"2022年11月4日印发",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
}
