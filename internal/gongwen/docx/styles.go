package docx

import (
	"fmt"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// style is one paragraph style of styles.xml.
type style struct {
	id      string // w:styleId (ASCII: some editors mishandle others)
	name    string // w:name, what Word and WPS show
	role    Role
	face    Face
	sizePt  float64
	color   string // RRGGBB, "" black
	jc      string // w:jc
	indent  string // w:ind attributes
	outline int    // outline level + 1 (0: none), for the navigation pane
	grid    bool   // on the 28.95 pt line grid
	offGrid bool   // type larger than a grid cell (not condensed to fit one)
	keep    bool   // keep with the next paragraph
	lineTw  int    // exact line height when not on the grid
}

// styleName is the name Word and WPS show for a style: Word's built-in
// Normal and Title appear as 正文 and 标题 in the Chinese interface, so the
// two roles use them rather than a second style of the same name.
func styleName(r Role) string {
	switch r {
	case Body:
		return "Normal"
	case Title:
		return "Title"
	}
	return string(r)
}

// indentChars is a first-line indent of n 字, in twips (see cellTw; Word
// shows it as n 字符 all the same). w:firstLineChars is left out:
// LibreOffice 7.4 counts it in ems of 16 pt, a little more than n cells,
// and starts the text a cell later.
func indentChars(n int) string {
	return fmt.Sprintf(`w:firstLine="%d"`, n*cellTw)
}

// styles are the paragraph styles, Normal (正文) first.
var styles = []style{
	{id: "Normal", role: Body, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "both", indent: indentChars(gongwen.ParagraphIndent), grid: true},
	{id: "Title", role: Title, face: FaceTitle, sizePt: gongwen.TitleSizePt, jc: "center", grid: true, offGrid: true, keep: true},
	{id: "GWIssuerMark", role: IssuerMark, face: FaceTitle, sizePt: gongwen.IssuerMarkMaxPt, color: "E60000", jc: "center"},
	{id: "GWDocNumber", role: DocNumber, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "center", grid: true},
	{id: "GWAddressee", role: Addressee, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "both", grid: true},
	{id: "GWHeading1", role: Heading1, face: FaceHei, sizePt: gongwen.BodySizePt, jc: "both", indent: indentChars(gongwen.ParagraphIndent), outline: 1, grid: true, keep: true},
	{id: "GWHeading2", role: Heading2, face: FaceKai, sizePt: gongwen.BodySizePt, jc: "both", indent: indentChars(gongwen.ParagraphIndent), outline: 2, grid: true, keep: true},
	{id: "GWHeading3", role: Heading3, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "both", indent: indentChars(gongwen.ParagraphIndent), outline: 3, grid: true},
	{id: "GWHeading4", role: Heading4, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "both", indent: indentChars(gongwen.ParagraphIndent), outline: 4, grid: true},
	{id: "GWAttachmentList", role: AttachmentList, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "left", grid: true, keep: true},
	{id: "GWSignature", role: Signature, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "right", grid: true, keep: true},
	{id: "GWDate", role: Date, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "right", indent: fmt.Sprintf(`w:right="%d"`, gongwen.DateRightIndent*cellTw), grid: true},
	{id: "GWNote", role: Note, face: FaceBody, sizePt: gongwen.BodySizePt, jc: "both", indent: indentChars(gongwen.NoteIndent), grid: true},
	{id: "GWAttachmentLabel", role: AttachmentLabel, face: FaceHei, sizePt: gongwen.BodySizePt, jc: "left", grid: true, keep: true},
	{id: "GWAttachmentTitle", role: AttachmentTitle, face: FaceTitle, sizePt: gongwen.TitleSizePt, jc: "center", grid: true, offGrid: true, keep: true},
	{id: "GWBlank", role: Blank, face: FaceBody, sizePt: gongwen.BodySizePt, grid: true},
	{id: "GWTableText", role: TableText, face: FaceBody, sizePt: gongwen.TableSizePt, jc: "center"},
	{id: "GWTableHeader", role: TableHeader, face: FaceHei, sizePt: gongwen.TableHeaderPt, jc: "center"},
	{id: "GWColophon", role: ColophonText, face: FaceBody, sizePt: gongwen.ColophonSizePt, jc: "left", lineTw: tw(gongwen.ColophonLinePtMM)},
	{id: "GWPageNumber", name: "页码", face: "宋体", sizePt: gongwen.PageNumberSizePt, lineTw: tw(footerLineMM)},
}

// styleOf returns the style of a role.
func styleOf(r Role) *style {
	for i := range styles {
		if styles[i].role == r {
			return &styles[i]
		}
	}
	return &styles[0]
}

// fonts writes w:rFonts naming face for every script.
func fonts(f Face) string {
	return fmt.Sprintf(`<w:rFonts w:ascii="%[1]s" w:eastAsia="%[1]s" w:hAnsi="%[1]s" w:cs="%[1]s"/>`, esc(string(f)))
}

// stylesXML is word/styles.xml.
func stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles xmlns:w="` + nsW + `">`)
	// Defaults: 仿宋_GB2312 3号, Chinese, no extra space between Chinese
	// and Latin text (the PDF sets none), 避头尾 on.
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts(FaceBody) +
		fmt.Sprintf(`<w:kern w:val="2"/><w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/>`, halfPt(gongwen.BodySizePt)) +
		`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:widowControl/><w:kinsoku/><w:overflowPunct/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>` +
		`<w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range styles {
		name := s.name
		if name == "" {
			name = styleName(s.role)
		}
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"`, s.id)
		if s.id == "Normal" {
			b.WriteString(` w:default="1"`)
		}
		fmt.Fprintf(&b, `><w:name w:val="%s"/>`, esc(name))
		if s.id != "Normal" {
			b.WriteString(`<w:basedOn w:val="Normal"/>`)
		}
		if s.role == Body || s.role == Title || s.outline > 0 {
			b.WriteString(`<w:qFormat/>`)
		}
		b.WriteString(`<w:pPr>`)
		if s.keep {
			b.WriteString(`<w:keepNext/>`)
		}
		// No space between Chinese and Latin text (the PDF sets none),
		// and no snapping to the grid's character cells: LibreOffice
		// rounds every run of digits or Latin letters up to whole cells
		// (2022 takes three), which costs a line a paragraph. Lines are
		// exactly the grid's pitch, and 3号 characters condensed by a
		// quarter point (below) are the grid's cell, so 28 of them fill a
		// line in Word, WPS and LibreOffice alike.
		b.WriteString(`<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/>`)
		switch {
		case s.lineTw > 0:
			fmt.Fprintf(&b, `<w:spacing w:line="%d" w:lineRule="exact"/>`, s.lineTw)
		case s.grid:
			// 固定值 28.95 磅: the grid line, whatever the face's own
			// line height.
			fmt.Fprintf(&b, `<w:spacing w:line="%d" w:lineRule="exact"/>`, linePitch)
		default:
			b.WriteString(`<w:spacing w:line="240" w:lineRule="auto"/>`)
		}
		switch {
		case s.indent != "":
			fmt.Fprintf(&b, `<w:ind %s/>`, s.indent)
		case s.id != "Normal":
			b.WriteString(`<w:ind w:firstLine="0"/>`)
		}
		if s.jc != "" {
			fmt.Fprintf(&b, `<w:jc w:val="%s"/>`, s.jc)
		}
		if s.outline > 0 {
			fmt.Fprintf(&b, `<w:outlineLvl w:val="%d"/>`, s.outline-1)
		}
		b.WriteString(`</w:pPr><w:rPr>` + fonts(s.face))
		if s.color != "" {
			fmt.Fprintf(&b, `<w:color w:val="%s"/>`, s.color)
		}
		if s.grid && !s.offGrid {
			// A 3号 character (16 pt) is wider than the grid's cell
			// (15.79 pt): condensed by a quarter point, 28 fit a line.
			b.WriteString(`<w:spacing w:val="-5"/>`)
		}
		fmt.Fprintf(&b, `<w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/></w:rPr></w:style>`, halfPt(s.sizePt))
	}
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>` +
		`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}
