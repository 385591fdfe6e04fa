package fonts

import (
	"math"
	"sort"
)

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

// Subset returns a TrueType font holding glyph 0 and the glyphs for runes
// (with the components of composite glyphs), renumbered, with a format-4
// cmap. Tables gofpdf does not read (GSUB, GPOS, vertical metrics, …) are
// left out. advance, when not nil, gives each rune's advance in ems as the
// layout measured it (the body grid narrows full-width characters); the
// subset's metrics say the same, so the PDF draws what was measured.
func (f *Font) Subset(runes []rune, advance func(rune) float64) []byte {
	runes = append([]rune(nil), runes...)
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	newID := map[uint16]uint16{0: 0}
	old := []uint16{0}
	var add func(g uint16)
	add = func(g uint16) {
		if _, ok := newID[g]; ok || int(g) >= f.numGlyphs {
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
			a := f.advances[g]
			if advance != nil {
				a = uint16(math.Round(advance(r) * f.unitsPerEm))
			}
			adv[g] = a
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
