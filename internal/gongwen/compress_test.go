package gongwen

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// cuts breaks text on lines of n cells and writes each line with its
// compressed marks in brackets and its width in cells: "一[）]、二 3.5".
func cuts(t *testing.T, text string, n float64) string {
	t.Helper()
	m := fixedMetrics{}
	us, err := units(m, []span{{Body, text}}, BodySizePt, CharPitchMM, "test")
	if err != nil {
		t.Fatal(err)
	}
	w := n * CharPitchMM
	var out []string
	for _, l := range breakLines(us, w, w, m, BodySizePt) {
		var b strings.Builder
		for _, u := range l.units {
			if u.cut > 1e-9 {
				b.WriteString("[" + u.s + "]")
			} else {
				b.WriteString(u.s)
			}
		}
		out = append(out, b.String()+" "+strconv.FormatFloat(math.Round(width(l.units)/CharPitchMM*100)/100, 'f', -1, 64))
	}
	return strings.Join(out, "|")
}

func TestCompression(t *testing.T) {
	tests := []struct {
		name string
		text string
		n    float64
		want string
	}{
		{"closing mark before a mark closes up", "一）、二", 10, "一[）]、二 3.5"},
		{"full stop before a closing quote", "“一。”", 10, "“一[。]” 3.5"},
		{"opening mark after an opening mark", "一（“二”）", 10, "一（[“]二[”]） 5"},
		{"closing before opening", "一）（二", 10, "一[）]（二 3.5"},
		{"marks apart stay whole", "一，二（三）四", 10, "一，二（三）四 7"},
		{"push-in: the line keeps its closing marks", "一二，三，四五", 4, "一二[，]三[，] 4|四五 2"},
		{"push-out when compression cannot make room", "一二三四，五", 4, "一二三 3|四，五 3"},
		{"the opening mark at the line's start gives next after the end", "（一二）三，四", 5, "[（]一二）三[，] 5|四 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cuts(t, tt.text, tt.n); got != tt.want {
				t.Errorf("cuts(%q, %g) = %q, want %q", tt.text, tt.n, got, tt.want)
			}
		})
	}
}

// TestCompressedGlyphs: a compressed opening mark's glyph moves left by
// what it gave up (its blank half), a closing mark's stays, and the next
// character follows the compressed cell.
func TestCompressedGlyphs(t *testing.T) {
	us, _ := units(fixedMetrics{}, []span{{Body, "）（一"}}, BodySizePt, CharPitchMM, "")
	settle(us, 10*CharPitchMM)
	items := place(us, 0, 10*CharPitchMM, false, BodySizePt, Black)
	x := func(i int) float64 { return items[i].(Text).X }
	off := glyphOffset(us[0], CharPitchMM)
	if abs(x(0)-off) > 1e-9 || abs(x(1)-(CharPitchMM/2+off)) > 1e-9 || abs(x(2)-(1.5*CharPitchMM+off)) > 1e-9 {
		t.Errorf("glyphs at %.3f %.3f %.3f mm, want %.3f %.3f %.3f", x(0), x(1), x(2), off, CharPitchMM/2+off, 1.5*CharPitchMM+off)
	}
}
