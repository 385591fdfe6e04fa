package docx

import (
	"fmt"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// table writes a ranking table: fixed column widths, a full grid with a
// heavier frame, header rows repeated on every page and no row split
// across pages.
func table(b *strings.Builder, t *Table) {
	total := 0
	for _, w := range t.Widths {
		total += tw(w)
	}
	frame, rule := eighthPt(gongwen.TableFrameMM), eighthPt(gongwen.TableRuleMM)
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, total)
	fmt.Fprintf(b, `<w:tblBorders><w:top w:val="single" w:sz="%[1]d" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="%[1]d" w:space="0" w:color="000000"/>`+
		`<w:bottom w:val="single" w:sz="%[1]d" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="%[1]d" w:space="0" w:color="000000"/>`+
		`<w:insideH w:val="single" w:sz="%[2]d" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="%[2]d" w:space="0" w:color="000000"/></w:tblBorders>`, frame, rule)
	pad := tw(gongwen.TableCellPadMM)
	fmt.Fprintf(b, `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="%[2]d" w:type="dxa"/><w:left w:w="%[1]d" w:type="dxa"/><w:bottom w:w="%[2]d" w:type="dxa"/><w:right w:w="%[1]d" w:type="dxa"/></w:tblCellMar>`, pad, tw(1))
	b.WriteString(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range t.Widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, tw(w))
	}
	b.WriteString(`</w:tblGrid>`)
	size := 0.0
	if t.SizePt != gongwen.TableSizePt {
		size = t.SizePt
	}
	for r := range t.Header {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/><w:jc w:val="center"/></w:trPr>`)
		for col := 0; col < len(t.Widths); {
			c, cont := headerCellAt(t.Header, r, col)
			if c == nil {
				// A column no header cell covers: an empty cell.
				c = &HeaderCell{Col: col, Span: 1, RowSpan: 1}
			}
			span := max(c.Span, 1)
			w := 0
			for _, cw := range t.Widths[col:min(col+span, len(t.Widths))] {
				w += tw(cw)
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
			if span > 1 {
				fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
			}
			switch {
			case cont:
				b.WriteString(`<w:vMerge/>`)
			case c.RowSpan > 1:
				b.WriteString(`<w:vMerge w:val="restart"/>`)
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			text := c.Text
			if cont {
				text = ""
			}
			paragraph(b, &Paragraph{Role: TableHeader, Runs: []Run{{Text: text}}, SizePt: size}, "")
			b.WriteString(`</w:tc>`)
			col += span
		}
		b.WriteString(`</w:tr>`)
	}
	for _, row := range t.Rows {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:jc w:val="center"/></w:trPr>`)
		for j, w := range t.Widths {
			text := ""
			if j < len(row) {
				text = row[j]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, tw(w))
			jc := "center"
			if j < len(t.Aligns) {
				switch t.Aligns[j] {
				case Left:
					jc = "left"
				case Right:
					jc = "right"
				}
			}
			paragraph(b, &Paragraph{Role: TableText, Runs: []Run{{Text: text}}, SizePt: size}, `<w:jc w:val="`+jc+`"/>`)
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

// headerCellAt is the header cell covering column col in row r: one
// starting in that row, or (cont) one from a row above spanning down.
func headerCellAt(header [][]HeaderCell, r, col int) (c *HeaderCell, cont bool) {
	for rr := r; rr >= 0; rr-- {
		for i := range header[rr] {
			hc := &header[rr][i]
			if hc.Col == col && rr+max(hc.RowSpan, 1) > r {
				return hc, rr < r
			}
		}
	}
	return nil, false
}

// colophon writes the 版记 (§7.4) as a text box at the foot of the 版心 of
// the page where the document ends (a VML shape, which Word, WPS and
// LibreOffice all place; LibreOffice 7.4 ignores a floating table's
// position and w:vAlign), the text above it wrapping clear of it: a heavy
// rule above the first line and under the last, a thin one between, 抄送
// indented 1 字 either side, the 印发机关 left and the 印发日期 right. It is
// anchored in an empty paragraph one point high.
func colophon(b *strings.Builder, c *Colophon) {
	thick, thin := eighthPt(gongwen.ColophonThickMM), eighthPt(gongwen.ColophonThinMM)
	em := gongwen.ColophonSizePt * gongwen.PtMM
	indent := tw(gongwen.ColophonIndent * em)
	width := tw(gongwen.TypeWidthMM)
	// The box reaches from the 版记's top rule to the 版心's bottom edge,
	// plus what the rules add; its text sits at its bottom.
	height := max(c.Height, gongwen.ColophonLinePtMM) + 1.5
	pt := func(mm float64) float64 { return mm / gongwen.PtMM }
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="GWBlank"/><w:spacing w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr>`+
		`<w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`+
		`<v:shape id="colophon" o:spid="_x0000_s1025" type="#_x0000_t202" filled="f" stroked="f" style="position:absolute;margin-left:%.2fpt;margin-top:%.2fpt;width:%.2fpt;height:%.2fpt;z-index:1;`+
		`mso-position-horizontal-relative:page;mso-position-vertical-relative:page;v-text-anchor:bottom"><v:textbox inset="0,0,0,0"><w:txbxContent>`,
		pt(gongwen.TypeLeftMM), pt(gongwen.TypeBottomMM-height+0.5), pt(gongwen.TypeWidthMM), pt(height))
	// A table of one column inside, so that the rules span the 版心 while
	// the text is indented (a paragraph's border follows its indents).
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/>`, width)
	fmt.Fprintf(b, `<w:tblBorders><w:top w:val="single" w:sz="%[1]d" w:space="0" w:color="000000"/><w:left w:val="nil"/>`+
		`<w:bottom w:val="single" w:sz="%[1]d" w:space="0" w:color="000000"/><w:right w:val="nil"/>`+
		`<w:insideH w:val="single" w:sz="%[2]d" w:space="0" w:color="000000"/><w:insideV w:val="nil"/></w:tblBorders>`, thick, thin)
	b.WriteString(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`)
	fmt.Fprintf(b, `<w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>`, width)
	row := func(p *Paragraph, extra string) {
		fmt.Fprintf(b, `<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, width)
		paragraph(b, p, extra)
		b.WriteString(`</w:tc></w:tr>`)
	}
	if c.CC != "" {
		// Continuation lines align after 抄送：.
		row(&Paragraph{Role: ColophonText, Runs: []Run{{Text: c.CC}}}, fmt.Sprintf(`<w:ind w:left="%d" w:right="%d" w:hanging="%d"/>`, indent+3*tw(em), indent, 3*tw(em)))
	}
	if c.Printer != "" || c.PrintDate != "" {
		text := c.Printer
		if c.PrintDate != "" {
			text += "\t" + c.PrintDate
		}
		row(&Paragraph{Role: ColophonText, Runs: []Run{{Text: text}}},
			fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs><w:ind w:left="%d" w:right="%d"/>`, width-indent, indent, indent))
	}
	// A table's cell must be followed by a paragraph in a text box too.
	b.WriteString(`</w:tbl><w:p><w:pPr><w:pStyle w:val="GWBlank"/><w:spacing w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>`)
	b.WriteString(`</w:txbxContent></v:textbox><w10:wrap type="topAndBottom"/></v:shape></w:pict></w:r></w:p>`)
}
