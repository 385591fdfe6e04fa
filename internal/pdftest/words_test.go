package pdftest

import (
	"math"
	"testing"
)

// TestParseBBox reads pdftotext -bbox's XHTML (as poppler writes it, with
// an HTML entity and an unclosed meta element) into millimetres.
func TestParseBBox(t *testing.T) {
	html := []byte(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title></title>
<meta name="Producer" content="bulletin">
</head>
<body>
<doc>
  <page width="595.275591" height="841.889764">
    <word xMin="79.370000" yMin="99.210000" xMax="124.720000" yMax="115.090000">衡县&amp;优化办</word>
    <word xMin="130.000000" yMin="100.000000" xMax="150.000000" yMax="114.000000">12号</word>
  </page>
  <page width="595.275591" height="841.889764">
  </page>
</doc>
</body>
</html>`)
	pages, err := parseBBox(html)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || len(pages[0].Words) != 2 || len(pages[1].Words) != 0 {
		t.Fatalf("pages %+v", pages)
	}
	if math.Abs(pages[0].W-210) > 0.01 || math.Abs(pages[0].H-297) > 0.01 {
		t.Errorf("page %.2f × %.2f mm, want A4", pages[0].W, pages[0].H)
	}
	w := pages[0].Words[0]
	if w.Text != "衡县&优化办" || math.Abs(w.XMin-28) > 0.01 || math.Abs(w.YMin-35) > 0.01 {
		t.Errorf("first word %+v, want 衡县&优化办 at 28 mm, 35 mm", w)
	}
}

// TestLines groups words by the centre of their box, top to bottom and
// left to right, within the tolerance.
func TestLines(t *testing.T) {
	words := []Word{
		{XMin: 60, YMin: 50, XMax: 70, YMax: 55.5, Text: "b"},
		{XMin: 30, YMin: 40, XMax: 40, YMax: 45, Text: "z"},
		{XMin: 30, YMin: 50.4, XMax: 40, YMax: 55, Text: "a"},
		{XMin: 30, YMin: 60, XMax: 40, YMax: 65, Text: "c"},
	}
	lines := Lines(words, 1)
	var got []string
	for _, l := range lines {
		s := ""
		for _, w := range l {
			s += w.Text
		}
		got = append(got, s)
	}
	if len(got) != 3 || got[0] != "z" || got[1] != "ab" || got[2] != "c" {
		t.Errorf("lines %q, want [z ab c]", got)
	}
}
