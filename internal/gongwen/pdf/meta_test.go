package pdf_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// xmpPacket is what the tests read from the XMP metadata.
type xmpPacket struct {
	Descriptions []struct {
		Title       xmpList `xml:"http://purl.org/dc/elements/1.1/ title"`
		Creator     xmpList `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Description xmpList `xml:"http://purl.org/dc/elements/1.1/ description"`
		Producer    string  `xml:"http://ns.adobe.com/pdf/1.3/ Producer"`
		CreatorTool string  `xml:"http://ns.adobe.com/xap/1.0/ CreatorTool"`
		CreateDate  string  `xml:"http://ns.adobe.com/xap/1.0/ CreateDate"`
		ModifyDate  string  `xml:"http://ns.adobe.com/xap/1.0/ ModifyDate"`
		Part        string  `xml:"http://www.aiim.org/pdfa/ns/id/ part"`
		Conformance string  `xml:"http://www.aiim.org/pdfa/ns/id/ conformance"`
	} `xml:"RDF>Description"`
}

// xmpList is an rdf:Alt or rdf:Seq's items.
type xmpList struct {
	Alt []string `xml:"Alt>li"`
	Seq []string `xml:"Seq>li"`
}

func readXMP(t *testing.T, d *qpdfDoc) xmpPacket {
	t.Helper()
	ref, ok := d.catalog()["/Metadata"]
	if !ok {
		t.Fatal("the catalog has no /Metadata")
	}
	md := d.dict(ref)
	if md["/Type"] != "/Metadata" || md["/Subtype"] != "/XML" {
		t.Errorf("metadata stream dictionary = %v", md)
	}
	data := d.data(ref)
	if !bytes.HasPrefix(data, []byte("<?xpacket begin=")) || !bytes.HasSuffix(data, []byte(`<?xpacket end="w"?>`)) {
		t.Errorf("metadata is not an XMP packet: %.60q…", data)
	}
	var x xmpPacket
	if err := xml.Unmarshal(data, &x); err != nil {
		t.Fatalf("XMP does not parse: %v", err)
	}
	if len(x.Descriptions) != 1 {
		t.Fatalf("XMP has %d rdf:Description, want 1", len(x.Descriptions))
	}
	return x
}

// TestMetadataMatchesInfo reads the document information with pdfinfo and
// the XMP metadata with qpdf: they say the same (title, issuing organ,
// document number, producer, dates), and the XMP identifies PDF/A-2b.
func TestMetadataMatchesInfo(t *testing.T) {
	b := renderSample(t)
	info := pdftest.Info(t, b)
	doc := sample(t)
	want := map[string]string{
		"Title":    doc.Title,
		"Author":   doc.Signature,
		"Subject":  doc.DocNumber,
		"Producer": pdf.Producer,
		"Creator":  "bulletin",
	}
	for k, v := range want {
		if info[k] != v {
			t.Errorf("pdfinfo %s = %q, want %q", k, info[k], v)
		}
	}
	x := readXMP(t, readQPDF(t, b)).Descriptions[0]
	one := func(what string, got []string, want string) {
		if len(got) != 1 || got[0] != want {
			t.Errorf("XMP %s = %q, want [%q] (Info's)", what, got, want)
		}
	}
	one("dc:title", x.Title.Alt, info["Title"])
	one("dc:creator", x.Creator.Seq, info["Author"])
	one("dc:description", x.Description.Alt, info["Subject"])
	for _, c := range []struct{ what, got, want string }{
		{"pdf:Producer", x.Producer, info["Producer"]},
		{"xmp:CreatorTool", x.CreatorTool, info["Creator"]},
		{"xmp:CreateDate", x.CreateDate, info["CreationDate"]},
		{"xmp:ModifyDate", x.ModifyDate, info["ModDate"]},
		{"pdfaid:part", x.Part, "2"},
		{"pdfaid:conformance", x.Conformance, "B"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
}

// TestDatesInTheIssuanceZone: a date with a zone (as the pipeline passes
// the 成文日期 in the report's zone) is written with its offset, the same
// in Info and XMP.
func TestDatesInTheIssuanceZone(t *testing.T) {
	r := testRenderer(t)
	laid, err := gongwen.Lay(sample(t), gongwen.Measure(r.faces))
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2022, 11, 4, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	b, err := pdf.Render(laid, r.faces, day)
	if err != nil {
		t.Fatal(err)
	}
	info := pdftest.Info(t, b)
	x := readXMP(t, readQPDF(t, b)).Descriptions[0]
	if info["CreationDate"] != "2022-11-04T00:00:00+08" || x.CreateDate != "2022-11-04T00:00:00+08:00" {
		t.Errorf("dates: Info %q, XMP %q; want 2022-11-04 00:00 +08:00 in both", info["CreationDate"], x.CreateDate)
	}
}

// TestLangAndID: the catalog says the language is zh-CN; the trailer has a
// file identifier that identical inputs reproduce and a different notice
// does not.
func TestLangAndID(t *testing.T) {
	b := renderSample(t)
	d := readQPDF(t, b)
	if lang := text(d.catalog()["/Lang"]); lang != "zh-CN" {
		t.Errorf("/Lang = %q, want zh-CN", lang)
	}
	id, _ := d.trailer()["/ID"].([]any)
	if len(id) != 2 || id[0] != id[1] || len(id[0].(string)) != len("b:")+32 {
		t.Fatalf("trailer /ID = %v, want two equal 16-byte strings", id)
	}
	other := sample(t)
	other.DocNumber = "衡县优化办〔2022〕13号"
	b2, err := testRenderer(t).Render(other, created)
	if err != nil {
		t.Fatal(err)
	}
	id2, _ := readQPDF(t, b2).trailer()["/ID"].([]any)
	if len(id2) != 2 || id2[0] == id[0] {
		t.Errorf("another notice has the /ID %v, want one of its own (not %v)", id2, id[0])
	}
}

// TestOutline: the bookmarks are 正文 and each 附件, each opening the page
// the layout started it on (the sample forwards the city's notice: its
// table is one level down), and the viewer opens with them shown.
func TestOutline(t *testing.T) {
	r := testRenderer(t)
	laid, err := gongwen.Lay(sample(t), gongwen.Measure(r.faces))
	if err != nil {
		t.Fatal(err)
	}
	if len(laid.Meta.Attachments) == 0 {
		t.Fatal("the sample has no attachments")
	}
	d := readQPDF(t, renderSample(t))
	if mode := d.catalog()["/PageMode"]; mode != "/UseOutlines" {
		t.Errorf("/PageMode = %v, want /UseOutlines", mode)
	}
	got := readOutline(t, d)
	want := wantOutline(laid.Meta.Attachments)
	if len(got) != len(want) {
		t.Fatalf("outline = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("bookmark %d = %v, want %v", i+1, got[i], want[i])
		}
	}
	// Each attachment's page starts with its label (附件 / 附件2…) or,
	// for a nested one, shows its title.
	text := pdftest.Words(t, renderSample(t))
	for _, a := range laid.Meta.Attachments {
		found := false
		for _, w := range text[a.Page].Words {
			if len(a.Title) > 0 && bytes.Contains([]byte(a.Title), []byte(w.Text)) && len(w.Text) >= 6 {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("page %d, where %s starts, does not show its title %q", a.Page+1, a.Label, a.Title)
		}
	}
}

// TestOutlineNested: a forwarding notice's outline has the forwarded
// notice's own attachments under it, each with its own label (附件, not
// 附件的附件), opening its first page; every entry with children counts
// them (shown open), and the root counts them all.
func TestOutlineNested(t *testing.T) {
	laid := pdftest.Lay(t, pdftest.ForwardingNotice(t))
	d := readQPDF(t, pdftest.ForwardingPDF(t))
	got := readOutline(t, d)
	want := wantOutline(laid.Meta.Attachments)
	nested := 0
	for _, a := range laid.Meta.Attachments {
		nested += a.Depth
	}
	if nested == 0 {
		t.Fatalf("the forwarding notice has no nested attachment: %+v", laid.Meta.Attachments)
	}
	if len(got) != len(want) {
		t.Fatalf("outline = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("bookmark %d = %v, want %v", i+1, got[i], want[i])
		}
		if strings.Contains(got[i].title, "的附件") {
			t.Errorf("bookmark %d = %q: a nested entry repeats its parent's label", i+1, got[i].title)
		}
	}
	if got[2].level != 1 || !strings.HasPrefix(got[2].title, "附件　") {
		t.Errorf("the table of the forwarded notice = %v, want 附件　… one level down", got[2])
	}
	root := d.dict(d.catalog()["/Outlines"])
	if n, _ := root["/Count"].(float64); int(n) != len(got) {
		t.Errorf("outline root /Count = %v, want %d", root["/Count"], len(got))
	}
	pdftest.Check(t, pdftest.ForwardingPDF(t))
}

// wantOutline is the outline for the attachments: 正文, then each
// attachment, one nested in a forwarded notice a level down under its own
// label (附件1 for 附件2的附件1).
func wantOutline(as []gongwen.AttachmentMeta) []outlineEntry {
	want := []outlineEntry{{"正文", 0, 0}}
	for _, a := range as {
		label := a.Label
		if a.Depth > 0 {
			label = a.Label[strings.LastIndex(a.Label, "的")+len("的"):]
		}
		want = append(want, outlineEntry{label + "　" + a.Title, a.Page, a.Depth})
	}
	return want
}

// outlineEntry is one bookmark read back: its title, the page index it
// opens, its depth.
type outlineEntry struct {
	title string
	page  int
	level int
}

// readOutline walks the outline depth first, checking each entry's
// /Parent and, for one with children, its /Count.
func readOutline(t *testing.T, d *qpdfDoc) []outlineEntry {
	t.Helper()
	pageOf := map[string]int{}
	for i, p := range d.pageRefs() {
		pageOf[p] = i
	}
	var out []outlineEntry
	var walk func(parent any, level int)
	walk = func(parent any, level int) {
		kids := 0
		for ref := d.dict(parent)["/First"]; ref != nil; {
			it := d.dict(ref)
			if it["/Parent"] != parent {
				t.Errorf("bookmark %q has /Parent %v, want %v", text(it["/Title"]), it["/Parent"], parent)
			}
			dest, _ := it["/Dest"].([]any)
			p := -1
			if len(dest) > 0 {
				if n, ok := pageOf[dest[0].(string)]; ok {
					p = n
				}
			}
			out = append(out, outlineEntry{text(it["/Title"]), p, level})
			if len(out) > 50 {
				t.Fatal("outline does not end")
			}
			kids++
			walk(ref, level+1)
			ref = it["/Next"]
		}
		if level > 0 && kids > 0 {
			if n, _ := d.dict(parent)["/Count"].(float64); int(n) != kids {
				t.Errorf("bookmark %q has /Count %v, want %d", text(d.dict(parent)["/Title"]), d.dict(parent)["/Count"], kids)
			}
		}
	}
	walk(d.catalog()["/Outlines"], 0)
	return out
}
