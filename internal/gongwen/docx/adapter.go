package docx

// This file is the only one that knows gongwen's page model: it reads the
// laid-out pages (the same the PDF is drawn from) for the geometry, and the
// notice's elements for the roles and the text.

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// FromLayout builds the Document of doc from the pages gongwen laid out
// for it: the letterhead's positions, the titles' line breaks, the
// signature's place, each table's orientation, size and column widths and
// where the 版记 went come from the pages; the text, element by element,
// from doc (so it is the text of notice.txt).
func FromLayout(pages []gongwen.Page, doc *notice.Document, created time.Time) (*Document, error) {
	if doc == nil || len(pages) == 0 {
		return nil, fmt.Errorf("docx: no laid-out document")
	}
	a := &adapter{pages: pages, lines: pageLines(pages)}
	d := &Document{Title: doc.Title, Subject: doc.DocNumber, Author: doc.Signature, Created: created}
	if d.Author == "" {
		d.Author = doc.IssuerMark
	}
	main := Section{}
	titleTop := a.letterhead(doc, &main)
	blocks := a.document(doc, Title, titleTop)
	main.Blocks = append(main.Blocks, blocks...)
	a.secs = []Section{main}
	if err := a.attachments(doc); err != nil {
		return nil, err
	}
	d.Sections = a.secs
	d.Colophon = a.colophon(doc)
	return d, nil
}

// line is one baseline of text on a page, its items joined.
type line struct {
	page    int
	x, y    float64 // the first item's position (page mm)
	face    gongwen.Face
	size    float64
	color   gongwen.Color
	rotated bool
	text    string
}

// pageLines joins each page's text items that share a baseline into lines,
// in reading order (turned text: by its baseline's x, read bottom up).
func pageLines(pages []gongwen.Page) []line {
	var out []line
	for pi, p := range pages {
		var ls []line
		for _, it := range p.Items {
			t, ok := it.(gongwen.Text)
			if !ok {
				continue
			}
			rot := t.Rotate != 0
			i := slices.IndexFunc(ls, func(l line) bool {
				if l.rotated != rot {
					return false
				}
				if rot {
					return math.Abs(l.x-t.X) < 0.01
				}
				return math.Abs(l.y-t.Y) < 0.01
			})
			if i < 0 {
				ls = append(ls, line{page: pi, x: t.X, y: t.Y, face: t.Face, size: t.SizePt, color: t.Color, rotated: rot})
				i = len(ls) - 1
			}
			ls[i].text += t.S
		}
		slices.SortStableFunc(ls, func(a, b line) int {
			if a.rotated != b.rotated {
				if a.rotated {
					return 1
				}
				return -1
			}
			if a.rotated {
				return cmpFloat(a.x, b.x)
			}
			return cmpFloat(a.y, b.y)
		})
		out = append(out, ls...)
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b-0.01:
		return -1
	case a > b+0.01:
		return 1
	}
	return 0
}

// squash drops all white space.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

type adapter struct {
	pages []gongwen.Page
	lines []line
	at    int // lines before this one are matched
	page  int // pages before this one belong to elements already placed
	secs  []Section
}

// find returns the lines from the cursor on whose joined text is text,
// and moves the cursor past them; nil when the layout has no such lines.
func (a *adapter) find(text string, face gongwen.Face) []line {
	want := squash(text)
	if want == "" {
		return nil
	}
	for i := a.at; i < len(a.lines); i++ {
		if a.lines[i].face != face || !strings.HasPrefix(want, squash(a.lines[i].text)) {
			continue
		}
		got := ""
		for j := i; j < len(a.lines); j++ {
			got += squash(a.lines[j].text)
			if got == want {
				a.at = j + 1
				return a.lines[i : j+1]
			}
			if !strings.HasPrefix(want, got) {
				break
			}
		}
	}
	return nil
}

// breaks returns where ls break text, as rune offsets; nil when the lines
// do not spell text exactly.
func breaks(ls []line, text string) []int {
	var out []int
	n := 0
	joined := ""
	for i, l := range ls {
		if i > 0 {
			out = append(out, n)
		}
		n += len([]rune(l.text))
		joined += l.text
	}
	if joined != text {
		return nil
	}
	return out
}

