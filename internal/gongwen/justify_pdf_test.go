package gongwen_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// bboxLines renders doc, reads its words back with pdftotext -bbox and
// groups them into lines (words whose boxes share a centre), per page.
func bboxLines(t *testing.T, doc *notice.Document) [][][]pdftest.Word {
	t.Helper()
	var pages [][][]pdftest.Word
	for _, p := range pdftest.Words(t, pdftest.Render(t, doc)) {
		pages = append(pages, pdftest.Lines(p.Words, 1))
	}
	return pages
}

// TestJustifiedPDF reads the corpus and the sample back from the PDF:
// pdftotext finds no body line letter-spaced (a line read as single
// characters with spaces between, 季 度 上 升), and no gap between two words
// of a body line is wider than a quarter of a character.
func TestJustifiedPDF(t *testing.T) {
	bundledMetrics(t)
	docs := map[string]*notice.Document{
		"sample": loadDoc(t, "forwarding-notice.json"),
		"corpus": {Title: "关于情况的通报", Addressee: "各单位", Body: corpus(300)},
	}
	han := func(s string) bool {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) {
				return true
			}
		}
		return false
	}
	for name, doc := range docs {
		pages := bboxLines(t, doc)
		body, spaced := 0, 0
	page:
		for pi, lines := range pages {
			for _, l := range lines {
				for _, w := range l {
					if w.Text == "序号" {
						continue page // a table
					}
				}
			}
			for _, l := range lines {
				if l[0].YMax > gongwen.TypeBottomMM || strings.HasSuffix(l[len(l)-1].Text, "印发") || !han(l[0].Text) || len(l) > 1 && l[0].XMax < gongwen.PageWidthMM/2 && l[1].XMin > gongwen.PageWidthMM/2 {
					continue // page numbers, the 版记's last line: split by design
				}
				body++
				singles := 0
				for i, w := range l {
					if len([]rune(w.Text)) == 1 && han(w.Text) {
						singles++
					}
					if i > 0 {
						if g := (w.XMin - l[i-1].XMax) / gongwen.CharPitchMM; g > 0.26 { // 0.01: the PDF's rounding
							t.Errorf("%s page %d: a gap of %.2f character between %q and %q", name, pi+1, g, l[i-1].Text, w.Text)
						}
					}
				}
				if singles >= 3 {
					spaced++
					var ws []string
					for _, w := range l {
						ws = append(ws, w.Text)
					}
					t.Logf("%s page %d: letter-spaced line %q", name, pi+1, strings.Join(ws, " "))
				}
			}
		}
		t.Logf("%s: %d of %d body lines letter-spaced", name, spaced, body)
		// A line can only be set loose when what follows it cannot be
		// broken (（48.02%）、 after a full line): rare, never in the sample.
		if name == "sample" && spaced > 0 || spaced*100 > body {
			t.Errorf("%s: %d of %d body lines read letter-spaced", name, spaced, body)
		}
	}
}
