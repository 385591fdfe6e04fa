package gongwen

import (
	"math"

	"github.com/bulletin-gov/bulletin/internal/fonts"
)

// Page is one physical A4 portrait page. Coordinates are millimetres from
// the page's top-left corner.
type Page struct {
	// Number is the printed page number (页码), 0 for none (a blank page
	// before the 版记, the 版记 page).
	Number int
	Items  []Item
}

// Face is one of the four faces a notice uses; the face table is
// internal/fonts'.
type Face = fonts.Face

// The faces (GB/T 9704 §7): title 小标宋, body 仿宋, heading 黑体 and 楷体.
const (
	Title = fonts.Title
	Body  = fonts.Body
	Hei   = fonts.Hei
	Kai   = fonts.Kai
)

// Faces lists the four faces in a fixed order.
var Faces = fonts.Faces

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// Black and Red are the two colours of a notice (red: 发文机关标志, 分隔线).
var (
	Black = Color{}
	Red   = Color{R: 230}
)

// Item is a Text or a Rule.
type Item interface{ isItem() }

// Text is a run of text placed with its baseline's left end at (X, Y).
// Rotate turns it counter-clockwise by degrees around (X, Y) (landscape
// tables, §8).
//
// Role, Para and End let a flowing exporter rebuild paragraphs: the runs
// of one paragraph share Para (numbered from 1 across the document; 0 for
// table cells and page numbers) and the last one has End; a paragraph's
// line breaks are the layout's and may be dropped. Cell places a table
// cell's text.
type Text struct {
	X, Y   float64
	Face   Face
	SizePt float64
	Color  Color
	S      string
	Rotate float64

	Role Role
	Para int
	End  bool
	Cell CellRef
}

// CellRef places a table cell's text: Table is 1 + an index into
// Meta.Tables (0: not in a table); Row and Col count from 0, Row in the
// header rows when Header is set, else in Table.Rows.
type CellRef struct {
	Table, Row, Col int
	Header          bool
}

// Rule is a straight line from (X1, Y1) to (X2, Y2), Width mm thick.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          Color
	Role           Role
}

func (Text) isItem() {}
func (Rule) isItem() {}

// Metrics gives the layout the faces' advance widths. Measure makes one
// from the fonts an exporter embeds.
type Metrics interface {
	// Advance returns r's advance width in face f as a fraction of the em,
	// and false when f has no glyph for r.
	Advance(f Face, r rune) (float64, bool)
}

// Measure returns the Metrics of a font set as the layout uses them: the
// faces on the grid (all but the title's) advance full-width characters
// at least a grid cell wide by exactly the cell (GridEm, rounded to
// the font's units), as Word's grid
// narrows character spacing. Exporters embedding the fonts give glyphs
// these advances (fonts.Font.Subset), so a run on the grid is one text run.
func Measure(s *fonts.Set) Metrics { return gridMetrics{s} }

type gridMetrics struct{ s *fonts.Set }

func (m gridMetrics) Advance(f Face, r rune) (float64, bool) {
	a, ok := m.s.Advance(f, r)
	if !ok || !f.OnGrid() || !FullWidth(r) {
		return a, ok
	}
	// In whole font units, as the embedded font's hmtx holds them.
	upem := m.s.Font(f).UnitsPerEm()
	if grid := math.Round(GridEm * upem); math.Round(a*upem) >= grid {
		a = grid / upem
	}
	return a, true
}

// Ink implements InkMetrics from the face's glyph outlines.
func (m gridMetrics) Ink(f Face, r rune) (bottom, top float64, ok bool) {
	font := m.s.Font(f)
	if font == nil {
		return 0, 0, false
	}
	return font.Ink(r)
}