// letterhead adds the 版头 (发文机关标志, 发文字号, red line) to s at the
// layout's positions and returns the top of the title's first line (mm
// from the page top), 0 when there is no 版头.
func (a *adapter) letterhead(doc *notice.Document, s *Section) float64 {
	if doc.IssuerMark == "" {
		return 0
	}
	var mark *gongwen.Text
	var rule *gongwen.Rule
	for _, it := range a.pages[0].Items {
		switch v := it.(type) {
		case gongwen.Text:
			if mark == nil && v.Color == gongwen.Red {
				mark = &v
			}
		case gongwen.Rule:
			if rule == nil && v.Color == gongwen.Red {
				rule = &v
			}
		}
	}
	if mark == nil {
		return 0
	}
	em := mark.SizePt * gongwen.PtMM
	markTop := mark.Y - 0.88*em
	s.Blocks = append(s.Blocks, &Paragraph{Role: IssuerMark, Runs: []Run{{Text: doc.IssuerMark}},
		SpaceBefore: markTop - gongwen.TypeTopMM, LineHeight: em, SizePt: mark.SizePt})
	bottom := markTop + em
	if doc.DocNumber != "" {
		p := &Paragraph{Role: DocNumber, Runs: []Run{{Text: doc.DocNumber}}}
		if ls := a.find(doc.DocNumber, gongwen.Body); ls != nil {
			top := ls[0].y - baselineIn(ls[0].size)
			p.SpaceBefore = top - bottom
			bottom = top + gongwen.LinePitchMM
		}
		s.Blocks = append(s.Blocks, p)
	}
	last := s.Blocks[len(s.Blocks)-1].(*Paragraph)
	if rule != nil {
		last.RuleBelow = true
		last.RuleGap = rule.Y1 - bottom
		bottom = rule.Y1 + rule.Width/2
	}
	// The title starts two lines under the red line (§7.3.1).
	return bottom
}

// letterheadSlack is how much higher than the layout the title (and so the
// page's text) is set: LibreOffice sets the letterhead about 2 mm lower
// than the PDF, and the last grid line of page 1 would not fit.
const letterheadSlack = 2.5

// baselineIn is the baseline's distance from a grid line's top (gongwen
// centres the em box in the line).
func baselineIn(sizePt float64) float64 {
	em := sizePt * gongwen.PtMM
	return (gongwen.LinePitchMM-em)/2 + 0.88*em
}

