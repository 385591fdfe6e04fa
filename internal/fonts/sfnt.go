package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Font is a TrueType font parsed once per process: enough to measure text
// (cmap, hmtx) and to cut a small font holding only the glyphs a document
// uses (loca, glyf), so that gofpdf, which parses every font it is given
// again for every document, parses a few kilobytes instead of megabytes.
// A Font is read-only after Parse and safe for concurrent use.
type Font struct {
	tables     map[string][]byte
	unitsPerEm float64
	numGlyphs  int
	advances   []uint16 // by glyph
	lsbs       []int16  // by glyph
	cmap       map[rune]uint16
	loca       []uint32 // numGlyphs+1 offsets into glyf
	name       string   // full name (name ID 4)
	psName     string   // PostScript name (name ID 6)
}

var be = binary.BigEndian

// Errors saying why a font file cannot be used, in words for office staff
// (they end up in the run output: 找到 …，但…).
var (
	ErrCollection = errors.New("它是字体集（.ttc），无法嵌入，请从中取出单个字体存为 .ttf")
	ErrCFF        = errors.New("它是 CFF 轮廓的 OpenType 字体（.otf），无法嵌入，请改用 TrueType（.ttf）字体")
)

// EmbeddingForbiddenError says that the font's licence bits (OS/2 fsType)
// forbid embedding it in a document.
type EmbeddingForbiddenError struct{ FsType uint16 }

func (e *EmbeddingForbiddenError) Error() string {
	return fmt.Sprintf("该字体禁止嵌入（fsType=%d）", e.FsType)
}

// BrokenError says that the file is not a usable TrueType font.
type BrokenError struct {
	What     string
	panicked bool // found by the recover backstop, not a check (FuzzParse fails on it)
}

func (e *BrokenError) Error() string {
	return "文件已损坏或不是 TrueType 字体（" + e.What + "）"
}

func broken(format string, a ...any) error { return &BrokenError{What: fmt.Sprintf(format, a...)} }

