package pdf

import (
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// Render draws the page's items, then marks the page in the outline
// (gofpdf's bookmarks open the page that is current when they are made,
// and are written in the current font's encoding: every font here is
// UTF-8, and a page with an entry has text).
func (c *pageComponent) Render(p core.Provider, _ *entity.Cell) {
	for _, it := range c.items {
		switch v := it.(type) {
		case gongwen.Text:
			if v.Rotate == 0 {
				drawText(p, v)
				continue
			}
			c.eng.TransformBegin()
			c.eng.TransformRotate(v.Rotate, v.X, v.Y)
			drawText(p, v)
			c.eng.TransformEnd()
		case gongwen.Rule:
			drawRule(p, v)
		}
	}
	for _, m := range c.marks {
		c.eng.Bookmark(m, 0, 0)
	}
}

// drawText draws one run. maroto places a text's baseline at its cell's top
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