// document returns the paragraphs of doc's title, 主送, body, 附件说明,
// signature and 附注. after is the bottom of the 版头 on page 1 (0: none).
func (a *adapter) document(doc *notice.Document, titleRole Role, after float64) []Block {
	var out []Block
	if doc.Title != "" {
		p := &Paragraph{Role: titleRole, Runs: []Run{{Text: doc.Title}}}
		if ls := a.find(doc.Title, gongwen.Title); ls != nil {
			p.Breaks = breaks(ls, doc.Title)
			if after > 0 && ls[0].page == 0 {
				// letterheadSlack under the layout's place, so that page 1
				// keeps its 22 lines when a word processor sets the
				// letterhead's exact-height lines a little lower.
				p.SpaceBefore = ls[0].y - baselineIn(ls[0].size) - after - letterheadSlack
			}
		}
		out = append(out, p)
	}
	if doc.Addressee != "" {
		if len(out) > 0 {
			out = append(out, blanks(gongwen.AddresseeBlank, false)...)
		}
		addressee := strings.TrimRight(strings.TrimSpace(doc.Addressee), "：:")
		out = append(out, &Paragraph{Role: Addressee, Runs: []Run{{Text: addressee + "："}}})
	}
	for _, b := range doc.Body {
		out = append(out, bodyParagraph(b))
	}
	if len(doc.Attachments) > 0 {
		out = append(out, blanks(gongwen.AttachmentsBlank, false)...)
		out = append(out, a.attachmentList(doc)...)
	}
	if doc.Signature != "" || !doc.Date.IsZero() {
		// The body's last paragraph and the 附件说明 stay with the
		// signature (gongwen carries them over together).
		if n := len(out); n > 0 {
			if p, ok := out[n-1].(*Paragraph); ok {
				p.KeepNext = true
			}
		}
		out = append(out, blanks(gongwen.SignatureBlankLines, true)...)
		date := gongwen.DateString(doc.Date)
		var sig, dl []line
		if doc.Signature != "" {
			sig = a.find(doc.Signature, gongwen.Body)
		}
		if !doc.Date.IsZero() {
			dl = a.find(date, gongwen.Body)
		}
		if doc.Signature != "" {
			p := &Paragraph{Role: Signature, Runs: []Run{{Text: doc.Signature}}}
			if sig != nil && dl != nil {
				// Centred over the date: the signature's right end is as far
				// right of the date's centre as its left end is left of it.
				dateRight := gongwen.TypeRightMM - gongwen.DateRightIndent*gongwen.CharPitchMM
				centre := (dl[0].x + dateRight) / 2
				p.Right = gongwen.TypeRightMM - (2*centre - sig[0].x)
				if p.Right < 0.1 {
					p.Right = 0.01 // flush right (0 would leave the style's)
				}
			}
			out = append(out, p)
		}
		if !doc.Date.IsZero() {
			out = append(out, &Paragraph{Role: Date, Runs: []Run{{Text: date}}})
		}
	}
	if doc.Note != "" {
		out = append(out, &Paragraph{Role: Note, Runs: []Run{{Text: "（" + doc.Note + "）"}}})
	}
	return out
}

// bodyParagraph gives a body block its style: 一、 一级标题 (黑体), （一）
// 二级标题 (楷体), 1. and （1） 三级/四级标题 (仿宋); the rest of a heading's
// paragraph in 仿宋.
func bodyParagraph(b notice.Block) *Paragraph {
	roles := []Role{Body, Heading1, Heading2, Heading3, Heading4}
	role := Body
	if b.Level > 0 && b.Level < len(roles) {
		role = roles[b.Level]
	}
	p := &Paragraph{Role: role}
	if b.Heading != "" {
		p.Runs = append(p.Runs, Run{Text: b.Heading})
	}
	if b.Text != "" {
		face := Face("")
		if role != Body {
			face = FaceBody
		}
		p.Runs = append(p.Runs, Run{Text: b.Text, Face: face})
	}
	return p
}

// blanks are n empty grid lines; keep glues them to what follows.
func blanks(n int, keep bool) []Block {
	out := make([]Block, n)
	for i := range out {
		out[i] = &Paragraph{Role: Blank, KeepNext: keep}
	}
	return out
}

// attachmentList is the 附件说明 (§7.3.4): 附件：1.名称, further items under
// the first name, lines wrapping under the name (a hanging indent, as the
// layout set it).
func (a *adapter) attachmentList(doc *notice.Document) []Block {
	var out []Block
	indent := gongwen.ParagraphIndent * gongwen.CharPitchMM
	labelW := 3 * gongwen.CharPitchMM // 附件：
	for i, at := range doc.Attachments {
		num := ""
		if len(doc.Attachments) > 1 {
			num = strconv.Itoa(i+1) + "."
		}
		name := strings.TrimRight(strings.TrimSpace(at.Title), "。，；：.,;:")
		text := num + name
		if i == 0 {
			text = "附件：" + text
		}
		first := indent
		if i > 0 {
			first += labelW
		}
		// Digits are half-width: "1." is about one 字.
		rest := indent + labelW + float64(len(num))*gongwen.CharPitchMM/2
		if ls := a.find(text, gongwen.Body); len(ls) > 1 {
			first, rest = ls[0].x-gongwen.TypeLeftMM, ls[1].x-gongwen.TypeLeftMM
		}
		out = append(out, &Paragraph{Role: AttachmentList, Runs: []Run{{Text: text}}, Left: rest, FirstLine: first - rest})
	}
	return out
}

