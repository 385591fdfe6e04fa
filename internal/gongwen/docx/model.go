package docx

import (
	"time"

	facetable "github.com/bulletin-gov/bulletin/internal/fonts"
)

// Document is what the writer needs: the sections in order, and the
// document's properties.
type Document struct {
	// Title, Author and Subject go to the document properties (标题,
	// 作者 = the issuing office, 主题 = the 发文字号).
	Title, Author, Subject string
	// Created is written as the creation and modification date, so that
	// identical inputs give identical bytes.
	Created time.Time
	// Sections follow each other, each from a new page.
	Sections []Section
	// Colophon is the 版记, set at the foot of the last page; nil for none.
	Colophon *Colophon
	// Mark is printed in red 黑体 in every page's header, right-aligned
	// over the 版心, outside the type area: the 送审稿 mark of a draft.
	// Empty: no header.
	Mark string
}

// Start says where a section begins.
type Start int

const (
	// NextPage starts the section on the next page.
	NextPage Start = iota
	// EvenPage starts it on the next even page (a blank page between when
	// needed).
	EvenPage
)

// Section is a run of pages with one orientation and one kind of footer.
type Section struct {
	// Landscape turns the pages (a table too wide for the 版心, §8).
	Landscape bool
	// Start is where the section begins (ignored for the first).
	Start Start
	// NoPageNumbers leaves the footers empty (the 版记 page after a blank
	// page, §7.5).
	NoPageNumbers bool
	// Blocks are the section's paragraphs and tables in order.
	Blocks []Block
}

// Block is a *Paragraph, a *Table or a *Beside.
type Block interface{ isBlock() }

// Role is a paragraph's job; each role is a paragraph style, named as
// offices name it.
type Role string

// The roles. Their names are the style names in the document.
const (
	IssuerMark      Role = "发文机关标志"
	DocNumber       Role = "发文字号"
	Title           Role = "标题"
	Addressee       Role = "主送机关"
	Body            Role = "正文"
	Heading1        Role = "一级标题"
	Heading2        Role = "二级标题"
	Heading3        Role = "三级标题"
	Heading4        Role = "四级标题"
	AttachmentList  Role = "附件说明"
	Signature       Role = "署名"
	Date            Role = "成文日期"
	Note            Role = "附注"
	AttachmentLabel Role = "附件标识"
	AttachmentTitle Role = "附件标题"
	Blank           Role = "空行"
	TableText       Role = "表格文字"
	TableHeader     Role = "表头"
	ColophonText    Role = "版记"
)

// Face is one of the four faces of a notice, by its official name.
type Face string

// The official faces (GB/T 9704 §7), named by the face table
// (internal/fonts): 方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312.
var (
	FaceTitle = Face(facetable.Title.Official())
	FaceBody  = Face(facetable.Body.Official())
	FaceHei   = Face(facetable.Hei.Official())
	FaceKai   = Face(facetable.Kai.Official())
)

// Run is text in one face; Face "" is the paragraph style's face.
type Run struct {
	Text string
	Face Face
}

// Paragraph is one paragraph. Lengths are millimetres; zero leaves the
// style's value.
type Paragraph struct {
	Role Role
	Runs []Run
	// Breaks are the places (rune offsets into the paragraph's text) where
	// a line break is set: a title broken into balanced lines (§7.3.1).
	Breaks []int
	// PageBreakBefore starts the paragraph on a new page.
	PageBreakBefore bool
	// KeepNext keeps the paragraph on the page of the next one.
	KeepNext bool
	// Left and Right indent the paragraph; FirstLine moves its first line
	// (negative: a hanging indent).
	Left, Right, FirstLine float64
	// SpaceBefore is the space above the paragraph; LineHeight an exact
	// line height, for the letterhead which sits off the grid.
	SpaceBefore, LineHeight float64
	// SizePt overrides the style's type size (the 发文机关标志 is as large
	// as the 版心 allows).
	SizePt float64
	// AlignLeft sets the paragraph flush left (after Left) where its
	// style centres it: a 上行文's 发文字号 line.
	AlignLeft bool
	// RightTab is a right-aligned tab stop this many mm from the left
	// margin; a tab in the text moves what follows to end there (the
	// 签发人 on a 上行文's 发文字号 line). Zero: none.
	RightTab float64
	// CenterTabs are centre-aligned tab stops, each this many mm from the
	// left margin: a tab in the text centres what follows on the next one
	// (a joint notice's 署名 two to a row, §7.3.5.1).
	CenterTabs []float64
	// Distribute spreads the paragraph's text over its width (分散对齐):
	// the organs of a joint 发文机关标志, each as wide as the longest.
	Distribute bool
	// RuleBelow draws the red separator line (§7.2.6) RuleGap mm under the
	// paragraph.
	RuleBelow bool
	RuleGap   float64
}

// Text is the paragraph's text.
func (p *Paragraph) Text() string {
	s := ""
	for _, r := range p.Runs {
		s += r.Text
	}
	return s
}

// Align is a table cell's alignment.
type Align int

// Cell alignments.
const (
	Left Align = iota
	Center
	Right
)

// Table is a ranking table: header rows repeated on every page, no row
// split across pages.
type Table struct {
	// Widths are the columns' widths in mm.
	Widths []float64
	// Aligns are the body cells' alignments, one per column.
	Aligns []Align
	// Header is one or two rows of header cells.
	Header [][]HeaderCell
	// Rows are the body rows, one string per column.
	Rows [][]string
	// SizePt is the type size of the cells.
	SizePt float64
}

// HeaderCell is one header cell: it starts at column Col and spans Span
// columns and RowSpan header rows (a header without a group spans both).
type HeaderCell struct {
	Text          string
	Col           int
	Span, RowSpan int
}

// Colophon is the 版记 (§7.4): 抄送 and the 印发 line between rules.
type Colophon struct {
	// CC is the 抄送 line, "抄送：…。"; empty for none.
	CC string
	// Printer and PrintDate make the 印发 line, the office left and the date
	// right.
	Printer, PrintDate string
	// OwnPage puts the 版记 on a page of its own (the layout found no room,
	// or the last page odd); BlankBefore puts a blank page before that one.
	OwnPage, BlankBefore bool
	// Numbered keeps the page number on the 版记's own page.
	Numbered bool
	// Height is the 版记's height in the layout (mm), from its top rule to
	// the 版心's bottom edge, where its last rule is (§7.4.1).
	Height float64
}

// Beside is a borderless table of one row that sets two columns of
// paragraphs side by side, the right one centred vertically on the left:
// a joint 发文机关标志, the organs stacked at the left and 文件 to their
// right (§7.2.3). Lengths are millimetres.
type Beside struct {
	// Indent is the table's left edge from the left margin.
	Indent float64
	// Widths are the two columns' widths.
	Widths [2]float64
	// Left and Right are the columns' paragraphs; Right may be empty.
	Left, Right []*Paragraph
}

func (*Paragraph) isBlock() {}
func (*Table) isBlock()     {}
func (*Beside) isBlock()    {}
