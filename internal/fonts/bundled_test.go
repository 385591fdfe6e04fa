package fonts

import (
	"bytes"

	"encoding/binary"
	bundledfiles "github.com/bulletin-gov/bulletin/fonts"
	"testing"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// gb2312Hanzi returns the 6763 hanzi of GB2312 (rows 16-87, bytes 0xB0A1-0xF7FE),
// decoded with the GBK decoder, which agrees with GB2312 on that range.
func gb2312Hanzi(t *testing.T) []rune {
	t.Helper()
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if hi == 0xD7 && lo >= 0xFA { // D7FA-D7FE: the five unassigned code points
				continue
			}
			b, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				t.Fatalf("decode %02X%02X: %v", hi, lo, err)
			}
			r := []rune(string(b))
			if len(r) != 1 || r[0] < 0x4E00 || r[0] > 0x9FFF {
				t.Fatalf("decode %02X%02X: got %q, want one CJK unified ideograph", hi, lo, b)
			}
			out = append(out, r[0])
		}
	}
	if len(out) != 6763 {
		t.Fatalf("GB2312 hanzi: got %d, want 6763", len(out))
	}
	return out
}

// punctuation a notice uses: ASCII digits and %, CJK and full-width punctuation.
const punctuation = "衡阳县司法局〔〕“”‘’…—·《》％%0123456789" +
	"　、。，：；？！（）【】「」『』～－／" + "ABCabc.,:;()-/ "

func TestBundledCoverage(t *testing.T) {
	hanzi := gb2312Hanzi(t)
	var buf sfnt.Buffer
	for _, r := range Faces {
		t.Run(string(r), func(t *testing.T) {
			f, err := sfnt.Parse(bundled(r))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			full, err := f.Name(&buf, sfnt.NameIDFull)
			if err != nil {
				t.Fatalf("name: %v", err)
			}
			if full != r.StandIn() {
				t.Errorf("full name %q, the face table says %q", full, r.StandIn())
			}
			var missing []rune
			for _, c := range append(hanzi, []rune(punctuation)...) {
				gi, err := f.GlyphIndex(&buf, c)
				if err != nil {
					t.Fatalf("GlyphIndex(%q): %v", c, err)
				}
				if gi == 0 {
					missing = append(missing, c)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%d characters missing, e.g. %q", len(missing), string(missing[:min(len(missing), 40)]))
			}
		})
	}
}

// TestBundledIsEmbeddableTrueType checks what gofpdf needs: a TrueType (not CFF)
// font file, not a collection, with an OS/2 fsType that allows embedding.
func TestBundledIsEmbeddableTrueType(t *testing.T) {
	for _, r := range Faces {
		b := bundled(r)
		if len(b) < 12 {
			t.Fatalf("%s: %d bytes", r, len(b))
		}
		if v := binary.BigEndian.Uint32(b); v != 0x00010000 {
			t.Errorf("%s: sfnt version %08X, want 00010000 (TrueType)", r, v)
			continue
		}
		tables := map[string][]byte{}
		n := int(binary.BigEndian.Uint16(b[4:]))
		for i := 0; i < n; i++ {
			rec := b[12+16*i:]
			off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			tables[string(rec[:4])] = b[off : off+length]
		}
		for _, tag := range []string{"glyf", "loca", "cmap", "hmtx", "OS/2", "name", "post"} {
			if tables[tag] == nil {
				t.Errorf("%s: no %q table", r, tag)
			}
		}
		if tables["CFF "] != nil || tables["CFF2"] != nil {
			t.Errorf("%s: has CFF outlines", r)
		}
		if os2 := tables["OS/2"]; len(os2) >= 10 {
			// gofpdf refuses 0x0002 (restricted) and 0x0100/0x0200 (no subsetting, bitmap only).
			if fs := binary.BigEndian.Uint16(os2[8:]); fs == 0x0002 || fs&0x0300 != 0 {
				t.Errorf("%s: fsType %04X forbids embedding", r, fs)
			}
		}
	}
}

// TestMaroto registers the four faces with maroto v2.3.3 and draws Chinese text
// in each, with half-width digits and punctuation.
func TestMaroto(t *testing.T) {
	repo := repository.New()
	for _, r := range Faces {
		repo = repo.AddUTF8FontFromBytes(string(r), fontstyle.Normal, bundled(r))
	}
	custom, err := repo.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.NewBuilder().
		WithCustomFonts(custom).
		WithDefaultFont(&props.Font{Family: string(Body), Style: fontstyle.Normal, Size: 16}).
		Build()
	m := maroto.New(cfg)
	lines := map[Face]string{
		Title: "衡阳县司法局关于2024年第三季度工作情况的通报",
		Body:  "衡阳县司法局〔2024〕12号：完成率达到98.5%（同比增长３％），“放管服”改革——稳步推进。",
		Hei:   "一、基本情况",
		Kai:   "（一）主要做法",
	}
	for _, r := range Faces {
		m.AddRow(12, text.NewCol(12, lines[r], props.Text{Family: string(r), Style: fontstyle.Normal, Size: 16}))
	}
	doc, err := m.Generate()
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	pdf := doc.GetBytes()
	if len(pdf) == 0 || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %d bytes", len(pdf))
	}
	if got := bytes.Count(pdf, []byte("/FontFile2")); got < len(Faces) {
		t.Errorf("%d embedded TrueType font files, want at least %d", got, len(Faces))
	}
}

// bundled is the stand-in's file for face f.
func bundled(f Face) []byte { return bundledfiles.File(table[f].bundled) }