// attachments adds doc's attachments in order, each from a new page: a
// table in a landscape section when the layout turned it, a forwarded
// notice set like the body followed by its own attachments.
func (a *adapter) attachments(doc *notice.Document) error {
	for i, at := range doc.Attachments {
		label := "附件"
		if len(doc.Attachments) > 1 {
			label += strconv.Itoa(i + 1)
		}
		landscape := false
		var tbl *Table
		if at.Table != nil {
			var err error
			if tbl, landscape, err = a.table(at); err != nil {
				return err
			}
		}
		blocks := []Block{&Paragraph{Role: AttachmentLabel, Runs: []Run{{Text: label}}}}
		blocks = append(blocks, blanks(1, true)...)
		switch {
		case at.Notice != nil:
			inner := *at.Notice
			if inner.Title == "" {
				inner.Title = at.Title
			}
			blocks = append(blocks, a.document(&inner, AttachmentTitle, 0)...)
			a.add(blocks, false)
			if err := a.attachments(&inner); err != nil {
				return err
			}
			continue
		case tbl != nil:
			p := &Paragraph{Role: AttachmentTitle, Runs: []Run{{Text: at.Title}}}
			if ls := a.find(at.Title, gongwen.Title); ls != nil {
				p.Breaks = breaks(ls, at.Title)
			}
			blocks = append(blocks, p)
			blocks = append(blocks, blanks(1, true)...)
			blocks = append(blocks, tbl)
		}
		a.add(blocks, landscape)
	}
	return nil
}

// add puts an attachment's blocks from a new page: in the current section
// when the orientation is the same, else in a new section.
func (a *adapter) add(blocks []Block, landscape bool) {
	cur := &a.secs[len(a.secs)-1]
	if cur.Landscape == landscape {
		blocks[0].(*Paragraph).PageBreakBefore = true
		cur.Blocks = append(cur.Blocks, blocks...)
		return
	}
	a.secs = append(a.secs, Section{Landscape: landscape, Blocks: blocks})
}

// table builds a table attachment: its header rows (a group's cell over
// its columns, an ungrouped header down both rows), its rows, and from the
// layout its orientation, type size and column widths.
func (a *adapter) table(at notice.Attachment) (*Table, bool, error) {
	t := at.Table
	n := len(t.Columns)
	tb := &Table{SizePt: gongwen.TableSizePt, Rows: t.Rows}
	for _, c := range t.Columns {
		al := Center
		switch c.Align {
		case notice.Left:
			al = Left
		case notice.Right:
			al = Right
		}
		tb.Aligns = append(tb.Aligns, al)
	}
	grouped := slices.ContainsFunc(t.Columns, func(c notice.Column) bool { return c.Group != "" })
	var row1, row2 []HeaderCell
	for j := 0; j < n; {
		c := t.Columns[j]
		if c.Group == "" || !grouped {
			row1 = append(row1, HeaderCell{Text: c.Header, Span: 1})
			row2 = append(row2, HeaderCell{Text: c.Header, Span: 1, Merge: true})
			j++
			continue
		}
		k := j
		for k < n && t.Columns[k].Group == c.Group {
			row2 = append(row2, HeaderCell{Text: t.Columns[k].Header, Span: 1})
			k++
		}
		row1 = append(row1, HeaderCell{Text: c.Group, Span: k - j})
		j = k
	}
	tb.Header = [][]HeaderCell{row1}
	if grouped {
		tb.Header = append(tb.Header, row2)
	}

	// The table's first page: the first page from the cursor with text
	// smaller than the body's (the cells).
	landscape := false
	var bounds []float64
	for pi := max(a.page, a.lineAtPage()); pi < len(a.pages); pi++ {
		size := 0.0
		for _, it := range a.pages[pi].Items {
			if v, ok := it.(gongwen.Text); ok && v.SizePt < gongwen.PageNumberSizePt {
				size = v.SizePt
				landscape = v.Rotate != 0
				break
			}
		}
		if size == 0 {
			continue
		}
		tb.SizePt = size
		for _, it := range a.pages[pi].Items {
			r, ok := it.(gongwen.Rule)
			if !ok {
				continue
			}
			switch {
			case !landscape && math.Abs(r.X1-r.X2) < 0.01:
				bounds = append(bounds, r.X1)
			case landscape && math.Abs(r.Y1-r.Y2) < 0.01:
				bounds = append(bounds, gongwen.TypeBottomMM-r.Y1)
			}
		}
		// The table goes on over the pages after it that have cells and
		// no attachment label.
		a.page = pi + 1
		for a.page < len(a.pages) && hasCells(a.pages[a.page]) && !hasLabel(a.pages[a.page]) {
			a.page++
		}
		break
	}
	slices.Sort(bounds)
	bounds = slices.CompactFunc(bounds, func(x, y float64) bool { return math.Abs(x-y) < 0.05 })
	full := gongwen.TypeWidthMM
	if landscape {
		full = gongwen.TypeHeightMM
	}
	if len(bounds) == n+1 {
		for j := 0; j < n; j++ {
			tb.Widths = append(tb.Widths, bounds[j+1]-bounds[j])
		}
	} else {
		for j := 0; j < n; j++ {
			tb.Widths = append(tb.Widths, full/float64(n))
		}
	}
	return tb, landscape, nil
}

