package gongwen

import (
	"math"
	"strings"
)

// IdeoDescent is how far the ideographic em box reaches below the baseline,
// in ems: CJK fonts put the em box from −0.12 em to 0.88 em (OpenType BASE
// 'ideo' baseline) [practice].
const IdeoDescent = 0.12

// BaselineIn returns the baseline's distance from a grid line's top, in
// mm, for type of sizePt: the em box is centred in the line. Exporters
// that set type on lines (docx) find the line from the baseline with it.
func BaselineIn(sizePt float64) float64 {
	em := emMM(sizePt)
	return (LinePitchMM-em)/2 + (1-IdeoDescent)*em
}

// gline is one grid line of the flow before it is put on a page. Its
// items' Y are relative to the line's top.
type gline struct {
	items     []Item
	keep      bool // stays on the page of the line before it
	blank     bool // an empty line, dropped at the top of a page
	pageBreak bool // begins a new page
}

// flow collects grid lines in reading order.
type flow struct {
	m     Metrics
	lines []gline
}

func (f *flow) blank(n int) {
	for i := 0; i < n; i++ {
		f.lines = append(f.lines, gline{blank: true})
	}
}

// glyphOffset is where a grid character's glyph starts in its cell:
// centred, except opening quotes which close up to the text after them and
// closing quotes to the text before.
func glyphOffset(u unit, pitch float64) float64 {
	switch firstRune(u.s) {
	case '“', '‘':
		return pitch - u.glyph
	case '”', '’':
		return 0
	}
	return (pitch - u.glyph) / 2
}

// place lays units out from x on a line w mm wide; justify spreads what
// is left of the line over its gaps (spread).
func place(us []unit, x, w float64, justify bool, sizePt float64, color Color) []Item {
	var gaps []float64 // the space before each unit
	if justify && len(us) > 1 {
		if slack := w - width(us); slack > 0.01 { // less is rounding
			gaps = spread(us, slack)
		}
	}
	y := BaselineIn(sizePt)
	items := make([]Item, 0, len(us))
	joinable := false // the last item ends where the next unit starts
	for i, u := range us {
		if gaps != nil {
			x += gaps[i]
		}
		if strings.TrimSpace(u.s) == "" {
			joinable = false
		} else if n := len(items); joinable && exact(u) && (gaps == nil || gaps[i] == 0) && items[n-1].(Text).Face == u.face {
			// Text set at its own advance is one run: fewer drawing
			// calls, and extraction keeps it a word.
			t := items[n-1].(Text)
			t.S += u.s
			items[n-1] = t
		} else {
			tx := x
			if u.grid {
				tx += glyphOffset(u, u.width)
			}
			if u.kind == openMark {
				tx -= u.cut // the blank left half is what it gave up
			}
			items = append(items, Text{X: tx, Y: y, Face: u.face, SizePt: sizePt, Color: color, S: u.s})
			joinable = exact(u)
		}
		x += u.width - u.cut
	}
	return items
}

// spread divides a justified line's slack mm evenly among its gaps and
// returns the space before each unit. A figure broken into pieces for
// line breaking (0734-|6812345) stays one word: no space inside it.
func spread(us []unit, slack float64) []float64 {
	gaps := make([]float64, len(us))
	inWord := func(i int) bool { return halfRun(us[i-1]) && halfRun(us[i]) }
	n := 0
	for i := 1; i < len(us); i++ {
		if !inWord(i) {
			n++
		}
	}
	if n == 0 || slack <= 1e-9 {
		return gaps
	}
	e := slack / float64(n)
	for i := 1; i < len(us); i++ {
		if !inWord(i) {
			gaps[i] = e
		}
	}
	return gaps
}

// halfRun reports whether u is a run of half-width characters (digits,
// Latin), not a full-width character set at its own advance.
func halfRun(u unit) bool { return !u.grid && !isGrid(firstRune(u.s)) }

// exact reports whether u is set at its own advance: a half-width run, or
// a full-width character whose advance is the grid cell (see GridEm), so
// that the next character can follow it in the same text run.
func exact(u unit) bool {
	return !u.grid || u.cut == 0 && math.Abs(u.glyph-u.width) < 1e-3
}

// width is the room us take on a line, compressed marks at their cut.
func width(us []unit) float64 {
	w := 0.0
	for _, u := range us {
		w += u.width - u.cut
	}
	return w
}

// paragraph breaks spans into grid lines: the first line starts firstX mm
// into the 版心, the others restX mm; right mm are kept free on the right.
func (f *flow) paragraph(spans []span, firstX, restX, right float64, where string) ([]gline, error) {
	us, err := units(f.m, spans, BodySizePt, CharPitchMM, where)
	if err != nil {
		return nil, err
	}
	bl := breakLines(us, TypeWidthMM-firstX-right, TypeWidthMM-restX-right, f.m, BodySizePt)
	out := make([]gline, 0, len(bl))
	for i, l := range bl {
		x := restX
		if i == 0 {
			x = firstX
		}
		items := place(l.units, TypeLeftMM+x, TypeWidthMM-x-right, !l.last, BodySizePt, Black)
		out = append(out, gline{items: items})
	}
	return out, nil
}

// centred sets one line of text centred in the 版心 at sizePt, characters
// at their natural advance.
func (f *flow) centred(text string, face Face, sizePt float64, color Color, where string) (gline, error) {
	us, err := naturalUnits(f.m, []span{{face, text}}, sizePt, where)
	if err != nil {
		return gline{}, err
	}
	x := TypeLeftMM + (TypeWidthMM-width(us))/2
	return gline{items: place(us, x, 0, false, sizePt, color)}, nil
}

