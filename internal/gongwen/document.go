package gongwen

import "time"

// Document is a notice laid out: everything an exporter gets. Exporters
// (gongwen/pdf, gongwen/docx, later OFD) read only this, never the
// notice.Document it was made from, so a new exporter needs no change to
// the layout.
//
// A fixed-layout exporter (PDF, OFD) draws Pages item by item. A flowing
// one (.docx) rebuilds paragraphs from the same items: every Text knows its
// Role, the paragraph it belongs to (Para) and whether it ends it (End);
// table cells know their table, row and column (Cell), and Meta.Tables
// keeps each table whole (rows, header rows, widths, orientation).
type Document struct {
	Pages []Page
	Meta  Meta
}

// Meta is what a notice says about itself, for document properties,
// navigation and signing.
type Meta struct {
	// Title is the 标题.
	Title string
	// Organs are the issuing organs (the 署名, else the 发文机关标志); more
	// than one for a joint notice (联合行文).
	Organs []string
	// DocNumber is the 发文字号.
	DocNumber string
	// Date is the 成文日期 (zero when the notice has none).
	Date time.Time
	// Attachments are the 附件 in order, nested ones (attachments of a
	// forwarded notice) after their parent, each with the page it starts on.
	Attachments []AttachmentMeta
	// Tables are the ranking tables, in order; Text.Cell.Table is 1 + an
	// index into it.
	Tables []Table
	// Seal is where the seal goes (§7.3.5.1): a box over the 署名 and 成文日期,
	// for a signature field; nil when the notice has neither.
	Seal *Box
}

// AttachmentMeta is one 附件 as laid out.
type AttachmentMeta struct {
	// Label is the printed label (附件, 附件2); a nested attachment's is
	// prefixed with its parent's (附件2的附件1).
	Label string
	// Title is the attachment's title.
	Title string
	// Page is the index into Document.Pages of its first page.
	Page int
	// Table is 1 + an index into Meta.Tables for a table; 0 for a
	// forwarded notice.
	Table int
	// Depth is 0 for the notice's own attachments, 1 for the attachments
	// of a forwarded one (and so on); Name is the label without its
	// parents' (附件1 for 附件2的附件1).
	Depth int
	Name  string
}

// Box is a rectangle on one page, in millimetres from its top-left corner.
type Box struct {
	Page       int // index into Document.Pages
	X, Y, W, H float64
}

// Align is a table column's horizontal alignment.
type Align int

// Column alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Table is a ranking table as laid out: its content whole, however many
// pages it was set on.
type Table struct {
	// Landscape: the table is turned 90° on portrait pages (§8); a
	// flowing exporter gives it a landscape section.
	Landscape bool
	// SizePt is the type size of its cells.
	SizePt float64
	// Widths are the column widths in millimetres; Aligns their alignment.
	Widths []float64
	Aligns []Align
	// Header is one or two header rows (repeated on every page). A
	// grouped header has the group in row 0 spanning its columns and the
	// columns in row 1; an ungrouped column's cell spans both rows.
	Header [][]HeaderCell
	// Rows are the body rows, each cell as printed.
	Rows [][]string
}

// HeaderCell is one cell of a table's header.
type HeaderCell struct {
	Text    string
	Col     int // first column, from 0
	ColSpan int
	RowSpan int
}
