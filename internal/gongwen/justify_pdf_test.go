package gongwen_test

import (
	"bytes"
	"encoding/xml"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// pdfWord is a word pdftotext -bbox found, in millimetres.
type pdfWord struct {
	x0, y0, x1, y1 float64
	s              string
}

// bboxLines renders doc, reads its words back with pdftotext -bbox and
// groups them into lines (words whose boxes share a centre), per page.
func bboxLines(t *testing.T, doc *notice.Document) [][][]pdfWord {
	t.Helper()
	set, err := fonts.Load(fonts.Options{NoSystemFonts: true})
	if err != nil {
		t.Fatal(err)
	}
	laid, err := gongwen.Lay(doc, gongwen.Measure(set))
	if err != nil {
		t.Fatal(err)
	}
	out, err := pdf.Render(laid, set, time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var d struct {
		Pages []struct {
			Words []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(x))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	const pt = 25.4 / 72
	var pages [][][]pdfWord
	for _, p := range d.Pages {
		var lines [][]pdfWord
		for _, w := range p.Words {
			pw := pdfWord{w.XMin * pt, w.YMin * pt, w.XMax * pt, w.YMax * pt, w.Text}
			c := (pw.y0 + pw.y1) / 2
			i := sort.Search(len(lines), func(i int) bool { return (lines[i][0].y0+lines[i][0].y1)/2 > c-1 })
			if i < len(lines) && math.Abs((lines[i][0].y0+lines[i][0].y1)/2-c) < 1 {
				lines[i] = append(lines[i], pw)
				continue
			}
			lines = append(lines, nil)
			copy(lines[i+1:], lines[i:])
			lines[i] = []pdfWord{pw}
		}
		for _, l := range lines {
			sort.Slice(l, func(i, j int) bool { return l[i].x0 < l[j].x0 })
		}
		pages = append(pages, lines)
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
					if w.s == "序号" {
						continue page // a table
					}
				}
			}
			for _, l := range lines {
				if l[0].y1 > gongwen.TypeBottomMM || strings.HasSuffix(l[len(l)-1].s, "印发") || !han(l[0].s) || len(l) > 1 && l[0].x1 < gongwen.PageWidthMM/2 && l[1].x0 > gongwen.PageWidthMM/2 {
					continue // page numbers, the 版记's last line: split by design
				}
				body++
				singles := 0
				for i, w := range l {
					if len([]rune(w.s)) == 1 && han(w.s) {
						singles++
					}
					if i > 0 {
						if g := (w.x0 - l[i-1].x1) / gongwen.CharPitchMM; g > 0.26 { // 0.01: the PDF's rounding
							t.Errorf("%s page %d: a gap of %.2f character between %q and %q", name, pi+1, g, l[i-1].s, w.s)
						}
					}
				}
				if singles >= 3 {
					spaced++
					var ws []string
					for _, w := range l {
						ws = append(ws, w.s)
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
