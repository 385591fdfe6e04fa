package gongwen

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// Layout sets doc on pages: the 版头 and body on the grid, the signature,
// each attachment on new pages, the 版记 on an even last page, and the page
// numbers. It returns an error naming the character and the element when a
// character has no glyph in any face. It is Lay without the metadata.
func Layout(doc *notice.Document, m Metrics) ([]Page, error) {
	d, err := Lay(doc, m)
	if err != nil {
		return nil, err
	}
	return d.Pages, nil
}

// Lay lays doc out for an exporter: the pages (as Layout) with every run's
// role and paragraph, and the document's metadata.
func Lay(doc *notice.Document, m Metrics) (*Document, error) {
	if doc == nil {
		return nil, fmt.Errorf("layout: no document")
	}
	p := &paras{}
	f := &flow{m: m}
	head, start, err := letterhead(doc, m, p)
	if err != nil {
		return nil, err
	}
	sealX, err := f.document(doc, "", p)
	if err != nil {
		return nil, err
	}
	pages := paginate(f.lines, start)
	pages[0].Items = append(head, pages[0].Items...)
	out := &Document{Meta: meta(doc)}
	out.Meta.Seal = sealBox(pages, sealX)

	att, err := attachments(doc, m, "", p, &out.Meta)
	if err != nil {
		return nil, err
	}
	for i := range out.Meta.Attachments {
		out.Meta.Attachments[i].Page += len(pages)
	}
	pages = append(pages, att...)
	for i := range pages {
		pages[i].Number = i + 1
	}
	pages, err = colophon(doc, pages, m)
	if err != nil {
		return nil, err
	}
	p.number(pages)
	for i := range pages {
		if pages[i].Number > 0 {
			it, err := pageNumber(pages[i].Number, m)
			if err != nil {
				return nil, err
			}
			pages[i].Items = append(pages[i].Items, as(RolePageNumber, 0, it)...)
		}
	}
	out.Pages = pages
	return out, nil
}

// meta is what the notice says about itself.
func meta(doc *notice.Document) Meta {
	md := Meta{Title: doc.Title, DocNumber: doc.DocNumber, Date: doc.Date}
	switch {
	case doc.Signature != "":
		md.Organs = organs(doc.Signature)
	case doc.IssuerMark != "":
		md.Organs = organs(doc.IssuerMark)
		if n := len(md.Organs); n > 1 && md.Organs[n-1] == "文件" {
			md.Organs = md.Organs[:n-1] // a joint mark's 文件 is no organ
		}
	}
	return md
}

// sealBox is the seal's place (§7.3.5.1): SealSizeMM square, centred on
// sealX over the 成文日期 (else the 署名), its lower edge at the bottom of
// that line, so that the 署名 and 成文日期 sit below the seal's centre.
func sealBox(pages []Page, sealX float64) *Box {
	if sealX == 0 {
		return nil
	}
	var box *Box
	for i, pg := range pages {
		for _, it := range pg.Items {
			t, ok := it.(Text)
			if !ok || (t.Role != RoleDate && t.Role != RoleSignature) {
				continue
			}
			bottom := t.Y - BaselineIn(t.SizePt) + LinePitchMM
			if box == nil || box.Page < i || bottom > box.Y+SealSizeMM {
				box = &Box{Page: i, X: sealX - SealSizeMM/2, Y: bottom - SealSizeMM, W: SealSizeMM, H: SealSizeMM}
			}
		}
	}
	return box
}

