package gongwen

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Dump writes pages as text, one placed run a line, for golden files and
// review:
//
//	p1 L08.00 C00.00 body 16 衡县优化办〔2022〕12号
//	p1 rule 28.00,120.52 184.00,120.52 w0.53 red
//
// L and C are grid coordinates (line from the top of the 版心, column from
// its left edge, both from 0, in LinePitchMM and CharPitchMM units);
// neighbouring characters on one baseline in one face are joined into a
// run. Turned text (§8) is marked "r90".
func Dump(pages []Page) string {
	var b strings.Builder
	for i, p := range pages {
		fmt.Fprintf(&b, "page %d number %d\n", i+1, p.Number)
		var run *Text
		var end float64
		flush := func() {
			if run != nil {
				line := (run.Y - BaselineIn(run.SizePt) - TypeTopMM) / LinePitchMM
				col := (run.X - TypeLeftMM) / CharPitchMM
				rot := ""
				if run.Rotate != 0 {
					rot = fmt.Sprintf(" r%g", run.Rotate)
				}
				fmt.Fprintf(&b, "p%d L%05.2f C%05.2f %s %g%s%s %s\n", i+1, line, col, run.Face, run.SizePt, colorName(run.Color), rot, run.S)
				run = nil
			}
		}
		for _, it := range p.Items {
			switch v := it.(type) {
			case Text:
				em := emMM(v.SizePt)
				near := func() bool {
					if v.Rotate != 0 {
						return math.Abs(v.X-run.X) < 0.01 && run.Y-v.Y >= 0 && run.Y-v.Y <= end+0.4*em
					}
					return math.Abs(v.Y-run.Y) < 0.01 && v.X-run.X >= 0 && v.X-run.X <= end+0.4*em
				}
				if run != nil && run.Face == v.Face && run.SizePt == v.SizePt && run.Color == v.Color && run.Rotate == v.Rotate && near() {
					run.S += v.S
					end += em * float64(utf8.RuneCountInString(v.S))
					continue
				}
				flush()
				t := v
				run = &t
				end = em * float64(utf8.RuneCountInString(v.S))
			case Rule:
				flush()
				fmt.Fprintf(&b, "p%d rule %.2f,%.2f %.2f,%.2f w%.2f%s\n", i+1, v.X1, v.Y1, v.X2, v.Y2, v.Width, colorName(v.Color))
			}
		}
		flush()
	}
	return b.String()
}

func colorName(c Color) string {
	switch c {
	case Black:
		return ""
	case Red:
		return " red"
	}
	return fmt.Sprintf(" #%02x%02x%02x", c.R, c.G, c.B)
}
