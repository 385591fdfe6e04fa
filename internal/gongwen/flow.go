package gongwen

import "strings"

// ideoDescent is how far the ideographic em box reaches below the baseline,
// in ems: CJK fonts put the em box from −0.12 em to 0.88 em (OpenType BASE
// 'ideo' baseline) [practice].
const ideoDescent = 0.12

// baselineIn returns the baseline's distance from a grid line's top for
// type of sizePt: the em box is centred in the line.
func baselineIn(sizePt float64) float64 {
	em := emMM(sizePt)
	return (LinePitchMM-em)/2 + (1-ideoDescent)*em
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

// place lays units out from x on a line width mm wide; justify spreads the
// slack over the gaps so that the line fills its width.
func place(us []unit, x, width float64, justify bool, sizePt float64, color Color) []Item {
	gap := 0.0
	if justify && len(us) > 1 {
		sum := 0.0
		for _, u := range us {
			sum += u.width
		}
		if slack := width - sum; slack > 0 {
			gap = slack / float64(len(us)-1)
		}
	}
	y := baselineIn(sizePt)
	items := make([]Item, 0, len(us))
	for _, u := range us {
		if strings.TrimSpace(u.s) != "" {
			tx := x
			if u.grid {
				tx += glyphOffset(u, u.width)
			}
			items = append(items, Text{X: tx, Y: y, Face: u.face, SizePt: sizePt, Color: color, S: u.s})
		}
		x += u.width + gap
	}
	return items
}

func width(us []unit) float64 {
	w := 0.0
	for _, u := range us {
		w += u.width
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
	us, err := units(f.m, []span{{face, text}}, sizePt, emMM(sizePt), where)
	if err != nil {
		return gline{}, err
	}
	natural(us)
	x := TypeLeftMM + (TypeWidthMM-width(us))/2
	return gline{items: place(us, x, 0, false, sizePt, color)}, nil
}

// natural gives grid units their glyph's own advance (text set off the
// grid: titles, the 版头).
func natural(us []unit) {
	for i := range us {
		if us[i].grid {
			us[i].width = us[i].glyph
			us[i].grid = false
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
	us, err := units(f.m, []span{{face, text}}, sizePt, emMM(sizePt), where)
	if err != nil {
		return nil, err
	}
	for i := range us {
		if us[i].grid {
			us[i].width = us[i].glyph
		}
	}
	total := width(us)
	maxW := w
	k := 1
	for total > float64(k)*maxW {
		k++
	}
	// The narrowest width that still gives k lines: lines come out nearly
	// equal, the first the longest (a trapezoid).
	var bl []brokenLine
	em := emMM(sizePt)
	for w := total / float64(k); w <= maxW+em; w += em / 4 {
		bl = breakLines(us, w, w, f.m, sizePt)
		if len(bl) <= k {
			break
		}
	}
	out := make([]gline, 0, len(bl))
	for i, l := range bl {
		x := x0 + (w-width(l.units))/2
		out = append(out, gline{items: place(l.units, x, 0, false, sizePt, Black), keep: i > 0})
	}
	return out, nil
}
