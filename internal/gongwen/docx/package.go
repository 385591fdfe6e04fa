package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"time"
)

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// zipTime is the time of every zip entry: fixed, so that identical inputs
// give identical bytes (the document's own date is in docProps/core.xml).
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// writeChunk is how much of a part Write converts to bytes at a time.
const writeChunk = 64 << 10

// Write returns the .docx of d.
func Write(d *Document) ([]byte, error) {
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", contentTypes(d.Mark != "")},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", coreXML(d)},
		{"docProps/app.xml", appXML},
		{"word/document.xml", documentXML(d)},
		{"word/styles.xml", stylesXML()},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", fontTableXML},
		{"word/footer1.xml", footerXML("right", 0, gongwenIndentTw())},
		{"word/footer2.xml", footerXML("left", gongwenIndentTw(), 0)},
		{"word/footer3.xml", xmlHeader + `<w:ftr xmlns:w="` + nsW + `"><w:p><w:pPr><w:pStyle w:val="GWPageNumber"/></w:pPr></w:p></w:ftr>`},
		{"word/_rels/document.xml.rels", documentRels(d.Mark != "")},
	}
	if d.Mark != "" {
		parts = append(parts, struct{ name, data string }{"word/header1.xml", headerXML(d.Mark)})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return nil, fmt.Errorf("docx: %w", err)
		}
		// In pieces: word/document.xml of a 5,000-row table is tens of
		// MB, and []byte(p.data) would copy it whole.
		for i := 0; i < len(p.data); i += writeChunk {
			if _, err := w.Write([]byte(p.data[i:min(i+writeChunk, len(p.data))])); err != nil {
				return nil, fmt.Errorf("docx: %w", err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return buf.Bytes(), nil
}

// contentTypes is [Content_Types].xml; header: the document has the
// mark's header part.
func contentTypes(header bool) string {
	h := ""
	if header {
		h = `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`
	}
	return contentTypesHead + h + contentTypesTail
}

const contentTypesHead = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`

const contentTypesTail = `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// documentRels is word/_rels/document.xml.rels; header: with the mark's
// header part.
func documentRels(header bool) string {
	h := ""
	if header {
		h = `<Relationship Id="` + ridHeaderMark + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`
	}
	return documentRelsBody + h + `</Relationships>`
}

const documentRelsBody = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdFontTable" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="` + ridFooterOdd + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`<Relationship Id="` + ridFooterEven + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
	`<Relationship Id="` + ridFooterEmpty + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer3.xml"/>`

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>bulletin</Application></Properties>`

// settingsXML turns on separate odd and even footers and 标点挤压
// (compressPunctuation), as 公文 templates do.
var settingsXML = xmlHeader + `<w:settings xmlns:w="` + nsW + `"><w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:useFELayout/>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// fontTableXML declares the official faces with their usual alternative
// names (the faces Windows ships) and the GB2312 character set.
const fontTableXML = xmlHeader + `<w:fonts xmlns:w="` + nsW + `">` +
	`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="方正小标宋简体"><w:altName w:val="方正小标宋_GBK"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`

// gongwenIndentTw is the page number's 1 字 (of 4号) from the 版心 edge.
func gongwenIndentTw() int { return tw(pageNumberEm()) }

// footerXML is a footer with the page number “— N —” (§7.5), aligned
// jc with the given left and right indents in twips.
func footerXML(jc string, left, right int) string {
	return xmlHeader + `<w:ftr xmlns:w="` + nsW + `"><w:p><w:pPr><w:pStyle w:val="GWPageNumber"/>` +
		fmt.Sprintf(`<w:ind w:left="%d" w:right="%d"/><w:jc w:val="%s"/>`, left, right, jc) +
		`</w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
}

// markSizePt is the mark's type size: 二号, as in the PDF.
const markSizePt = 22.0

// headerXML is the header holding the mark: red 黑体 二号, flush with the
// 版心's right edge, in the 天头 above the type area (off the grid, so
// that it moves nothing of the body).
func headerXML(mark string) string {
	return xmlHeader + `<w:hdr xmlns:w="` + nsW + `"><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>` +
		`<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="right"/></w:pPr>` +
		`<w:r><w:rPr>` + fonts(FaceHei) + fmt.Sprintf(`<w:color w:val="E60000"/><w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/>`, halfPt(markSizePt)) +
		`</w:rPr><w:t>` + esc(mark) + `</w:t></w:r></w:p></w:hdr>`
}

// coreXML is docProps/core.xml: title, author, subject and dates.
func coreXML(d *Document) string {
	date := d.Created.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	fmt.Fprintf(&b, `<dc:title>%s</dc:title><dc:subject>%s</dc:subject><dc:creator>%s</dc:creator>`, esc(d.Title), esc(d.Subject), esc(d.Author))
	fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%[1]s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%[1]s</dcterms:modified>`, date)
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}