// attachments sets doc's attachments in the order of its 附件说明, each
// from a new page: a forwarded notice on the grid followed by its own
// attachments, or a table. prefix names the enclosing attachment in error
// messages. Each is recorded in md with its first page's index into the
// pages returned.
func attachments(doc *notice.Document, m Metrics, prefix string, p *paras, md *Meta) ([]Page, error) {
	var pages []Page
	for i, a := range doc.Attachments {
		label := wording.AttachmentLabel(len(doc.Attachments), i)
		where := prefix + label
		am := AttachmentMeta{Label: where, Title: a.Title, Page: len(pages), Depth: strings.Count(prefix, "的"), Name: label}
		switch {
		case a.Notice != nil:
			inner := *a.Notice
			if inner.Title == "" {
				inner.Title = a.Title
			}
			md.Attachments = append(md.Attachments, am)
			f := &flow{m: m}
			if err := f.forwarded(label, &inner, where, p); err != nil {
				return nil, err
			}
			pages = append(pages, paginate(f.lines, 0)...)
			first := len(md.Attachments)
			sub, err := attachments(&inner, m, where+"的", p, md)
			if err != nil {
				return nil, err
			}
			for j := first; j < len(md.Attachments); j++ {
				md.Attachments[j].Page += len(pages)
			}
			pages = append(pages, sub...)
		case a.Table != nil:
			am.Table = len(md.Tables) + 1
			md.Attachments = append(md.Attachments, am)
			tp, t, err := tablePages(label, a, m, where, am.Table, p)
			if err != nil {
				return nil, err
			}
			md.Tables = append(md.Tables, t)
			pages = append(pages, tp...)
		}
	}
	return pages, nil
}

// letterhead places the 版头 (§7.2) on page 1 and returns the grid line
// the title starts on.
func letterhead(doc *notice.Document, m Metrics, p *paras) ([]Item, int, error) {
	if doc.IssuerMark == "" {
		return nil, 0, nil
	}
	var items []Item
	if names := organs(doc.IssuerMark); len(names) > 1 {
		mark, bottom, err := jointMark(names, m, TypeTopMM+IssuerMarkTopMM)
		if err != nil {
			return nil, 0, err
		}
		p.n++
		return docNumber(doc, m, p, as(RoleIssuerMark, p.n, mark), bottom)
	}
	us, err := naturalUnits(m, []span{{Title, doc.IssuerMark}}, 1, "发文机关标志")
	if err != nil {
		return nil, 0, err
	}
	// Widths at 1 pt scale linearly: the largest size that fits the 版心.
	size := math.Min(IssuerMarkMaxPt, math.Floor(TypeWidthMM/width(us)))
	em := emMM(size)
	top := TypeTopMM + IssuerMarkTopMM
	us, _ = naturalUnits(m, []span{{Title, doc.IssuerMark}}, size, "发文机关标志")
	x := TypeLeftMM + (TypeWidthMM-width(us))/2
	p.n++
	for _, it := range as(RoleIssuerMark, p.n, place(us, x, 0, false, size, Red)) {
		t := it.(Text)
		t.Y = top + (1-IdeoDescent)*em
		items = append(items, t)
	}
	return docNumber(doc, m, p, items, top+em)
}

// docNumber adds to the 版头 items above bottom the 发文字号 and the red
// line, and returns them with the grid line the title starts on.
func docNumber(doc *notice.Document, m Metrics, p *paras, items []Item, bottom float64) ([]Item, int, error) {
	line := gridLine(bottom)
	if doc.DocNumber != "" {
		line += 1 + DocNumberBlankLines
		f := &flow{m: m}
		if doc.Upward {
			num, sig, err := f.upwardNumber(doc)
			if err != nil {
				return nil, 0, err
			}
			p.n++
			items = append(items, as(RoleDocNumber, p.n, shift(num.items, lineTop(line)))...)
			p.n++
			items = append(items, as(RoleSigner, p.n, shift(sig.items, lineTop(line)))...)
		} else {
			g, err := f.centred(doc.DocNumber, Body, BodySizePt, Black, "发文字号")
			if err != nil {
				return nil, 0, err
			}
			p.n++
			items = append(items, as(RoleDocNumber, p.n, shift(g.items, lineTop(line)))...)
		}
		bottom = lineTop(line) + BaselineIn(BodySizePt) + IdeoDescent*emMM(BodySizePt)
	}
	y := bottom + RedLineGapMM
	items = append(items, Rule{X1: TypeLeftMM, Y1: y, X2: TypeRightMM, Y2: y, Width: RedLineWidthMM, Color: Red, Role: RoleRedLine})
	return items, gridLine(y) + 1 + TitleBlankLines, nil
}

// gridLine is the 0-based grid line that y (mm from the page top) falls in.
func gridLine(y float64) int { return int(math.Floor((y - TypeTopMM) / LinePitchMM)) }

// lineTop is the top of grid line n (0-based).
func lineTop(n int) float64 { return TypeTopMM + float64(n)*LinePitchMM }

