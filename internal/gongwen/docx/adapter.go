package docx

// The adapter: this file and adapter_pages.go are the only ones that know
// gongwen's page model and notice's elements. They read the laid-out pages
// (the same the PDF is drawn from) for the geometry, and the notice's
// elements for the roles and the text. When gongwen hands exporters lines
// that know their element and paragraph, only these two files change.

import (
	"fmt"
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

// squash drops all white space.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

type adapter struct {
	pages []gongwen.Page
	lines []line
	at    int // lines before this one are matched
	page  int // pages before this one belong to elements already placed
	secs  []Section
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
