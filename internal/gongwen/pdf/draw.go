package pdf

import (
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// Render draws the page's items, then marks the page in the outline.
// Text goes straight to maroto's gofpdf document (engine.go), which is
// given a face and size only when they change: maroto's AddText selects
// the font three times per run, and in a 5,000-row table those selections
// were three quarters of each page's content, held uncompressed for every
// page until the PDF is written. gofpdf's bookmarks open the page that is
// current when they are made, and are written in the current font's
// encoding: every font here is UTF-8, and a page with an entry has text.
func (c *pageComponent) Render(p core.Provider, _ *entity.Cell) {
	tw := textWriter{eng: c.eng}
	for _, it := range c.items {
		switch v := it.(type) {
		case gongwen.Text:
			if v.Rotate == 0 {
				tw.text(v)
				continue
			}
			c.eng.TransformBegin()
			c.eng.TransformRotate(v.Rotate, v.X, v.Y)
			tw.text(v)
			c.eng.TransformEnd()
			tw.face = "" // Q undid the font selected inside q…Q
		case gongwen.Rule:
			drawRule(p, v)
		}
	}
	for _, m := range c.marks {
		c.eng.Bookmark(m.title, m.level, 0)
	}
	// Drawn: the page's items are not needed again, and once the caller
	// has let the laid-out document go, a long table's pages are freed
	// while gofpdf still holds every page's content to write the file.
	c.items = nil
}

// textWriter draws runs on one page with gofpdf, remembering the font it
// selected last.
type textWriter struct {
	eng  *gofpdf.Fpdf
	face gongwen.Face
	size float64
}

// text draws one run where maroto's AddText would (a left-aligned single
// line whose baseline is its cell's top plus the type size, the cell put
// that far above the baseline gongwen chose), computed in the same order
// so that the coordinates are the same to the bit as when runs were drawn
// through AddText.
func (w *textWriter) text(t gongwen.Text) {
	if t.Face != w.face || t.SizePt != w.size {
		w.eng.SetFont(string(t.Face), string(fontstyle.Normal), t.SizePt)
		w.face, w.size = t.Face, t.SizePt
	}
	w.eng.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
	y := t.Y - t.SizePt*gongwen.PtMM
	y += t.SizePt / marotoFontScale
	w.eng.Text(t.X, y, t.S)
}

// marotoFontScale is maroto's points-per-millimetre (its font.scaleFactor).
const marotoFontScale = 72.0 / 25.4

// drawRule draws a horizontal or vertical rule, solid (maroto's provider
// dashes lines whose style is unset).
func drawRule(p core.Provider, r gongwen.Rule) {
	lp := &props.Line{Color: color(r.Color), Style: linestyle.Solid, Thickness: r.Width, SizePercent: 100}
	var cell *entity.Cell
	if r.X1 == r.X2 {
		lp.Orientation = orientation.Vertical
		y1, y2 := min(r.Y1, r.Y2), max(r.Y1, r.Y2)
		cell = &entity.Cell{X: r.X1, Y: y1, Width: 0, Height: y2 - y1}
	} else {
		lp.Orientation = orientation.Horizontal
		x1, x2 := min(r.X1, r.X2), max(r.X1, r.X2)
		cell = &entity.Cell{X: x1, Y: r.Y1, Width: x2 - x1, Height: 0}
	}
	p.AddLine(cell, lp)
}

func color(c gongwen.Color) *props.Color {
	return &props.Color{Red: int(c.R), Green: int(c.G), Blue: int(c.B)}
}
