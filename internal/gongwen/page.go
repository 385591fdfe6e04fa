// Package gongwen lays out a notice.Document as GB/T 9704-2012 pages: the
// line grid (28 characters × 22 lines in the 156 × 225 mm 版心), the 版头,
// body, signature, attachments and 版记, and page numbers. It decides every
// position and draws nothing; gongwen/pdf turns pages into a PDF.
//
// Stage: notice → gongwen → pdf.
package gongwen

// Page is one physical A4 portrait page. Coordinates are millimetres from
// the page's top-left corner.
type Page struct {
	// Number is the printed page number (页码), 0 for none (a blank page
	// before the 版记, the 版记 page).
	Number int
	Items  []Item
}

// Face is one of the four faces a notice uses.
type Face string

// The faces (GB/T 9704 §7): title 小标宋, body 仿宋, heading 黑体 and 楷体.
const (
	Title Face = "title"
	Body  Face = "body"
	Hei   Face = "hei"
	Kai   Face = "kai"
)

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
type Text struct {
	X, Y   float64
	Face   Face
	SizePt float64
	Color  Color
	S      string
	Rotate float64
}

// Rule is a straight line from (X1, Y1) to (X2, Y2), Width mm thick.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          Color
}

func (Text) isItem() {}
func (Rule) isItem() {}
