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

// Render draws the page's items. maroto places a text's baseline at its
// cell's top plus the type size, so the cell is put that far above the
// baseline gongwen chose, and made wide enough that maroto never wraps.
func (c *pageComponent) Render(p core.Provider, _ *entity.Cell) {
	for _, it := range c.items {
		switch v := it.(type) {
		case gongwen.Text:
			size := v.SizePt * gongwen.PtMM
			cell := &entity.Cell{X: v.X, Y: v.Y - size, Width: gongwen.PageWidthMM * 2, Height: size * 2}
			col := &props.Color{Red: int(v.Color.R), Green: int(v.Color.G), Blue: int(v.Color.B)}
			p.AddText(v.S, cell, &props.Text{
				Family: string(v.Face), Style: fontstyle.Normal, Size: v.SizePt,
				Align: align.Left, Color: col,
			})
		case gongwen.Rule:
			col := &props.Color{Red: int(v.Color.R), Green: int(v.Color.G), Blue: int(v.Color.B)}
			lp := &props.Line{Color: col, Style: linestyle.Solid, Thickness: v.Width, SizePercent: 100}
			var cell *entity.Cell
			if v.X1 == v.X2 {
				lp.Orientation = orientation.Vertical
				y1, y2 := min(v.Y1, v.Y2), max(v.Y1, v.Y2)
				cell = &entity.Cell{X: v.X1, Y: y1, Width: 0, Height: y2 - y1}
			} else {
				lp.Orientation = orientation.Horizontal
				x1, x2 := min(v.X1, v.X2), max(v.X1, v.X2)
				cell = &entity.Cell{X: x1, Y: v.Y1, Width: x2 - x1, Height: 0}
			}
			p.AddLine(cell, lp)
		}
	}
}