func shift(items []Item, dy float64) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		switch v := it.(type) {
		case Text:
			v.Y += dy
			out[i] = v
		case Rule:
			v.Y1 += dy
			v.Y2 += dy
			out[i] = v
		}
	}
	return out
}

// document adds the title, 主送, body, 附件说明, signature and 附注 of doc to
// the flow, numbering its paragraphs with p. prefix names the element in
// error messages; a forwarded notice's (prefix not empty) title is an
// attachment title. It returns the centre of the seal's place (0: none).
func (f *flow) document(doc *notice.Document, prefix string, p *paras) (float64, error) {
	if doc.Title != "" {
		tl, err := f.title(doc.Title, Title, TitleSizePt, prefix+"标题")
		if err != nil {
			return 0, err
		}
		role := RoleTitle
		if prefix != "" {
			role = RoleAttachmentTitle
		}
		p.tag(tl, role)
		f.lines = append(f.lines, tl...)
	}
	if doc.Addressee != "" {
		if len(f.lines) > 0 {
			f.blank(AddresseeBlank)
		}
		addressee := strings.TrimRight(strings.TrimSpace(doc.Addressee), "：:")
		ls, err := f.paragraph([]span{{Body, addressee + "："}}, 0, 0, 0, prefix+"主送机关")
		if err != nil {
			return 0, err
		}
		p.tag(ls, RoleAddressee)
		f.lines = append(f.lines, ls...)
	}
	indent := ParagraphIndent * CharPitchMM
	for i, b := range doc.Body {
		where := fmt.Sprintf("%s正文第%d段", prefix, i+1)
		ls, err := f.paragraph(blockSpans(b), indent, 0, 0, where)
		if err != nil {
			return 0, err
		}
		p.tag(ls, headingRole(b.Level))
		f.lines = append(f.lines, ls...)
	}
	bodyEnd := len(f.lines)
	if err := f.attachmentList(doc, prefix, p); err != nil {
		return 0, err
	}
	return f.signature(doc, bodyEnd, prefix, p)
}

// blockSpans gives a body block its faces (§7.3.3): 一、 黑体, （一） 楷体,
// 1. and （1） 仿宋; the rest of the paragraph in 仿宋.
func blockSpans(b notice.Block) []span {
	face := Body
	switch b.Level {
	case 1:
		face = Hei
	case 2:
		face = Kai
	}
	var out []span
	if b.Heading != "" {
		out = append(out, span{face, b.Heading})
	}
	if b.Text != "" {
		out = append(out, span{Body, b.Text})
	}
	return out
}

// attachmentList sets the 附件说明 (§7.3.4): 附件：1.名称, further items
// aligned under the first name, lines wrapping under the name.
func (f *flow) attachmentList(doc *notice.Document, prefix string, p *paras) error {
	if len(doc.Attachments) == 0 {
		return nil
	}
	f.blank(AttachmentsBlank)
	indent := ParagraphIndent * CharPitchMM
	label := "附件："
	labelW := float64(len([]rune(label))) * CharPitchMM
	for i, a := range doc.Attachments {
		num := ""
		if len(doc.Attachments) > 1 {
			num = strconv.Itoa(i+1) + "."
		}
		numUs, err := units(f.m, []span{{Body, num}}, BodySizePt, CharPitchMM, "")
		if err != nil {
			return err
		}
		var spans []span
		if i == 0 {
			spans = append(spans, span{Body, label})
		}
		// §7.3.4: 附件名称后不加标点符号.
		name := strings.TrimRight(strings.TrimSpace(a.Title), "。，；：.,;:")
		spans = append(spans, span{Body, num + name})
		first := indent
		if i > 0 {
			first += labelW
		}
		ls, err := f.paragraph(spans, first, indent+labelW+width(numUs), 0, prefix+"附件说明")
		if err != nil {
			return err
		}
		for j := range ls {
			ls[j].keep = j > 0
		}
		p.tag(ls, RoleAttachmentList)
		f.lines = append(f.lines, ls...)
	}
	return nil
}

