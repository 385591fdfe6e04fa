package fonts

import (
	"errors"
	"testing"

	bundledfiles "github.com/bulletin-gov/bulletin/fonts"
)

// FuzzParse feeds the parser and the subsetter arbitrary files: fonts come
// from offices. Whatever the bytes, Parse gives a Font or an error (never
// a panic, not even one its recover backstop catches), and a Font parsed
// can be measured and cut, and its subset parses again with the same
// advances. The seeds (small subsets of the bundled faces, cut and
// damaged) run in the normal suite; `go test -fuzz FuzzParse` explores.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"body.ttf", "hei.ttf", "kai.ttf", "title.ttf"} {
		font, err := Parse(bundledfiles.File(name))
		if err != nil {
			f.Fatal(err)
		}
		small := font.Subset([]rune("衡阳县2022年“互联网+监管”，100%。"), nil)
		f.Add(small)
		f.Add(small[:len(small)/2])
		f.Add(small[:200])
		damaged := append([]byte(nil), small...)
		for i := 12; i < len(damaged); i += 97 {
			damaged[i] ^= 0xA5
		}
		f.Add(damaged)
	}
	f.Add([]byte{})
	f.Add([]byte("ttcf\x00\x01\x00\x00"))
	f.Add([]byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("\x00\x01\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := Parse(data)
		if err != nil {
			var b *BrokenError
			if errors.As(err, &b) && b.panicked {
				t.Fatalf("Parse panicked: %v", b.What)
			}
			return
		}
		var runes []rune
		for r := range font.cmap {
			if r <= 0xFFFF {
				runes = append(runes, r)
			}
			if len(runes) == 64 {
				break
			}
		}
		_ = font.PostScriptName()
		sub, err := Parse(font.Subset(runes, nil))
		if err != nil {
			t.Fatalf("the subset of a font that parsed does not parse: %v", err)
		}
		for _, r := range runes {
			want, _ := font.Advance(r)
			if got, ok := sub.Advance(r); !ok || got != want {
				t.Fatalf("%q advances %v in the subset, %v in the font", r, got, want)
			}
		}
	})
}
