package pdf_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// qpdfDoc is a PDF's objects as qpdf reads them (qpdf --json=2), with
// streams decoded.
type qpdfDoc struct {
	t       testing.TB
	objects map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
			Data string         `json:"data"`
		} `json:"stream"`
	}
}

func readQPDF(t testing.TB, pdf []byte) *qpdfDoc {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
		"--decode-level=generalized", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &j); err != nil || len(j.QPDF) < 2 {
		t.Fatalf("qpdf --json output: %v", err)
	}
	d := &qpdfDoc{t: t}
	if err := json.Unmarshal(j.QPDF[1], &d.objects); err != nil {
		t.Fatalf("qpdf --json objects: %v", err)
	}
	return d
}

// trailer is the trailer dictionary.
func (d *qpdfDoc) trailer() map[string]any { return d.dict("trailer") }

// dict returns the dictionary of an object ("1 0 R", "trailer") or of a
// stream.
func (d *qpdfDoc) dict(ref any) map[string]any {
	d.t.Helper()
	s, _ := ref.(string)
	key := "obj:" + s
	if s == "trailer" {
		key = s
	}
	o, ok := d.objects[key]
	if !ok {
		d.t.Fatalf("no object %v", ref)
	}
	if o.Stream != nil {
		return o.Stream.Dict
	}
	m, _ := o.Value.(map[string]any)
	if m == nil {
		d.t.Fatalf("object %v is not a dictionary: %v", ref, o.Value)
	}
	return m
}

// data returns a stream's decoded data.
func (d *qpdfDoc) data(ref any) []byte {
	d.t.Helper()
	s, _ := ref.(string)
	o, ok := d.objects["obj:"+s]
	if !ok || o.Stream == nil {
		d.t.Fatalf("object %v is not a stream", ref)
	}
	b, err := base64.StdEncoding.DecodeString(o.Stream.Data)
	if err != nil {
		d.t.Fatal(err)
	}
	return b
}

// catalog is the document catalog.
func (d *qpdfDoc) catalog() map[string]any { return d.dict(d.trailer()["/Root"]) }

// pageRefs lists the pages' object references in order.
func (d *qpdfDoc) pageRefs() []string {
	kids, _ := d.dict(d.catalog()["/Pages"])["/Kids"].([]any)
	var out []string
	for _, k := range kids {
		out = append(out, k.(string))
	}
	return out
}

// text decodes a qpdf JSON string ("u:…" Unicode, "b:…" bytes in hex).
func text(v any) string {
	s, _ := v.(string)
	if u, ok := strings.CutPrefix(s, "u:"); ok {
		return u
	}
	return s
}

// allObjects calls fn with every object's dictionary (streams' too).
func (d *qpdfDoc) allObjects(fn func(ref string, dict map[string]any)) {
	for k, o := range d.objects {
		ref, ok := strings.CutPrefix(k, "obj:")
		if !ok {
			continue
		}
		if o.Stream != nil {
			fn(ref, o.Stream.Dict)
		} else if m, ok := o.Value.(map[string]any); ok {
			fn(ref, m)
		}
	}
}

// TestLongDocumentCompressedByGofpdf: past pdf's page threshold gofpdf
// compresses the pages itself (keeping the peak memory of a huge table
// down) and finish passes them through: the file is as sound, every page
// is deflated, and it reads the same as the sample written the usual way.
func TestLongDocumentCompressedByGofpdf(t *testing.T) {
	usual := renderSample(t)
	defer pdf.SetFinishDeflatesUpTo(pdf.SetFinishDeflatesUpTo(0))
	b, err := testRenderer(t).Render(sample(t), created)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(path, b, 0o644)
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	// Both gofpdf and finish write a deflated page's content as
	// "<</Filter /FlateDecode /Length n>>".
	pages := len(readQPDF(t, b).pageRefs())
	for _, f := range [][]byte{b, usual} {
		if n := bytes.Count(f, []byte("obj\n<</Filter /FlateDecode /Length ")); n < pages {
			t.Errorf("%d deflated streams written so, want at least the %d pages", n, pages)
		}
	}
	got, want := pdftest.PageTexts(t, b, "-layout"), pdftest.PageTexts(t, usual, "-layout")
	if strings.Join(got, "\f") != strings.Join(want, "\f") {
		t.Error("the text differs from the sample written the usual way")
	}
}
