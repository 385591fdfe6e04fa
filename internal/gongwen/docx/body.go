package docx

import (
	"fmt"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// The relationship ids of the footers (see package.go).
const (
	ridFooterOdd   = "rIdFooterOdd"
	ridFooterEven  = "rIdFooterEven"
	ridFooterEmpty = "rIdFooterEmpty"
	ridHeaderMark  = "rIdHeaderMark"
)

// documentXML is word/document.xml.
func documentXML(d *Document) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:v="urn:schemas-microsoft-com:vml"` +
		` xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word"><w:body>`)
	secs := d.Sections
	if len(secs) == 0 {
		secs = []Section{{}}
	}
	if c := d.Colophon; c != nil && c.OwnPage {
		start := NextPage
		if c.BlankBefore {
			start = EvenPage
		}
		secs = append(secs, Section{Start: start, NoPageNumbers: !c.Numbered})
	}
	for i, s := range secs {
		last := i == len(secs)-1
		sp := sectPr(s, i > 0, d.Mark != "")
		for j, bl := range s.Blocks {
			switch v := bl.(type) {
			case *Paragraph:
				if j == len(s.Blocks)-1 && !last {
					paragraph(&b, v, sp) // the section ends with it
					sp = ""
				} else {
					paragraph(&b, v, "")
				}
			case *Table:
				table(&b, v)
			case *Beside:
				beside(&b, v)
			}
		}
		if last && d.Colophon != nil {
			colophon(&b, d.Colophon)
		}
		if last {
			// The body ends with a paragraph (a table may not be last);
			// it is one point high, so that it moves nothing.
			if n := len(s.Blocks); d.Colophon == nil && (n == 0 || !isParagraph(s.Blocks[n-1])) {
				b.WriteString(tinyParagraph(""))
			}
			b.WriteString(sectPr(s, i > 0, d.Mark != ""))
		} else if sp != "" {
			b.WriteString(tinyParagraph(sp))
		}
	}
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func isParagraph(b Block) bool {
	_, ok := b.(*Paragraph)
	return ok
}

// tinyParagraph is an empty paragraph one point high, holding sp (a
// section's properties) if given.
func tinyParagraph(sp string) string {
	return `<w:p><w:pPr><w:pStyle w:val="GWBlank"/><w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/>` +
		`<w:rPr><w:sz w:val="2"/></w:rPr>` + sp + `</w:pPr></w:p>`
}

// sectPr writes a section's properties: A4 (turned for a landscape
// section), the 版心 margins, the header with the mark (when mark), odd
// and even page-number footers and the document grid of 22 lines × 28
// characters.
func sectPr(s Section, notFirst, mark bool) string {
	var b strings.Builder
	b.WriteString(`<w:sectPr>`)
	if s.NoPageNumbers {
		fmt.Fprintf(&b, `<w:footerReference w:type="default" r:id="%s"/><w:footerReference w:type="even" r:id="%s"/>`, ridFooterEmpty, ridFooterEmpty)
	} else {
		fmt.Fprintf(&b, `<w:footerReference w:type="default" r:id="%s"/><w:footerReference w:type="even" r:id="%s"/>`, ridFooterOdd, ridFooterEven)
	}
	if mark {
		fmt.Fprintf(&b, `<w:headerReference w:type="default" r:id="%[1]s"/><w:headerReference w:type="even" r:id="%[1]s"/>`, ridHeaderMark)
	}
	if notFirst && s.Start == EvenPage {
		b.WriteString(`<w:type w:val="evenPage"/>`)
	} else {
		b.WriteString(`<w:type w:val="nextPage"/>`)
	}
	if s.Landscape {
		// The page turned clockwise to be read: the binding edge (订口,
		// 28 mm) is at the top, the 天头 (37 mm) on the right, and the
		// 版心 225 × 156 mm.
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, pageH, pageW)
		fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`,
			marLeft, marTop, marRight, marBottom, tw(10))
		fmt.Fprintf(&b, `<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="%d"/>`, linePitch)
	} else {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, pageW, pageH)
		fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`,
			marTop, marRight, marBottom, marLeft, footerDist)
		fmt.Fprintf(&b, `<w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="%d" w:charSpace="%d"/>`, linePitch, charSpace)
	}
	b.WriteString(`</w:sectPr>`)
	return b.String()
}

