package pdfsign

import (
	"bytes"
	"fmt"
	"testing"
)

// minimalPDF writes a one-page PDF with the given catalog and page
// entries, its cross-reference table computed.
func minimalPDF(catalogExtra, pageExtra string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R " + catalogExtra + ">>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + pageExtra + ">>",
		"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /ID [<01><01>] >>\nstartxref\n%d\n%%%%EOF", len(objs)+1, x)
	return b.Bytes()
}

// TestAddFieldLayouts covers the ways a form and a page's annotations
// can already be written: none, inline, an object of their own.
func TestAddFieldLayouts(t *testing.T) {
	for label, pdf := range map[string][]byte{
		"nothing":         minimalPDF("", ""),
		"inline":          minimalPDF("/AcroForm << /Fields [] /DA (/Helv 0 Tf 0 g) >> ", "/Annots [4 0 R] "),
		"indirect annots": minimalPDF("", "/Annots 5 0 R "),
	} {
		if label == "indirect annots" {
			// Append object 5, the annotation array, as an update.
			d, err := readDocument(pdf)
			if err != nil {
				t.Fatal(err)
			}
			u := newUpdate(d)
			u.add(array{ref{4, 0}})
			pdf = u.bytes()
		}
		out, err := AddField(pdf, Field{Page: 1, Rect: Rect{100, 100, 200, 200}})
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		d, err := readDocument(out)
		if err != nil {
			t.Fatalf("%s: reading back: %v", label, err)
		}
		fields, err := d.fields()
		if err != nil || len(fields) != 1 || fields[0].name != DefaultFieldName || !fields[0].isSig || fields[0].signed {
			t.Errorf("%s: fields %+v, %v", label, fields, err)
		}
		_, page, _ := d.page(1)
		annots, _ := d.resolve(page.get("Annots"))
		if a, _ := annots.(array); len(a) != map[string]int{"nothing": 1, "inline": 2, "indirect annots": 2}[label] {
			t.Errorf("%s: page annotations %v", label, annots)
		}
		_, cat, _ := d.catalog()
		if v, _ := cat.get("Version").(name); v != "1.7" {
			t.Errorf("%s: catalog version %q", label, v)
		}
		if label == "inline" {
			form, _ := d.resolve(cat.get("AcroForm"))
			if f, _ := form.(*dict); f == nil || f.get("DA") == nil {
				t.Errorf("inline form lost its /DA: %v", form)
			}
		}
	}
}

// FuzzAddField feeds damaged PDFs to the reader and writer: they must
// answer with an error, never panic. The seed corpus runs in go test.
func FuzzAddField(f *testing.F) {
	f.Add(minimalPDF("", ""))
	f.Add(minimalPDF("/AcroForm << /Fields [6 0 R] >> ", "/Annots [4 0 R] "))
	f.Add([]byte("%PDF-1.3\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev 9 >>\nstartxref\n9\n%%EOF"))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<< /A [[[[(x\\)] >>\nstartxref\n9\n%%EOF"))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		out, err := AddField(pdf, Field{Page: 1, Rect: Rect{100, 100, 200, 200}})
		if err == nil {
			if _, err := readDocument(out); err != nil {
				t.Fatalf("AddField wrote a PDF it cannot read back: %v", err)
			}
		}
	})
}
