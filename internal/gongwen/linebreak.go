package gongwen

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Line breaking for Chinese text on the character grid.
//
// Sources: the 避头尾 (kinsoku) sets follow GB/T 15834-2011 标点符号用法 §5
// (标点符号的位置和书写形式: 句号、问号、叹号、逗号、顿号、分号、冒号、引号、括号、书名号的
// 后一半 不出现在一行之首; 引号、括号、书名号的前一半 不出现在一行之末) as Word and WPS
// apply them; the "number stays with its unit" rule is our own list
// (unitChars), matching what Word does for 2022年 and 99.81%. UAX #14 would
// allow a break between 2022 and 年; a notice must not.

// noLineStart are characters that never begin a line (避头). The plus sign
// is ours: “互联网+监管” must not break before its “+”.
const noLineStart = "，。、；：？！）》」』”’〕】］｝…—%‰·,.;:?!)]}、～+＋"

// noLineEnd are characters that never end a line (避尾).
const noLineEnd = "（《「『“‘〔【［｛([{"

// unitChars are the units and counters that stay on the line of the number
// before them (2022年, 15项, 24个).
const unitChars = "年月日时分秒号项个家人条次元万亿件名倍位户批季度%‰"

// unit is the smallest piece the breaker moves: one character placed in its
// own grid cell, or a run of half-width characters (digits, Latin, %) set at
// their natural advance.
type unit struct {
	s     string
	face  Face
	grid  bool    // one full-width character in a grid cell
	width float64 // advance in mm (a cell for grid units)
	glyph float64 // the glyph's own advance in mm (grid units)
	kind  punct   // compression class of a grid mark (compress.go)
	cut   float64 // mm the mark gives up on its line (compress.go)
}

// span is a piece of a paragraph in one face.
type span struct {
	face Face
	text string
}

// FullWidth reports whether r takes a whole grid cell: Han characters,
// kana, full-width forms and the Chinese punctuation, including the quotes,
// dashes and ellipsis that Unicode calls ambiguous (GB/T 15834 sets them
// full-width in Chinese text).
func FullWidth(r rune) bool { return isGrid(r) }

func isGrid(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation
		return true
	case r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6: // full-width forms
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·' || r == '※':
		return true
	case r >= 0x2E80 && r <= 0x2FFF, r >= 0x3040 && r <= 0x31FF, r >= 0xAC00 && r <= 0xD7AF:
		return true
	case r >= 0x2460 && r <= 0x24FF: // circled numbers ①
		return true
	}
	return false
}

// MissingGlyphError says that no face has a glyph for a character.
type MissingGlyphError struct {
	Rune  rune
	Where string
}

func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("字符“%c”（U+%04X）在所有字体中都没有字形，出现在%s", e.Rune, e.Rune, e.Where)
}

// fallbackOrder is the order in which faces are tried for a character the
// requested face lacks: the body face first (it is the reading face), then
// the others.
var fallbackOrder = []Face{Body, Title, Hei, Kai}

// resolve returns the face that draws r, preferring f, and r's advance in
// ems there.
func resolve(m Metrics, f Face, r rune) (Face, float64, bool) {
	if a, ok := m.Advance(f, r); ok {
		return f, a, true
	}
	for _, g := range fallbackOrder {
		if g == f {
			continue
		}
		if a, ok := m.Advance(g, r); ok {
			return g, a, true
		}
	}
	return f, 0, false
}

// units splits spans into units at sizePt on a grid of pitch mm. Half-width
// runs are measured character by character (per-character fallback may
// change the face in the middle of a run, which then splits it).
func units(m Metrics, spans []span, sizePt, pitch float64, where string) ([]unit, error) {
	em := emMM(sizePt)
	var out []unit
	var run strings.Builder
	var runFace Face
	var runW float64
	flush := func() {
		if run.Len() > 0 {
			out = append(out, unit{s: run.String(), face: runFace, width: runW})
			run.Reset()
			runW = 0
		}
	}
	for _, sp := range spans {
		for _, r := range sp.text {
			if r == '\n' || r == '\r' || r == '\t' {
				r = ' '
			}
			face, adv, ok := resolve(m, sp.face, r)
			if !ok {
				return nil, &MissingGlyphError{Rune: r, Where: where}
			}
			if isGrid(r) {
				flush()
				out = append(out, unit{s: string(r), face: face, grid: true, width: pitch, glyph: adv * em, kind: punctOf(r)})
				continue
			}
			if run.Len() > 0 && face != runFace {
				flush()
			}
			runFace = face
			run.WriteRune(r)
			runW += adv * em
			if r == '-' || r == '/' {
				flush() // a place to break a long figure in need (softBreak)
			}
		}
		flush()
	}
	return out, nil
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	var l rune
	for _, r := range s {
		l = r
	}
	return l
}

// canBreak reports whether a line may end after a and the next begin with b.
func canBreak(a, b unit) bool {
	la, fb := lastRune(a.s), firstRune(b.s)
	if strings.ContainsRune(noLineStart, fb) || strings.ContainsRune(noLineEnd, la) {
		return false
	}
	if !a.grid && strings.ContainsRune(unitChars, fb) {
		return false // 2022年 stays whole
	}
	if a.grid && !b.grid && (la == '＋' || la == '+') {
		return false
	}
	if !a.grid && (la == '+' || la == '-' || la == '/') {
		return false
	}
	return true
}

