package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"

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

// Composite glyph flags (TrueType 'glyf' spec).
const (
	argsAreWords    = 0x0001
	weHaveAScale    = 0x0008
	moreComponents  = 0x0020
	weHaveXYScale   = 0x0040
	weHaveTwoByTwo  = 0x0080
	compositeMarker = -1
)

// components calls fn with the offset of each component glyph index in a
// composite glyph's data.
func components(data []byte, fn func(off int)) {
	if len(data) < 10 || int16(be.Uint16(data)) != compositeMarker {
		return
	}
	p := 10
	for p+4 <= len(data) {
		flags := be.Uint16(data[p:])
		fn(p + 2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&weHaveAScale != 0:
			p += 2
		case flags&weHaveXYScale != 0:
			p += 4
		case flags&weHaveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// subset returns a TrueType font holding glyph 0 and the glyphs for runes
// (with the components of composite glyphs), renumbered, with a format-4
// cmap. Tables gofpdf does not read (GSUB, GPOS, vertical metrics, …) are
// left out.
func (f *sfnt) subset(runes []rune) []byte {
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	newID := map[uint16]uint16{0: 0}
	old := []uint16{0}
	var add func(g uint16)
	add = func(g uint16) {
		if _, ok := newID[g]; ok {
			return
		}
		newID[g] = uint16(len(old))
		old = append(old, g)
		components(f.glyph(g), func(off int) {
			add(be.Uint16(f.glyph(g)[off:]))
		})
	}
	cmap := map[rune]uint16{}
	adv := map[uint16]uint16{} // by old glyph: the advance it is measured with
	for _, r := range runes {
		if r > 0xFFFF {
			continue // gofpdf reads format 4 only
		}
		if g, ok := f.cmap[r]; ok {
			add(g)
			cmap[r] = newID[g]
			adv[g] = f.advanceOf(g, r)
		}
	}
	var glyf, loca, hmtx []byte
	for _, g := range old {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		d := append([]byte(nil), f.glyph(g)...)
		components(d, func(off int) {
			be.PutUint16(d[off:], newID[be.Uint16(d[off:])])
		})
		glyf = append(glyf, d...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		a, ok := adv[g]
		if !ok {
			a = f.advances[g] // components, glyph 0
		}
		hmtx = be.AppendUint16(hmtx, a)
		hmtx = be.AppendUint16(hmtx, uint16(f.lsbs[g]))
	}
	loca = be.AppendUint32(loca, uint32(len(glyf)))

	head := append([]byte(nil), f.tables["head"]...)
	be.PutUint32(head[8:], 0)  // checkSumAdjustment, not checked by readers
	be.PutUint16(head[50:], 1) // long loca
	hhea := append([]byte(nil), f.tables["hhea"]...)
	be.PutUint16(hhea[34:], uint16(len(old)))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	be.PutUint16(maxp[4:], uint16(len(old)))
	post := make([]byte, 32)
	copy(post, f.tables["post"])
	be.PutUint32(post, 0x00030000) // no glyph names

	out := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "post": post,
		"hmtx": hmtx, "loca": loca, "glyf": glyf, "cmap": cmap4(cmap),
	}
	for _, t := range []string{"name", "OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if d := f.tables[t]; d != nil {
			out[t] = d
		}
	}
	return assemble(out)
}

// cmap4 builds a cmap table with one (3,1) format-4 subtable mapping each
// rune through its own segment (runs of consecutive runes and glyphs share
// one).
func cmap4(m map[rune]uint16) []byte {
	rs := make([]rune, 0, len(m))
	for r := range m {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, r := range rs {
		g := m[r]
		d := g - uint16(r)
		if n := len(segs); n > 0 && segs[n-1].end+1 == uint16(r) && segs[n-1].delta == d {
			segs[n-1].end++
			continue
		}
		segs = append(segs, seg{uint16(r), uint16(r), d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	var sub []byte
	sub = be.AppendUint16(sub, 4)
	sub = be.AppendUint16(sub, uint16(16+8*n))
	sub = be.AppendUint16(sub, 0)
	sub = be.AppendUint16(sub, uint16(2*n))
	p := 1
	for p*2 <= n {
		p *= 2
	}
	sub = be.AppendUint16(sub, uint16(2*p))
	sub = be.AppendUint16(sub, uint16(log2(p)))
	sub = be.AppendUint16(sub, uint16(2*n-2*p))
	for _, s := range segs {
		sub = be.AppendUint16(sub, s.end)
	}
	sub = be.AppendUint16(sub, 0)
	for _, s := range segs {
		sub = be.AppendUint16(sub, s.start)
	}
	for _, s := range segs {
		sub = be.AppendUint16(sub, s.delta)
	}
	for range segs {
		sub = be.AppendUint16(sub, 0)
	}
	var t []byte
	t = be.AppendUint16(t, 0)
	t = be.AppendUint16(t, 1)
	t = be.AppendUint16(t, 3)
	t = be.AppendUint16(t, 1)
	t = be.AppendUint32(t, 12)
	return append(t, sub...)
}

func log2(n int) int {
	k := 0
	for n > 1 {
		n >>= 1
		k++
	}
	return k
}

// assemble writes an sfnt file from its tables, in tag order.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	p := 1
	for p*2 <= n {
		p *= 2
	}
	var out []byte
	out = be.AppendUint32(out, 0x00010000)
	out = be.AppendUint16(out, uint16(n))
	out = be.AppendUint16(out, uint16(16*p))
	out = be.AppendUint16(out, uint16(log2(p)))
	out = be.AppendUint16(out, uint16(16*n-16*p))
	off := 12 + 16*n
	for _, t := range tags {
		d := tables[t]
		out = append(out, t...)
		out = be.AppendUint32(out, checksum(d))
		out = be.AppendUint32(out, uint32(off))
		out = be.AppendUint32(out, uint32(len(d)))
		off += (len(d) + 3) &^ 3
	}
	for _, t := range tags {
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(d []byte) uint32 {
	var s uint32
	for i := 0; i < len(d); i += 4 {
		var w [4]byte
		copy(w[:], d[i:])
		s += be.Uint32(w[:])
	}
	return s
}
