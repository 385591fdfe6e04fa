package gongwen

// InkMetrics is an optional part of Metrics: where a glyph's ink lies
// vertically. Layout uses it where the standard measures a stroke rather
// than a character box (the page number's dashes, §7.5); Metrics without it
// get the middle of the ideographic em box, where a full-width 一字线 is
// drawn in CJK faces.
type InkMetrics interface {
	// Ink returns the lowest and the highest point of r's ink in face f,
	// in ems above the baseline, and false when f has no outline for r.
	Ink(f Face, r rune) (bottom, top float64, ok bool)
}

// inkTop is the top of r's ink in face f, in ems above the baseline.
func inkTop(m Metrics, f Face, r rune) float64 {
	if im, ok := m.(InkMetrics); ok {
		if _, top, ok := im.Ink(f, r); ok {
			return top
		}
	}
	return 0.5 - IdeoDescent
}