// softBreak reports whether a line may end after a and the next begin
// with b only in need: inside a figure after its hyphen or slash
// (0734-|6812345), when the line would otherwise be stretched loose.
func softBreak(a, b unit) bool {
	la := lastRune(a.s)
	return !a.grid && !b.grid && (la == '-' || la == '/') && strings.TrimSpace(b.s) != ""
}

// brokenLine is one line of a paragraph: its units and whether it is the
// paragraph's last (not justified).
type brokenLine struct {
	units []unit
	last  bool
}

// breakLines breaks us into lines: the first line widthFirst mm wide,
// the others widthRest. Each line ends at an allowed break (避头尾): the
// last that fits, or one piece further when compressing the line's
// punctuation makes room for it and moves the characters less than
// stretching the shorter line would (compress.go). A half-width run longer
// than a line is cut by character. The lines come back settled: every
// unit's cut is set.
func breakLines(us []unit, widthFirst, widthRest float64, m Metrics, sizePt float64) []brokenLine {
	us = splitLongRuns(us, widthRest, m, sizePt)
	var lines []brokenLine
	width := widthFirst
	for len(us) > 0 {
		e := lineEnd(us, width)
		if e == len(us) {
			lines = append(lines, brokenLine{units: us, last: true})
			break
		}
		lines = append(lines, brokenLine{units: us[:e:e]})
		us = us[e:]
		width = widthRest
	}
	lines = avoidOrphan(lines, widthRest)
	for i, l := range lines {
		w := widthRest
		if i == 0 {
			w = widthFirst
		}
		settle(l.units, w)
	}
	return lines
}

// lineEnd returns how many units of us the next line of width w mm takes.
// A figure is broken after its hyphen only when the line would otherwise
// open gaps wider than a tenth of a cell (loose enough for text extraction
// to read it letter-spaced).
func lineEnd(us []unit, w float64) int {
	e := lineEndAt(us, w, false)
	if e < len(us) {
		if slack := w - measure(us[:e]).natural; e > 1 && slack > 0 && slices.Max(spread(us[:e], slack)) > CharPitchMM/10 {
			if s := lineEndAt(us, w, true); s > e {
				return s
			}
		}
	}
	return e
}

// lineEndAt is lineEnd with or without the soft breaks.
func lineEndAt(us []unit, w float64, soft bool) int {
	const eps = 1e-6
	fits, pushed := 0, 0 // the last allowed end set at full width, and with marks compressed
	var slack, squeeze float64
	for e := 1; e <= len(us); e++ {
		f := measure(us[:e])
		if f.natural-f.give > w+eps {
			break
		}
		if e < len(us) && !canBreak(us[e-1], us[e]) && !(soft && softBreak(us[e-1], us[e])) {
			continue
		}
		if f.natural <= w+eps {
			fits, slack = e, w-f.natural
		} else {
			pushed, squeeze = e, f.natural-w
		}
	}
	switch {
	case pushed > 0 && (fits == 0 || squeeze <= slack+eps):
		return pushed
	case fits > 0:
		return fits
	}
	// No allowed break fits: break where the line is full.
	n, sum := 0, 0.0
	for n < len(us) && sum+us[n].width <= w+eps {
		sum += us[n].width
		n++
	}
	return max(n, 1)
}

// avoidOrphan keeps a paragraph from ending in a line of one character
// (孤字, as in “平。”): it takes the previous line's last character along,
// where a break is allowed there. The previous line, one cell short, is
// justified as any other.
func avoidOrphan(lines []brokenLine, w float64) []brokenLine {
	if len(lines) < 2 {
		return lines
	}
	last, prev := lines[len(lines)-1], lines[len(lines)-2]
	content, grid := 0, true
	for _, u := range last.units {
		if !strings.ContainsRune(noLineStart, firstRune(u.s)) {
			content++
			grid = grid && u.grid
		}
	}
	if content != 1 || !grid || len(prev.units) < 4 {
		return lines
	}
	b := len(prev.units) - 1
	if !prev.units[b].grid || !canBreak(prev.units[b-1], prev.units[b]) || !canBreak(prev.units[b], last.units[0]) {
		return lines
	}
	moved := make([]unit, 0, len(last.units)+1)
	moved = append(moved, prev.units[b])
	moved = append(moved, last.units...)
	if f := measure(moved); f.natural-f.give > w+1e-6 {
		return lines
	}
	lines[len(lines)-2].units = prev.units[:b:b]
	lines[len(lines)-1].units = moved
	return lines
}

// splitLongRuns cuts half-width runs wider than a line into pieces that fit.
func splitLongRuns(us []unit, width float64, m Metrics, sizePt float64) []unit {
	long := false
	for _, u := range us {
		long = long || !u.grid && u.width > width
	}
	if !long {
		return us
	}
	em := emMM(sizePt)
	var out []unit
	for _, u := range us {
		if u.grid || u.width <= width {
			out = append(out, u)
			continue
		}
		var b strings.Builder
		w := 0.0
		for _, r := range u.s {
			a, _ := m.Advance(u.face, r)
			if w+a*em > width && b.Len() > 0 {
				out = append(out, unit{s: b.String(), face: u.face, width: w})
				b.Reset()
				w = 0
			}
			b.WriteRune(r)
			w += a * em
		}
		out = append(out, unit{s: b.String(), face: u.face, width: w})
	}
	return out
}
