package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// Producer is written as the PDF's producer (Info /Producer and the XMP
// pdf:Producer): the program's name and version. The program sets it
// (internal/pipeline, from its Version).
var Producer = "bulletin"

// creator is the Info /Creator and XMP xmp:CreatorTool.
const creator = "bulletin"

// lang is the document's natural language (the catalog's /Lang).
const lang = "zh-CN"

// info is the document information. gofpdf writes it as the Info
// dictionary (maroto's configuration and the gofpdf document carry it
// there); finish adds the dates' time zone, which gofpdf leaves out, and
// the XMP metadata says the same (ISO 19005-2 §6.6.3).
type info struct {
	Title, Author, Subject string
	Created                time.Time
}

func infoOf(md gongwen.Meta, created time.Time) info {
	return info{
		Title:   md.Title,
		Author:  strings.Join(md.Organs, "、"),
		Subject: md.DocNumber,
		Created: created,
	}
}

// gofpdfDate is the date as gofpdf writes it in the Info dictionary: no
// time zone.
func gofpdfDate(t time.Time) string { return "D:" + t.Format("20060102150405") }

// pdfDate is t as a PDF date with its zone (D:20221104093000+08'00').
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	s := gofpdfDate(t)
	if off == 0 {
		return s + "Z"
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d'%02d'", s, sign, off/3600, off/60%60)
}

// xmpDate is t as an XMP date, equal to pdfDate's.
func xmpDate(t time.Time) string {
	if _, off := t.Zone(); off == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05-07:00")
}

// textString appends s as a PDF text string: literal when it is printable
// ASCII, else UTF-16BE with a byte order mark, in hex.
func textString(b []byte, s string) []byte {
	if ascii(s) {
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, ')')
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return append(b, '>')
}

// xmp is the metadata stream: Dublin Core, XMP basic and PDF properties
// equal to the Info dictionary's, and the PDF/A identification
// (part 2, conformance B).
func (in info) xmp() []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	alt := func(s string) string {
		return `<rdf:Alt><rdf:li xml:lang="x-default">` + esc(s) + `</rdf:li></rdf:Alt>`
	}
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n" +
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n" +
		`<rdf:Description rdf:about=""` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:xmp="http://ns.adobe.com/xap/1.0/"` +
		` xmlns:pdf="http://ns.adobe.com/pdf/1.3/"` +
		` xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	b.WriteString("<dc:language><rdf:Bag><rdf:li>" + lang + "</rdf:li></rdf:Bag></dc:language>\n")
	if in.Title != "" {
		b.WriteString("<dc:title>" + alt(in.Title) + "</dc:title>\n")
	}
	if in.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(in.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if in.Subject != "" {
		b.WriteString("<dc:description>" + alt(in.Subject) + "</dc:description>\n")
	}
	d := xmpDate(in.Created)
	b.WriteString("<xmp:CreatorTool>" + esc(creator) + "</xmp:CreatorTool>\n" +
		"<xmp:CreateDate>" + d + "</xmp:CreateDate>\n" +
		"<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n" +
		"<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n" +
		"<pdf:Producer>" + esc(Producer) + "</pdf:Producer>\n" +
		"<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n" +
		"</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Padding lets an editor update the packet in place.
	b.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 20))
	b.WriteString(`<?xpacket end="w"?>`)
	return []byte(b.String())
}

// mark is one entry of the outline: its title and its level (0 at the
// top).
type mark struct {
	title string
	level int
}

// bookmarks lists the outline's entries by page index: the body (正文) on
// the first page, then each attachment on its first page, the attachments
// of a forwarded notice nested under it with their own label (附件1 under
// 附件2). A notice without attachments has no outline.
func bookmarks(doc *gongwen.Document) map[int][]mark {
	if len(doc.Meta.Attachments) == 0 || len(doc.Pages) == 0 {
		return nil
	}
	out := map[int][]mark{0: {{"正文", 0}}}
	level := 0
	for _, a := range doc.Meta.Attachments {
		t := a.Name
		if t == "" {
			t = a.Label
		}
		if a.Title != "" {
			t += "　" + a.Title
		}
		// An outline's level rises one at a time (gofpdf links an entry
		// to the last one a level above).
		level = min(a.Depth, level+1)
		if a.Page >= 0 && a.Page < len(doc.Pages) {
			out[a.Page] = append(out[a.Page], mark{t, level})
		}
	}
	return out
}
