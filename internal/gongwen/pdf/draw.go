package pdf

import (
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// Render draws the page's items. Text goes straight to maroto's gofpdf
// document (engineOf), which is given a face and size only when they
// change: maroto's AddText selects the font three times per run, and in a
// 5,000-row table those selections were three quarters of each page's
// content, held uncompressed for every page until the PDF is written.
func (c *pageComponent) Render(p core.Provider, _ *entity.Cell) {
	eng := engineOf(p)
	tw := textWriter{eng: eng}
	for _, it := range c.items {
		switch v := it.(type) {
		case gongwen.Text:
			if eng == nil {
				if v.Rotate != 0 {
					c.err = errNoRotation
					continue
				}
				drawText(p, v)
				continue
			}
			if v.Rotate == 0 {
				tw.text(v)
				continue
			}
			eng.TransformBegin()
			eng.TransformRotate(v.Rotate, v.X, v.Y)
			tw.text(v)
			eng.TransformEnd()
			tw.face = "" // Q undid the font selected inside q…Q
		case gongwen.Rule:
			drawRule(p, v)
		}
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

// text draws one run where maroto's AddText would (drawText: a left-aligned
// single line whose baseline is its cell's top plus the type size, computed
// in the same order so that the coordinates are the same to the bit).
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

// drawText draws one run through maroto, when its gofpdf document cannot
// be reached. maroto places a text's baseline at its cell's top
// plus the type size, so the cell is put that far above the baseline gongwen
// chose, and made wide enough that maroto never wraps. The colour is set on
// every call (maroto otherwise keeps the previous one).
func drawText(p core.Provider, t gongwen.Text) {
	size := t.SizePt * gongwen.PtMM
	cell := &entity.Cell{X: t.X, Y: t.Y - size, Width: gongwen.PageWidthMM * 2, Height: size * 2}
	p.AddText(t.S, cell, &props.Text{
		Family: string(t.Face), Style: fontstyle.Normal, Size: t.SizePt,
		Align: align.Left, Color: color(t.Color),
	})
}

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