// Parse reads a TrueType font. Collections (.ttc), CFF-based OpenType
// (.otf) and fonts whose fsType forbids embedding are refused: gofpdf embeds
// none of them. Any input gives a Font or an error, never a panic, in memory
// proportional to the file.
func Parse(data []byte) (f *Font, err error) {
	defer func() {
		// Backstop: a malformed table the checks below missed is a broken
		// file, not a crash (fonts come from offices). FuzzParse hunts
		// such cases so they get a proper check.
		if r := recover(); r != nil {
			f, err = nil, &BrokenError{What: fmt.Sprint(r), panicked: true}
		}
	}()
	if len(data) < 12 {
		return nil, broken("文件太短")
	}
	switch tag := be.Uint32(data); tag {
	case 0x00010000, 0x74727565: // TrueType
	case 0x74746366:
		return nil, ErrCollection
	case 0x4F54544F:
		return nil, ErrCFF
	default:
		return nil, broken("文件头 %08x", tag)
	}
	n := int(be.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, broken("表目录不完整")
	}
	f = &Font{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, ln := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if off+ln > uint64(len(data)) {
			return nil, broken("%q 表超出文件", tag)
		}
		f.tables[tag] = data[off : off+ln]
	}
	if f.tables["CFF "] != nil || f.tables["CFF2"] != nil {
		return nil, ErrCFF
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, broken("缺少 %q 表", t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, broken("head、hhea 或 maxp 表太短")
	}
	if os2 := f.tables["OS/2"]; len(os2) >= 10 {
		// 0x0002: restricted licence; 0x0100, 0x0200: no subsetting, bitmap only.
		if fs := be.Uint16(os2[8:]); fs&0x000F == 0x0002 || fs&0x0300 != 0 {
			return nil, &EmbeddingForbiddenError{FsType: fs}
		}
	}
	f.unitsPerEm = float64(be.Uint16(head[18:]))
	if f.unitsPerEm < 16 {
		return nil, broken("unitsPerEm=%v", f.unitsPerEm)
	}
	f.numGlyphs = int(be.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return nil, broken("没有字形")
	}
	if err := f.parseHmtx(); err != nil {
		return nil, err
	}
	if err := f.parseLoca(be.Uint16(head[50:]) == 1); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	f.name = f.nameID(4)
	f.psName = f.nameID(6)
	return f, nil
}

func (f *Font) parseHmtx() error {
	hhea, hmtx := f.tables["hhea"], f.tables["hmtx"]
	nm := int(be.Uint16(hhea[34:]))
	if nm == 0 || len(hmtx) < 4*nm {
		return broken("hmtx 表有误")
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

func (f *Font) parseLoca(long bool) error {
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for i := range f.loca {
		if long {
			if 4*i+4 > len(loca) {
				return broken("loca 表太短")
			}
			f.loca[i] = be.Uint32(loca[4*i:])
		} else {
			if 2*i+2 > len(loca) {
				return broken("loca 表太短")
			}
			f.loca[i] = uint32(be.Uint16(loca[2*i:])) * 2
		}
	}
	return nil
}

// parseCmap reads the Unicode mapping: format 12 (full range) when present,
// else format 4 (BMP). Ranges must ascend, as the format requires, which
// bounds the work by the size of Unicode whatever the file says.
func (f *Font) parseCmap() error {
	cm := f.tables["cmap"]
	if len(cm) < 4 {
		return broken("cmap 表太短")
	}
	n := int(be.Uint16(cm[2:]))
	var sub4, sub12 []byte
	for i := 0; i < n && 4+8*i+8 <= len(cm); i++ {
		rec := cm[4+8*i:]
		pid, eid, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
		if off < 0 || off+16 > len(cm) {
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
		next := uint32(0)
		for i := 0; i < ng && 16+12*i+12 <= len(sub12); i++ {
			g := sub12[16+12*i:]
			lo, hi, gid := be.Uint32(g), be.Uint32(g[4:]), be.Uint32(g[8:])
			if lo < next || hi < lo || hi > 0x10FFFF {
				continue
			}
			next = hi + 1
			for c := lo; c <= hi; c++ {
				if id := gid + (c - lo); id < uint32(f.numGlyphs) {
					f.cmap[rune(c)] = uint16(id)
				}
			}
		}
	case sub4 != nil:
		segX2 := int(be.Uint16(sub4[6:]))
		if 16+4*segX2 > len(sub4) {
			return broken("cmap 表有误")
		}
		ends, starts := sub4[14:], sub4[16+segX2:]
		deltas, ranges := sub4[16+2*segX2:], sub4[16+3*segX2:]
		next := uint32(0)
		for s := 0; s < segX2/2; s++ {
			end, start := be.Uint16(ends[2*s:]), be.Uint16(starts[2*s:])
			delta, ro := be.Uint16(deltas[2*s:]), int(be.Uint16(ranges[2*s:]))
			if uint32(start) < next || end < start {
				continue
			}
			next = uint32(end) + 1
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
		return broken("没有 Unicode 字符映射（cmap）")
	}
	return nil
}

// nameID returns a name-table string (Windows Unicode, English if there).
func (f *Font) nameID(id uint16) string {
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

// Name is the font's full name (name ID 4), e.g. "Noto Serif SC Regular".
func (f *Font) Name() string { return f.name }

// PostScriptName is the font's PostScript name (name ID 6), e.g.
// "NotoSerifSC-Regular", reduced to the characters a PDF name may hold
// unescaped; made from the full name when the font has none.
func (f *Font) PostScriptName() string {
	src := f.psName
	if src == "" {
		src = f.name
	}
	var out []byte
	for _, c := range src {
		if c > ' ' && c < 0x7F && !isDelimiter(c) {
			out = append(out, byte(c))
		}
	}
	if len(out) == 0 {
		return "Font"
	}
	return string(out)
}

func isDelimiter(c rune) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%', '#':
		return true
	}
	return false
}

// UnitsPerEm is the font's design grid.
func (f *Font) UnitsPerEm() float64 { return f.unitsPerEm }

// Advance returns r's natural advance in ems and whether the font has r.
// Characters beyond the BMP have none: gofpdf embeds through a format-4
// cmap only, so such a character would vanish from the PDF.
func (f *Font) Advance(r rune) (float64, bool) {
	if r > 0xFFFF {
		return 0, false
	}
	g, ok := f.cmap[r]
	if !ok {
		return 0, false
	}
	return float64(f.advances[g]) / f.unitsPerEm, true
}

// glyph returns glyph g's outline data.
func (f *Font) glyph(g uint16) []byte {
	if int(g) >= f.numGlyphs {
		return nil
	}
	glyf := f.tables["glyf"]
	a, b := f.loca[g], f.loca[g+1]
	if a >= b || int(b) > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// Ink returns the lowest and the highest point of r's ink, in ems above the
// baseline, from the glyph's bounding box in the glyf table (yMin, yMax);
// false when the font has no outline for r (an empty glyph, a space).
func (f *Font) Ink(r rune) (bottom, top float64, ok bool) {
	g, ok := f.cmap[r]
	if !ok {
		return 0, 0, false
	}
	data := f.glyph(g)
	if len(data) < 10 {
		return 0, 0, false
	}
	yMin, yMax := int16(binary.BigEndian.Uint16(data[4:])), int16(binary.BigEndian.Uint16(data[8:]))
	return float64(yMin) / f.unitsPerEm, float64(yMax) / f.unitsPerEm, true
}
