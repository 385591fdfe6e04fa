package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// sfnt is a TrueType font parsed once per process: enough to measure text
// (cmap, hmtx) and to cut a small font holding only the glyphs a document
// uses (loca, glyf), so that gofpdf, which parses every registered font file
// again for every document, parses a few kilobytes instead of megabytes.
type sfnt struct {
	data       []byte
	tables     map[string][]byte
	unitsPerEm float64
	numGlyphs  int
	advances   []uint16 // by glyph
	lsbs       []int16  // by glyph
	cmap       map[rune]uint16
	loca       []uint32 // numGlyphs+1 offsets into glyf
	name       string   // full name (name ID 4)
	gridAdv    uint16   // advance of full-width characters on the grid; 0: natural
}

var be = binary.BigEndian

// parseSFNT reads a TrueType font. Collections (.ttc) and CFF-based
// OpenType (.otf) are refused: gofpdf embeds neither.
func parseSFNT(data []byte) (*sfnt, error) {
	if len(data) < 12 {
		return nil, errors.New("not a font file: too short")
	}
	switch tag := be.Uint32(data); tag {
	case 0x00010000, 0x74727565: // TrueType
	case 0x74746366:
		return nil, errors.New("a font collection (.ttc) cannot be embedded; extract one face as .ttf")
	case 0x4F54544F:
		return nil, errors.New("a CFF-based OpenType font (.otf) cannot be embedded; use a TrueType (.ttf) face")
	default:
		return nil, fmt.Errorf("not a TrueType font (tag %08x)", tag)
	}
	n := int(be.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	f := &sfnt{data: data, tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, ln := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(data) {
			return nil, fmt.Errorf("table %q lies outside the file", tag)
		}
		f.tables[tag] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf"} {
		if f.tables[t] == nil {
			if t == "glyf" || t == "loca" {
				return nil, errors.New("no glyf outlines (CFF font?): gofpdf embeds TrueType outlines only")
			}
			return nil, fmt.Errorf("missing table %q", t)
		}
	}
	head := f.tables["head"]
	if len(head) < 54 {
		return nil, errors.New("short head table")
	}
	f.unitsPerEm = float64(be.Uint16(head[18:]))
	longLoca := be.Uint16(head[50:]) == 1
	f.numGlyphs = int(be.Uint16(f.tables["maxp"][4:]))
	if err := f.parseHmtx(); err != nil {
		return nil, err
	}
	if err := f.parseLoca(longLoca); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	if os2 := f.tables["OS/2"]; len(os2) > 10 {
		if fs := be.Uint16(os2[8:]); fs == 0x0002 || fs&0x0300 != 0 {
			return nil, errors.New("the font's licence bits (OS/2 fsType) forbid embedding")
		}
	}
	f.name = f.nameID(4)
	return f, nil
}

func (f *sfnt) parseHmtx() error {
	hhea, hmtx := f.tables["hhea"], f.tables["hmtx"]
	nm := int(be.Uint16(hhea[34:]))
	if nm == 0 || len(hmtx) < 4*nm {
		return errors.New("bad hmtx table")
	}
	f.advances = make([]uint16, f.numGlyphs)
	f.lsbs = make([]int16, f.numGlyphs)
	for g := 0; g < f.numGlyphs; g++ {
		if g < nm {
			f.advances[g] = be.Uint16(hmtx[4*g:])
			f.lsbs[g] = int16(be.Uint16(hmtx[4*g+2:]))
			continue
		}
		f.advances[g] = f.advances[nm-1]
		if o := 4*nm + 2*(g-nm); o+2 <= len(hmtx) {
			f.lsbs[g] = int16(be.Uint16(hmtx[o:]))
		}
	}
	return nil
}

func (f *sfnt) parseLoca(long bool) error {
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for i := range f.loca {
		if long {
			if 4*i+4 > len(loca) {
				return errors.New("short loca table")
			}
			f.loca[i] = be.Uint32(loca[4*i:])
		} else {
			if 2*i+2 > len(loca) {
				return errors.New("short loca table")
			}
			f.loca[i] = uint32(be.Uint16(loca[2*i:])) * 2
		}
	}
	return nil
}

// parseCmap reads the Unicode mapping: format 12 (full range) when present,
// else format 4 (BMP).
func (f *sfnt) parseCmap() error {
	cm := f.tables["cmap"]
	n := int(be.Uint16(cm[2:]))
	var sub4, sub12 []byte
	for i := 0; i < n; i++ {
		rec := cm[4+8*i:]
		pid, eid, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
		if off >= len(cm) {
			continue
		}
		st := cm[off:]
		switch be.Uint16(st) {
		case 4:
			if pid == 3 && eid == 1 || pid == 0 {
				sub4 = st
			}
		case 12:
			if pid == 3 && eid == 10 || pid == 0 {
				sub12 = st
			}
		}
	}
	f.cmap = map[rune]uint16{}
	switch {
	case sub12 != nil:
		ng := int(be.Uint32(sub12[12:]))
		for i := 0; i < ng; i++ {
			g := sub12[16+12*i:]
			lo, hi, gid := be.Uint32(g), be.Uint32(g[4:]), be.Uint32(g[8:])
			for c := lo; c <= hi && c <= 0x10FFFF; c++ {
				if id := gid + (c - lo); id < uint32(f.numGlyphs) {
					f.cmap[rune(c)] = uint16(id)
				}
			}
		}
	case sub4 != nil:
		segX2 := int(be.Uint16(sub4[6:]))
		ends, starts := sub4[14:], sub4[16+segX2:]
		deltas, ranges := sub4[16+2*segX2:], sub4[16+3*segX2:]
		for s := 0; s < segX2/2; s++ {
			end, start := be.Uint16(ends[2*s:]), be.Uint16(starts[2*s:])
			delta, ro := be.Uint16(deltas[2*s:]), int(be.Uint16(ranges[2*s:]))
			for c := uint32(start); c <= uint32(end) && c != 0xFFFF; c++ {
				var gid uint16
				if ro == 0 {
					gid = uint16(c) + delta
				} else {
					p := 2*s + ro + 2*int(c-uint32(start))
					if p+2 > len(ranges) {
						continue
					}
					if gid = be.Uint16(ranges[p:]); gid != 0 {
						gid += delta
					}
				}
				if gid != 0 && int(gid) < f.numGlyphs {
					f.cmap[rune(c)] = gid
				}
			}
		}
	default:
		return errors.New("no Unicode cmap")
	}
	return nil
}

// nameID returns a name-table string (Windows Unicode, English if there).
func (f *sfnt) nameID(id uint16) string {
	nt := f.tables["name"]
	if len(nt) < 6 {
		return ""
	}
	count, strOff := int(be.Uint16(nt[2:])), int(be.Uint16(nt[4:]))
	best := ""
	for i := 0; i < count && 6+12*i+12 <= len(nt); i++ {
		r := nt[6+12*i:]
		pid, eid, lang, nid := be.Uint16(r), be.Uint16(r[2:]), be.Uint16(r[4:]), be.Uint16(r[6:])
		ln, off := int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
		if nid != id || pid != 3 || eid != 1 || strOff+off+ln > len(nt) {
			continue
		}
		b := nt[strOff+off : strOff+off+ln]
		u := make([]rune, 0, ln/2)
		for j := 0; j+1 < len(b); j += 2 {
			u = append(u, rune(be.Uint16(b[j:])))
		}
		if best == "" || lang == 0x409 {
			best = string(u)
		}
	}
	return best
}

// advance returns r's advance in ems (the grid advance when the font is
// set on the grid and r is a full-width character at least that wide).
func (f *sfnt) advance(r rune) (float64, bool) {
	g, ok := f.cmap[r]
	if !ok {
		return 0, false
	}
	return float64(f.advanceOf(g, r)) / f.unitsPerEm, true
}

// advanceOf is glyph g's advance in font units when it draws r.
func (f *sfnt) advanceOf(g uint16, r rune) uint16 {
	if f.gridAdv != 0 && f.advances[g] >= f.gridAdv && gongwen.FullWidth(r) {
		return f.gridAdv
	}
	return f.advances[g]
}

// setGrid makes full-width characters advance by the grid cell
// (gongwen.GridEm) in measurements and in the subsets cut for embedding.
func (f *sfnt) setGrid() {
	f.gridAdv = uint16(math.Round(gongwen.GridEm * f.unitsPerEm))
}

// glyph returns glyph g's outline data.
func (f *sfnt) glyph(g uint16) []byte {
	glyf := f.tables["glyf"]
	a, b := f.loca[g], f.loca[g+1]
	if a >= b || int(b) > len(glyf) {
		return nil
	}
	return glyf[a:b]
}
