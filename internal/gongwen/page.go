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

// Faces lists the four faces in a fixed order.
var Faces = []Face{Title, Body, Hei, Kai}

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

// Metrics gives the layout the faces' advance widths. gongwen/pdf
// implements it from the font files it embeds.
type Metrics interface {
	// Advance returns r's advance width in face f as a fraction of the em,
	// and false when f has no glyph for r.
	Advance(f Face, r rune) (float64, bool)
}
