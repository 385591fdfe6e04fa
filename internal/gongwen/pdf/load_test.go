package pdf

import "testing"

// BenchmarkLoadFaces is the start-up cost: reading and parsing the four
// bundled fonts (NewRenderer does it once per process and Options).
func BenchmarkLoadFaces(b *testing.B) {
	for b.Loop() {
		if _, err := loadFaces(Options{NoSystemFonts: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSubsetKeepsAdvances(t *testing.T) {
	faces, err := loadFaces(Options{NoSystemFonts: true})
	if err != nil {
		t.Fatal(err)
	}
	for f, fc := range faces {
		runes := []rune("衡阳2022年“互联网+监管”，100%")
		sub, err := parseSFNT(fc.font.subset(runes))
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", f, err)
		}
		if sub.numGlyphs > len(runes)+8 {
			t.Errorf("%s: subset has %d glyphs for %d characters", f, sub.numGlyphs, len(runes))
		}
		for _, r := range runes {
			want, _ := fc.font.advance(r)
			got, ok := sub.advance(r)
			if !ok || got != want {
				t.Errorf("%s: %q advances %.4f em in the subset, %.4f in the font", f, r, got, want)
			}
		}
	}
}