// signature sets the 署名 and 成文日期 for a seal (§7.3.5.1) and the 附注,
// glued to the 附件说明 (the lines from bodyEnd) and the body's last lines
// so that they never stand alone on a page.
func (f *flow) signature(doc *notice.Document, bodyEnd int, prefix string, p *paras) (float64, error) {
	if doc.Signature == "" && doc.Date.IsZero() {
		return 0, nil
	}
	// Glue the 附件说明 and the body's last lines to what follows.
	for i := bodyEnd; i < len(f.lines); i++ {
		f.lines[i].keep = true
	}
	for i, n := bodyEnd-1, 0; i > 0 && n < SignatureKeepLines-1; i-- {
		if f.lines[i].blank {
			continue
		}
		f.lines[i].keep = true
		n++
	}
	for i := 0; i < SignatureBlankLines; i++ {
		f.lines = append(f.lines, gline{blank: true, keep: true})
	}
	date := wording.Date(doc.Date)
	du, err := units(f.m, []span{{Body, date}}, BodySizePt, CharPitchMM, prefix+"成文日期")
	if err != nil {
		return 0, err
	}
	dw := width(du)
	dx := TypeRightMM - DateRightIndent*CharPitchMM - dw
	if names := organs(doc.Signature); len(names) > 1 {
		ls, err := f.jointSignature(names, dx, dw, prefix+"署名")
		if err != nil {
			return 0, err
		}
		p.tag(ls, RoleSignature)
		f.lines = append(f.lines, ls...)
	} else if doc.Signature != "" {
		su, err := units(f.m, []span{{Body, doc.Signature}}, BodySizePt, CharPitchMM, prefix+"署名")
		if err != nil {
			return 0, err
		}
		sw := width(su)
		sx := dx + dw/2 - sw/2
		if sx+sw > TypeRightMM {
			sx = TypeRightMM - sw
		}
		if sx < TypeLeftMM {
			sx = TypeLeftMM
		}
		p.n++
		f.lines = append(f.lines, gline{items: as(RoleSignature, p.n, place(su, sx, 0, false, BodySizePt, Black)), keep: true})
	}
	if !doc.Date.IsZero() {
		p.n++
		f.lines = append(f.lines, gline{items: as(RoleDate, p.n, place(du, dx, 0, false, BodySizePt, Black)), keep: true})
	}
	if doc.Note != "" {
		ls, err := f.paragraph([]span{{Body, "（" + doc.Note + "）"}}, NoteIndent*CharPitchMM, 0, 0, prefix+"附注")
		if err != nil {
			return 0, err
		}
		ls[0].keep = true
		p.tag(ls, RoleNote)
		f.lines = append(f.lines, ls...)
	}
	if prefix != "" {
		return 0, nil // a forwarded notice's seal is printed, not signed
	}
	return dx + dw/2, nil
}

// forwarded sets a forwarded notice as an attachment: a new page, the label
// on line 1, its title from line 3, then its own body and signature.
func (f *flow) forwarded(label string, inner *notice.Document, prefix string, p *paras) error {
	lbl, err := f.paragraph([]span{{Hei, label}}, 0, 0, 0, prefix)
	if err != nil {
		return err
	}
	p.tag(lbl, RoleAttachmentLabel)
	lbl[0].pageBreak = true
	f.lines = append(f.lines, lbl...)
	f.lines = append(f.lines, gline{keep: true}) // line 2, kept: the title is on line 3
	start := len(f.lines)
	if _, err := f.document(inner, prefix, p); err != nil {
		return err
	}
	if len(f.lines) > start {
		f.lines[start].keep = true
	}
	return nil
}

// paginate puts grid lines on pages; page 1's text starts at line start.
func paginate(lines []gline, start int) []Page {
	pages := []Page{{}}
	line := start
	newPage := func() {
		pages = append(pages, Page{})
		line = 0
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.pageBreak && (line > 0 || len(pages[len(pages)-1].Items) > 0) {
			newPage()
		}
		if line >= LinesPerPage {
			newPage()
		}
		if l.blank && line == 0 && !l.keep {
			continue
		}
		// Keep a glued group together: if it does not fit, start it on a
		// new page (when it fits on one at all).
		j := i + 1
		for j < len(lines) && lines[j].keep && !lines[j].pageBreak {
			j++
		}
		if n := j - i; n > 1 && line+n > LinesPerPage && n <= LinesPerPage && line > 0 {
			newPage()
			if l.blank {
				continue
			}
		}
		p := &pages[len(pages)-1]
		p.Items = append(p.Items, shift(l.items, lineTop(line))...)
		line++
	}
	return pages
}
