package pdf_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// word is one word pdftotext found, in millimetres from the page's
// top-left corner. Its box runs from the baseline − the font's ascent to
// the baseline + its descent (not the ink).
type word struct {
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// pdfPage is one page read back from the PDF.
type pdfPage struct {
	W, H  float64 // mm
	Words []word
}

const ptMM = 25.4 / 72

// readBack extracts the words of every page with pdftotext -bbox.
func readBack(t testing.TB, pdf []byte) []pdfPage {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
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
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("parse pdftotext output: %v", err)
	}
	pages := make([]pdfPage, len(doc.Pages))
	for i, p := range doc.Pages {
		pages[i] = pdfPage{W: p.W * ptMM, H: p.H * ptMM}
		for _, w := range p.Words {
			pages[i].Words = append(pages[i].Words, word{w.XMin * ptMM, w.YMin * ptMM, w.XMax * ptMM, w.YMax * ptMM, w.Text})
		}
	}
	return pages
}

// layoutText returns each page's text as pdftotext -layout reads it.
func layoutText(t testing.TB, pdf []byte) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -layout: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1]
}

// pdfInfo returns pdfinfo's fields.
func pdfInfo(t testing.TB, pdf []byte) map[string]string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", "-isodates", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := map[string]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}
