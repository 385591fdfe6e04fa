package gongwen

import (
	"strings"
	"testing"
)

// fixedMetrics gives every full-width character 1 em and every other
// character 0.5 em, in every face: arithmetic a reader can follow.
type fixedMetrics struct{ missing rune }

func (m fixedMetrics) Advance(_ Face, r rune) (float64, bool) {
	if r == m.missing {
		return 0, false
	}
	if isGrid(r) {
		return 1, true
	}
	return 0.5, true
}

// breakText breaks text at BodySizePt on lines of n grid cells and returns
// the lines joined by "|".
func breakText(t *testing.T, text string, n int) string {
	t.Helper()
	m := fixedMetrics{}
	us, err := units(m, []span{{Body, text}}, BodySizePt, CharPitchMM, "test")
	if err != nil {
		t.Fatal(err)
	}
	w := float64(n) * CharPitchMM
	var out []string
	for _, l := range breakLines(us, w, w, m, BodySizePt) {
		var b strings.Builder
		for _, u := range l.units {
			b.WriteString(u.s)
		}
		out = append(out, b.String())
	}
	return strings.Join(out, "|")
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name string
		text string
		n    int // cells a line
		want string
	}{
		{"fills whole lines", "一二三四五六七八", 4, "一二三四|五六七八"},
		{"closing punctuation never starts a line", "一二三四，五六", 4, "一二三|四，五六"},
		{"full stop pulls its character along", "一二三四。", 4, "一二三|四。"},
		{"opening bracket never ends a line", "一二三（四）五", 4, "一二三|（四）五"},
		{"opening quote never ends a line", "一二三“四”", 4, "一二三|“四”"},
		{"number stays with its unit", "一二三2022年", 6, "一二三|2022年"},
		{"percent stays with its number", "一二三四99.81%，", 6, "一二三四|99.81%，"},
		{"digits take their own advance, not a cell each", "一二123四五六", 5, "一二123四|五六"},
		{"long Latin run is cut", "ABCDEFGHIJKL", 4, "ABCDEFG|HIJKL"},
		{"single character wider than line", "一", 0, "一"},
		{"ellipsis not at line start", "一二三…", 3, "一二|三…"},
		{"no single character on a paragraph's last line", "一二三四五六七八九。", 4, "一二三四|五六七|八九。"},
		{"a figure may end a paragraph alone", "一二三四五六七八100%。", 4, "一二三四|五六七八|100%。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := breakText(t, tt.text, tt.n); got != tt.want {
				t.Errorf("breakText(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
			}
		})
	}
}

func TestMissingGlyph(t *testing.T) {
	_, err := units(fixedMetrics{missing: '㐀'}, []span{{Body, "一㐀"}}, BodySizePt, CharPitchMM, "正文第3段")
	if err == nil {
		t.Fatal("no error for a character no face has")
	}
	for _, want := range []string{"㐀", "U+3400", "正文第3段"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

// fallbackMetrics lacks 㛃 in every face but Kai.
type fallbackMetrics struct{ fixedMetrics }

func (m fallbackMetrics) Advance(f Face, r rune) (float64, bool) {
	if r == '㛃' && f != Kai {
		return 0, false
	}
	return m.fixedMetrics.Advance(f, r)
}

func TestFallbackFace(t *testing.T) {
	us, err := units(fallbackMetrics{}, []span{{Body, "张㛃"}}, BodySizePt, CharPitchMM, "")
	if err != nil {
		t.Fatal(err)
	}
	if us[0].face != Body || us[1].face != Kai {
		t.Errorf("faces = %s, %s; want body, then kai for the character body lacks", us[0].face, us[1].face)
	}
}

func TestJustify(t *testing.T) {
	us, _ := units(fixedMetrics{}, []span{{Body, "一二三"}}, BodySizePt, CharPitchMM, "")
	items := place(us, 0, 4*CharPitchMM, true, BodySizePt, Black)
	last := items[len(items)-1].(Text)
	// The last glyph's cell must end at the line's end.
	if got, want := last.X-glyphOffset(us[2], CharPitchMM)+CharPitchMM, 4*CharPitchMM; abs(got-want) > 1e-9 {
		t.Errorf("justified line ends at %.3f mm, want %.3f", got, want)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// FuzzBreakLines checks the breaker's promises on any text: nothing is
// lost or reordered, lines fit unless one unit is wider than the line, and
// no line starts with closing punctuation unless the line before could not
// give up a character.
func FuzzBreakLines(f *testing.F) {
	for _, s := range []string{"一二三四，五六", "截至2022年9月29日，", "（98.92%）、", "“互联网+监管”", "ABC def", "…………", ""} {
		f.Add(s, uint8(4))
	}
	f.Fuzz(func(t *testing.T, text string, n uint8) {
		m := fixedMetrics{}
		us, err := units(m, []span{{Body, text}}, BodySizePt, CharPitchMM, "fuzz")
		if err != nil {
			return
		}
		w := float64(n%40+1) * CharPitchMM
		lines := breakLines(us, w, w, m, BodySizePt)
		var got, want strings.Builder
		for _, u := range us {
			want.WriteString(u.s)
		}
		for i, l := range lines {
			if len(l.units) == 0 {
				t.Fatalf("empty line %d", i)
			}
			for _, u := range l.units {
				got.WriteString(u.s)
			}
			if width(l.units) > w+1e-6 && len(l.units) > 1 {
				t.Errorf("line %d is %.2f mm wide, more than %.2f", i, width(l.units), w)
			}
			if i > 0 && len(lines[i-1].units) > 1 && strings.ContainsRune(noLineStart, firstRune(l.units[0].s)) &&
				canBreak(lines[i-1].units[len(lines[i-1].units)-2], lines[i-1].units[len(lines[i-1].units)-1]) {
				t.Errorf("line %d starts with %q although the line before could give a character", i, l.units[0].s)
			}
		}
		if got.String() != want.String() {
			t.Errorf("lines read %q, want %q", got.String(), want.String())
		}
	})
}