// paragraph writes one paragraph; extra is appended to its properties.
func paragraph(b *strings.Builder, p *Paragraph, extra string) {
	st := styleOf(p.Role)
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/>`, st.id)
	if p.KeepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if p.PageBreakBefore {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	if p.RightTab > 0 || len(p.CenterTabs) > 0 {
		b.WriteString(`<w:tabs>`)
		for _, c := range p.CenterTabs {
			fmt.Fprintf(b, `<w:tab w:val="center" w:pos="%d"/>`, tw(c))
		}
		if p.RightTab > 0 {
			fmt.Fprintf(b, `<w:tab w:val="right" w:pos="%d"/>`, indentTw(p.RightTab))
		}
		b.WriteString(`</w:tabs>`)
	}
	if p.SpaceBefore > 0 || p.LineHeight > 0 {
		b.WriteString(`<w:spacing`)
		if p.SpaceBefore > 0 {
			fmt.Fprintf(b, ` w:before="%d"`, tw(p.SpaceBefore))
		}
		if p.LineHeight > 0 {
			fmt.Fprintf(b, ` w:line="%d" w:lineRule="exact"`, tw(p.LineHeight))
		}
		b.WriteString(`/>`)
	}
	if p.Left != 0 || p.Right != 0 || p.FirstLine != 0 {
		b.WriteString(`<w:ind`)
		if p.Left != 0 {
			fmt.Fprintf(b, ` w:left="%d"`, indentTw(p.Left))
		}
		if p.Right != 0 {
			fmt.Fprintf(b, ` w:right="%d"`, indentTw(p.Right))
		}
		switch {
		case p.FirstLine > 0:
			fmt.Fprintf(b, ` w:firstLine="%d"`, indentTw(p.FirstLine))
		case p.FirstLine < 0:
			fmt.Fprintf(b, ` w:hanging="%d"`, indentTw(-p.FirstLine))
		default:
			b.WriteString(` w:firstLine="0"`)
		}
		b.WriteString(`/>`)
	}
	switch {
	case p.Distribute:
		b.WriteString(`<w:jc w:val="distribute"/>`)
	case p.AlignLeft:
		b.WriteString(`<w:jc w:val="left"/>`)
	}
	b.WriteString(extra)
	b.WriteString(`</w:pPr>`)
	breaks := map[int]bool{}
	for _, i := range p.Breaks {
		breaks[i] = true
	}
	pos := 0
	for _, r := range p.Runs {
		// A line break splits the run where the layout broke the line.
		rs := []rune(r.Text)
		start := 0
		for i := range rs {
			if breaks[pos+i] && pos+i > 0 {
				run(b, string(rs[start:i]), r.Face, p.SizePt, st)
				b.WriteString(`<w:r><w:br/></w:r>`)
				start = i
			}
		}
		run(b, string(rs[start:]), r.Face, p.SizePt, st)
		pos += len(rs)
	}
	b.WriteString(`</w:p>`)
	if p.RuleBelow {
		// The red line is the bottom border of an empty paragraph exactly
		// RuleGap high (a border's own padding is counted differently by
		// Word and LibreOffice; with none they agree).
		fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="GWBlank"/><w:pBdr><w:bottom w:val="single" w:sz="%d" w:space="0" w:color="E60000"/></w:pBdr>`+
			`<w:spacing w:line="%d" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>`,
			eighthPt(gongwen.RedLineWidthMM), max(tw(p.RuleGap), 20))
	}
}

// run writes one run of text; face and size override the style's when set.
func run(b *strings.Builder, text string, face Face, sizePt float64, st *style) {
	if text == "" {
		return
	}
	b.WriteString(`<w:r>`)
	if (face != "" && face != st.face) || sizePt > 0 {
		b.WriteString(`<w:rPr>`)
		if face != "" && face != st.face {
			b.WriteString(fonts(face))
		}
		if sizePt > 0 {
			fmt.Fprintf(b, `<w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/>`, halfPt(sizePt))
		}
		b.WriteString(`</w:rPr>`)
	}
	// Tabs are w:tab elements; everything else is text.
	parts := strings.Split(text, "\t")
	for i, s := range parts {
		if i > 0 {
			b.WriteString(`<w:tab/>`)
		}
		if s != "" {
			fmt.Fprintf(b, `<w:t xml:space="preserve">%s</w:t>`, esc(s))
		}
	}
	b.WriteString(`</w:r>`)
}

// beside writes a Beside: a borderless table of one row, no cell margins,
// the right cell's content centred vertically. Its cells' paragraphs are
// off the line grid (exact heights).
func beside(b *strings.Builder, bs *Beside) {
	w0, w1 := tw(bs.Widths[0]), tw(bs.Widths[1])
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="left"/><w:tblInd w:w="%d" w:type="dxa"/>`, w0+w1, tw(bs.Indent))
	b.WriteString(`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`)
	b.WriteString(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`)
	fmt.Fprintf(b, `<w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>`, w0, w1)
	for i, ps := range [][]*Paragraph{bs.Left, bs.Right} {
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, [2]int{w0, w1}[i])
		if i == 1 {
			b.WriteString(`<w:vAlign w:val="center"/>`)
		}
		b.WriteString(`</w:tcPr>`)
		if len(ps) == 0 {
			// A cell ends with a paragraph: a tiny one.
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="GWBlank"/><w:spacing w:line="20" w:lineRule="exact"/></w:pPr></w:p>`)
		}
		for _, p := range ps {
			paragraph(b, p, "")
		}
		b.WriteString(`</w:tc>`)
	}
	b.WriteString(`</w:tr></w:tbl>`)
}
