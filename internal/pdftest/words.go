package pdftest

import (
	"bytes"
	"encoding/xml"
	"sort"
	"testing"
)

// PtMM is one PDF point in millimetres.
const PtMM = 25.4 / 72

// Word is one word pdftotext -bbox found, in millimetres from the page's
// top-left corner. Its box runs from the baseline − the font's ascent to
// the baseline + its descent (not the ink).
type Word struct {
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// Centre is the height of the middle of the word's box.
func (w Word) Centre() float64 { return (w.YMin + w.YMax) / 2 }

// Page is one page read back: its size in millimetres and its words in
// pdftotext's order.
type Page struct {
	W, H  float64
	Words []Word
}

// Words reads the words of every page with pdftotext -bbox; opts are
// further options ("-f", "1", "-l", "1" for page 1 only).
func Words(t testing.TB, pdf []byte, opts ...string) []Page {
	t.Helper()
	args := append(append([]string{"-bbox"}, opts...), write(t, pdf), "-")
	pages, err := parseBBox(run(t, "pdftotext", args...))
	if err != nil {
		t.Fatalf("parse pdftotext -bbox output: %v", err)
	}
	return pages
}

func parseBBox(html []byte) ([]Page, error) {
	var doc struct {
		Pages []struct {
			W     float64 `xml:"width,attr"`
			H     float64 `xml:"height,attr"`
			Words []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(html))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	pages := make([]Page, len(doc.Pages))
	for i, p := range doc.Pages {
		pages[i] = Page{W: p.W * PtMM, H: p.H * PtMM}
		for _, w := range p.Words {
			pages[i].Words = append(pages[i].Words, Word{w.XMin * PtMM, w.YMin * PtMM, w.XMax * PtMM, w.YMax * PtMM, w.Text})
		}
	}
	return pages, nil
}

// Lines groups words into lines, top to bottom, each left to right: a word
// joins the line whose first word's centre is within near millimetres of
// its own (faces have different ascents, so boxes on one baseline differ a
// little).
func Lines(words []Word, near float64) [][]Word {
	ws := append([]Word(nil), words...)
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].Centre() < ws[j].Centre() })
	var lines [][]Word
	for _, w := range ws {
		if n := len(lines); n > 0 && w.Centre()-lines[n-1][0].Centre() <= near {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []Word{w})
	}
	for _, l := range lines {
		sort.SliceStable(l, func(i, j int) bool { return l[i].XMin < l[j].XMin })
	}
	return lines
}