// lineAtPage is the page of the line at the cursor.
func (a *adapter) lineAtPage() int {
	if a.at < len(a.lines) {
		return a.lines[a.at].page
	}
	return len(a.pages)
}

// colophon builds the 版记 and says where the layout put it: on the last
// page with the text, or on a page of its own (after a blank page, and
// unnumbered, when the pages before it were even).
func (a *adapter) colophon(doc *notice.Document) *Colophon {
	if len(doc.CC) == 0 && doc.Printer == "" {
		return nil
	}
	c := &Colophon{Printer: doc.Printer}
	if len(doc.CC) > 0 {
		c.CC = "抄送：" + strings.Join(doc.CC, "，") + "。"
	}
	if !doc.PrintDate.IsZero() {
		c.PrintDate = gongwen.DateString(doc.PrintDate) + "印发"
	}
	last := a.pages[len(a.pages)-1]
	// The 版记's top rule is the highest heavy rule on the last page.
	top := gongwen.TypeBottomMM - 2*gongwen.ColophonLinePtMM
	for _, it := range last.Items {
		if r, ok := it.(gongwen.Rule); ok && r.Y1 == r.Y2 && r.Width == gongwen.ColophonThickMM && r.Y1 < top {
			top = r.Y1
		}
	}
	c.Height = gongwen.TypeBottomMM - top
	c.OwnPage = true
	for _, it := range last.Items {
		switch v := it.(type) {
		case gongwen.Text:
			if v.Y < top {
				c.OwnPage = false
			}
		case gongwen.Rule:
			if min(v.Y1, v.Y2) < top-0.01 {
				c.OwnPage = false
			}
		}
	}
	if c.OwnPage {
		c.Numbered = last.Number > 0
		c.BlankBefore = len(a.pages) > 1 && len(a.pages[len(a.pages)-2].Items) == 0
	}
	return c
}

// hasCells reports whether p has text smaller than the page number: a
// table's cells.
func hasCells(p gongwen.Page) bool {
	return slices.ContainsFunc(p.Items, func(it gongwen.Item) bool {
		t, ok := it.(gongwen.Text)
		return ok && t.SizePt < gongwen.PageNumberSizePt
	})
}

// hasLabel reports whether p has an attachment label (黑体 at the body size).
func hasLabel(p gongwen.Page) bool {
	return slices.ContainsFunc(p.Items, func(it gongwen.Item) bool {
		t, ok := it.(gongwen.Text)
		return ok && t.Face == gongwen.Hei && t.SizePt == gongwen.BodySizePt
	})
}

// FileName is the name of the .docx beside notice.pdf.
const FileName = "notice.docx"

// Bytes returns the .docx of doc laid out as pages (the pages the PDF is
// drawn from); created is its date.
func Bytes(pages []gongwen.Page, doc *notice.Document, created time.Time) ([]byte, error) {
	d, err := FromLayout(pages, doc, created)
	if err != nil {
		return nil, err
	}
	return Write(d)
}
