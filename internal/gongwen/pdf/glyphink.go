package pdf

import "github.com/bulletin-gov/bulletin/internal/gongwen"

// Ink implements gongwen.InkMetrics from the glyph's bounding box in the
// glyf table (the outline's yMin and yMax).
func (r *Renderer) Ink(f gongwen.Face, c rune) (bottom, top float64, ok bool) {
	fc := r.faces[f]
	if fc == nil {
		return 0, 0, false
	}
	g, ok := fc.font.cmap[c]
	if !ok {
		return 0, 0, false
	}
	data := fc.font.glyph(g)
	if len(data) < 10 {
		return 0, 0, false // an empty glyph (a space) has no ink
	}
	yMin, yMax := int16(be.Uint16(data[4:])), int16(be.Uint16(data[8:]))
	return float64(yMin) / fc.font.unitsPerEm, float64(yMax) / fc.font.unitsPerEm, true
}