// naturalUnits splits spans into units set off the grid (titles, the 版头,
// table cells, the 版记, the page number): every character at its glyph's
// own advance.
func naturalUnits(m Metrics, spans []span, sizePt float64, where string) ([]unit, error) {
	us, err := units(m, spans, sizePt, 0, where)
	if err != nil {
		return nil, err
	}
	natural(us)
	return us, nil
}

// natural gives grid units their glyph's own advance.
func natural(us []unit) {
	for i := range us {
		if us[i].grid {
			us[i].width = us[i].glyph
			us[i].grid = false
			us[i].kind, us[i].cut = notPunct, 0
		}
	}
}

// title breaks a title into balanced lines (§7.3.1: 梯形或菱形, not a long
// line and a stub), each centred.
func (f *flow) title(text string, face Face, sizePt float64, where string) ([]gline, error) {
	return f.titleIn(text, face, sizePt, where, TypeLeftMM, TypeWidthMM)
}

// titleIn breaks a title into balanced lines centred in the width w mm
// starting at x0.
func (f *flow) titleIn(text string, face Face, sizePt float64, where string, x0, w float64) ([]gline, error) {
	us, err := naturalUnits(f.m, []span{{face, text}}, sizePt, where)
	if err != nil {
		return nil, err
	}
	bl := balance(us, w, f.m, sizePt)
	out := make([]gline, 0, len(bl))
	for i, l := range bl {
		x := x0 + (w-width(l.units))/2
		out = append(out, gline{items: place(l.units, x, 0, false, sizePt, Black), keep: i > 0})
	}
	return out, nil
}

// Title breaks (§7.3.1 回行时，要做到词意完整): a break is good before 关于 and
// opening quotes, after closing quotes, enumeration commas and the
// particles that end a phrase, and fair after the suffix of an office's
// name. Anywhere else it may split a word.
var (
	goodBefore = []string{"关于", "《", "“", "（"}
	goodAfter  = []string{"》", "”", "、", "，", "）", "的", "和", "及", "与"}
	fairAfter  = []string{"室", "局", "会", "厅", "委", "府", "办", "部", "组", "情况",
		"季度", "年度", "全县", "全市", "全省", "全区", "事项", "工作", "服务", "管理", "系统"}
)

// breakPenalty is the cost of breaking a title between us[:i] and us[i:].
func breakPenalty(us []unit, i int) float64 {
	var before, after strings.Builder
	for _, u := range us[max(0, i-2):i] {
		before.WriteString(u.s)
	}
	for _, u := range us[i:min(len(us), i+2)] {
		after.WriteString(u.s)
	}
	// A name in quotes or book-title marks is one word: “互联网+监管”.
	depth := 0
	for _, u := range us[:i] {
		switch u.s {
		case "“", "《":
			depth++
		case "”", "》":
			depth--
		}
	}
	if depth > 0 {
		// Splitting the name costs more than an unbalanced pair of
		// lines: “互联网+监管” stays whole unless it cannot fit.
		return 6
	}
	for _, g := range goodBefore {
		if strings.HasPrefix(after.String(), g) {
			return 0
		}
	}
	for _, g := range goodAfter {
		if strings.HasSuffix(before.String(), g) {
			return 0
		}
	}
	for _, g := range fairAfter {
		if strings.HasSuffix(before.String(), g) {
			return 0.3
		}
	}
	return 1
}

// balance breaks a title into as few lines as fit in maxW, as equal in
// length as word boundaries allow: dynamic programming over the allowed
// breaks, minimising the squared deviation from the mean line plus a
// penalty for breaks inside words.
func balance(us []unit, maxW float64, m Metrics, sizePt float64) []brokenLine {
	em := emMM(sizePt)
	total := width(us)
	k := int(math.Ceil(total/maxW - 1e-9))
	if k <= 1 {
		return []brokenLine{{units: us, last: true}}
	}
	n := len(us)
	prefix := make([]float64, n+1)
	for i, u := range us {
		prefix[i+1] = prefix[i] + u.width
	}
	mean := total / float64(k)
	// A split word costs as much as two lines each 2 em off the mean:
	// 词意完整 comes before 排列对称 (§7.3.1).
	wordCost := 8 * em * em
	inf := math.Inf(1)
	for lines := k; lines <= k+1; lines++ {
		// cost[j][i]: best cost of setting us[:i] in j lines.
		cost := make([][]float64, lines+1)
		from := make([][]int, lines+1)
		for j := range cost {
			cost[j] = make([]float64, n+1)
			from[j] = make([]int, n+1)
			for i := range cost[j] {
				cost[j][i] = inf
			}
		}
		cost[0][0] = 0
		for j := 1; j <= lines; j++ {
			for i := 1; i <= n; i++ {
				if i < n && !canBreak(us[i-1], us[i]) {
					continue
				}
				for h := i - 1; h >= 0; h-- {
					w := prefix[i] - prefix[h]
					if w > maxW+1e-9 {
						break
					}
					if cost[j-1][h] == inf {
						continue
					}
					c := cost[j-1][h] + (w-mean)*(w-mean)
					if i < n {
						c += wordCost * breakPenalty(us, i)
					}
					if c < cost[j][i] {
						cost[j][i], from[j][i] = c, h
					}
				}
			}
		}
		if cost[lines][n] == inf {
			continue
		}
		out := make([]brokenLine, lines)
		for j, i := lines, n; j > 0; j-- {
			h := from[j][i]
			out[j-1] = brokenLine{units: us[h:i:i], last: j == lines}
			i = h
		}
		return out
	}
	return breakLines(us, maxW, maxW, m, sizePt)
}
