package fonts

import "testing"

// BenchmarkLoad is the start-up cost: reading and parsing the four bundled
// fonts (Load does it once per process and Options).
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(Options{NoSystemFonts: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSubsetKeepsAdvances(t *testing.T) {
	s, err := Load(Options{NoSystemFonts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Faces {
		font := s.Font(f)
		runes := []rune("衡阳2022年“互联网+监管”，100%")
		sub, err := Parse(font.Subset(runes, nil))
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", f, err)
		}
		if sub.numGlyphs > len(runes)+8 {
			t.Errorf("%s: subset has %d glyphs for %d characters", f, sub.numGlyphs, len(runes))
		}
		for _, r := range runes {
			want, _ := font.Advance(r)
			got, ok := sub.Advance(r)
			if !ok || got != want {
				t.Errorf("%s: %q advances %.4f em in the subset, %.4f in the font", f, r, got, want)
			}
		}
		if sub.PostScriptName() != font.PostScriptName() {
			t.Errorf("%s: subset is named %q, the font %q", f, sub.PostScriptName(), font.PostScriptName())
		}
	}
}

func TestSubsetTakesTheMeasuredAdvance(t *testing.T) {
	s, err := Load(Options{NoSystemFonts: true})
	if err != nil {
		t.Fatal(err)
	}
	font := s.Font(Body)
	sub, err := Parse(font.Subset([]rune("衡1"), func(r rune) float64 {
		if r == '衡' {
			return 0.75
		}
		a, _ := font.Advance(r)
		return a
	}))
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := sub.Advance('衡'); a != 0.75 {
		t.Errorf("衡 advances %v em in the subset, want the measured 0.75", a)
	}
}
