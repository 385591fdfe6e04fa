package pdf_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/pdfsign"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// What can be checked of PDF/A-2b without a validator (no veraPDF here):
// the file's structure (qpdf), fonts (pdffonts), the output intent, the
// XMP identification (TestMetadataMatchesInfo) and Ghostscript's PDF/A-2
// conversion of the file. These tests back no claim beyond what they check.

// TestPDFAStructure: a binary PDF 1.7 header, qpdf finds nothing wrong,
// no encryption, no transparency, no actions or scripts, every font
// embedded with a ToUnicode map and its CID font's glyph map.
func TestPDFAStructure(t *testing.T) {
	b := renderSample(t)
	if !bytes.HasPrefix(b, []byte("%PDF-1.7\n%")) || len(b) < 15 {
		t.Fatalf("header %q", b[:min(len(b), 15)])
	}
	for _, c := range b[10:14] {
		if c < 128 {
			t.Errorf("the header's comment %q is not four bytes above 127", b[10:14])
		}
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(path, b, 0o644)
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || bytes.Contains(bytes.ToLower(out), []byte("warning")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	d := readQPDF(t, b)
	if _, ok := d.trailer()["/Encrypt"]; ok {
		t.Error("the file is encrypted")
	}
	fonts := 0
	d.allObjects(func(ref string, o map[string]any) {
		for _, k := range []string{"/SMask", "/CA", "/ca", "/BM", "/Group", "/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles"} {
			if _, ok := o[k]; ok {
				t.Errorf("object %s has %s", ref, k)
			}
		}
		if o["/Type"] != "/Font" || o["/Subtype"] != "/Type0" {
			return
		}
		fonts++
		if o["/Encoding"] != "/Identity-H" {
			t.Errorf("font %s: /Encoding %v", ref, o["/Encoding"])
		}
		if _, ok := o["/ToUnicode"]; !ok {
			t.Errorf("font %s has no /ToUnicode", ref)
		}
		kids, _ := o["/DescendantFonts"].([]any)
		if len(kids) != 1 {
			t.Fatalf("font %s: /DescendantFonts %v", ref, kids)
		}
		cid := d.dict(kids[0])
		// gofpdf's CIDs are the characters' code points, mapped to the
		// glyphs by a stream.
		if m, _ := cid["/CIDToGIDMap"].(string); cid["/Subtype"] != "/CIDFontType2" || !strings.HasSuffix(m, " R") || len(d.data(m)) == 0 {
			t.Errorf("font %s: descendant %v", ref, cid)
		}
		desc := d.dict(cid["/FontDescriptor"])
		if _, ok := desc["/FontFile2"]; !ok {
			t.Errorf("font %s: no embedded program: %v", ref, desc)
		}
		if desc["/FontName"] != o["/BaseFont"] || cid["/BaseFont"] != o["/BaseFont"] {
			t.Errorf("font %s: names differ: %v, %v, %v", ref, o["/BaseFont"], cid["/BaseFont"], desc["/FontName"])
		}
	})
	if fonts != 4 {
		t.Errorf("%d fonts, want the four faces", fonts)
	}
}

// TestOutputIntent: the catalog's one output intent is PDF/A's, with an
// RGB ICC profile (for the DeviceRGB black and red), version 2, that
// says it is free to copy.
func TestOutputIntent(t *testing.T) {
	d := readQPDF(t, renderSample(t))
	ois, _ := d.catalog()["/OutputIntents"].([]any)
	if len(ois) != 1 {
		t.Fatalf("/OutputIntents = %v, want one", ois)
	}
	oi := d.dict(ois[0])
	if oi["/Type"] != "/OutputIntent" || oi["/S"] != "/GTS_PDFA1" || text(oi["/OutputConditionIdentifier"]) != "sRGB IEC61966-2.1" {
		t.Errorf("output intent %v", oi)
	}
	if n, _ := d.dict(oi["/DestOutputProfile"])["/N"].(float64); n != 3 {
		t.Errorf("profile /N = %v, want 3", n)
	}
	icc := d.data(oi["/DestOutputProfile"])
	if len(icc) < 132 {
		t.Fatalf("profile of %d bytes", len(icc))
	}
	be := binary.BigEndian
	if int(be.Uint32(icc)) != len(icc) || string(icc[36:40]) != "acsp" || icc[8] != 2 ||
		string(icc[12:16]) != "mntr" || string(icc[16:20]) != "RGB " || string(icc[20:24]) != "XYZ " {
		t.Errorf("profile header: size %d of %d, %q %q %q %q, version %d",
			be.Uint32(icc), len(icc), icc[36:40], icc[12:16], icc[16:20], icc[20:24], icc[8])
	}
	tags := map[string][]byte{}
	for i := 0; i < int(be.Uint32(icc[128:])); i++ {
		e := icc[132+12*i:]
		off, n := be.Uint32(e[4:]), be.Uint32(e[8:])
		if int(off+n) > len(icc) {
			t.Fatalf("tag %q out of the profile", e[:4])
		}
		tags[string(e[:4])] = icc[off : off+n]
	}
	for _, tag := range []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"} {
		if tags[tag] == nil {
			t.Errorf("profile has no %s tag", tag)
		}
	}
	if !bytes.Contains(tags["cprt"], []byte("No copyright")) {
		t.Errorf("copyright tag %q", tags["cprt"])
	}
}

// ghostscriptPDFA converts a PDF to PDF/A-2 with Ghostscript and returns
// what it said.
func ghostscriptPDFA(t *testing.T, b []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("gs"); err != nil {
		t.Skip("Ghostscript not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	os.WriteFile(in, b, 0o644)
	out, err := exec.Command("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dPDFA=2", "-dPDFACompatibilityPolicy=1",
		"-sColorConversionStrategy=RGB", "-sDEVICE=pdfwrite", "-o", filepath.Join(dir, "out.pdf"), in).CombinedOutput()
	if err != nil {
		t.Fatalf("gs: %v\n%s", err, out)
	}
	var msgs []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			msgs = append(msgs, l)
		}
	}
	return msgs
}

// gsDocInfo is what Ghostscript 10.0 says of any document-information
// string outside ASCII when it writes PDF/A (it drops such strings from
// the Info dictionary it writes, whatever the file): a limit of its
// converter, not a fault of the file (TestGhostscriptPDFA shows it is
// the only thing it says).
const gsDocInfo = "Text string detected in DOCINFO cannot be represented in XMP for PDF/A1, discarding DOCINFO"

// TestGhostscriptPDFA converts the sample to PDF/A-2 with Ghostscript:
// it raises nothing about fonts, colours, transparency or structure.
// With the Chinese title, organ and document number it says only that it
// cannot carry them into its own XMP (gsDocInfo); a notice whose
// information is ASCII converts without a word.
func TestGhostscriptPDFA(t *testing.T) {
	for _, m := range ghostscriptPDFA(t, renderSample(t)) {
		if !strings.HasSuffix(m, gsDocInfo) {
			t.Errorf("Ghostscript: %s", m)
		}
	}
	doc := sample(t)
	doc.Title, doc.Signature, doc.IssuerMark, doc.DocNumber = "Notice", "Office", "Office", "No. 12"
	b, err := testRenderer(t).Render(doc, created)
	if err != nil {
		t.Fatal(err)
	}
	if info := pdftest.Info(t, b); info["Title"] != "Notice" || info["Author"] != "Office" {
		t.Fatalf("ASCII notice's info: %v", info)
	}
	for _, m := range ghostscriptPDFA(t, b) {
		t.Errorf("Ghostscript, ASCII information: %s", m)
	}
}

// TestSignatureFieldAppends: internal/pdfsign reads the file and appends
// its empty signature field (a printable widget with an appearance, as
// PDF/A wants) as an incremental update that qpdf finds sound, keeping
// the catalog's PDF/A entries; Ghostscript's conversion says no more of
// it than of the notice alone.
func TestSignatureFieldAppends(t *testing.T) {
	b := renderSample(t)
	signed, err := pdfsign.AddField(b, pdfsign.Field{Page: 9, Rect: pdfsign.Rect{LLX: 350, LLY: 200, URX: 470, URY: 320}})
	if err != nil {
		t.Fatalf("pdfsign.AddField: %v", err)
	}
	if !bytes.HasPrefix(signed, b) {
		t.Fatal("the field was not appended as an incremental update")
	}
	path := filepath.Join(t.TempDir(), "field.pdf")
	os.WriteFile(path, signed, 0o644)
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	d := readQPDF(t, signed)
	widgets := 0
	d.allObjects(func(ref string, o map[string]any) {
		if o["/Subtype"] != "/Widget" {
			return
		}
		widgets++
		if f, _ := o["/F"].(float64); int(f)&4 == 0 || int(f)&(1|2|32) != 0 {
			t.Errorf("widget %s: /F %v, want print and not hidden", ref, o["/F"])
		}
		if ap, _ := o["/AP"].(map[string]any); ap["/N"] == nil {
			t.Errorf("widget %s has no normal appearance", ref)
		}
	})
	if widgets != 1 {
		t.Errorf("%d widgets, want 1", widgets)
	}
	if d.trailer()["/ID"] == nil {
		t.Error("the update lost the /ID")
	}
	for _, m := range ghostscriptPDFA(t, signed) {
		if !strings.HasSuffix(m, gsDocInfo) {
			t.Errorf("Ghostscript, with the field: %s", m)
		}
	}
	// The catalog the update writes keeps what makes the file PDF/A.
	cat := d.catalog()
	for _, k := range []string{"/Metadata", "/OutputIntents", "/Lang", "/Outlines"} {
		if cat[k] == nil {
			t.Errorf("the updated catalog lost %s", k)
		}
	}
	if form, ok := cat["/AcroForm"]; !ok {
		t.Error("no /AcroForm")
	} else {
		f, _ := form.(map[string]any)
		if f == nil {
			f = d.dict(form)
		}
		if f["/NeedAppearances"] == true {
			t.Error("/NeedAppearances true (PDF/A forbids it)")
		}
	}
}

// TestDraftMarkOpaque: a 送审稿 carries the draft mark in red on every page
// (internal/pipeline adds it as a text item, as here); red text, rules and
// the mark are drawn opaque: no graphics state with alpha, soft mask or
// blend mode, no transparency group. (The mark is drawn as any red text
// is, and TestGhostscriptPDFA converts the sample's red text.)
func TestDraftMarkOpaque(t *testing.T) {
	r := testRenderer(t)
	laid, err := gongwen.Lay(sample(t), gongwen.Measure(r.faces))
	if err != nil {
		t.Fatal(err)
	}
	for i := range laid.Pages {
		laid.Pages[i].Items = append(laid.Pages[i].Items, gongwen.Text{
			X: 150, Y: 24, Face: gongwen.Hei, SizePt: 22, Color: gongwen.Red, S: "送审稿",
		})
	}
	b, err := pdf.Render(laid, r.faces, created)
	if err != nil {
		t.Fatal(err)
	}
	d := readQPDF(t, b)
	d.allObjects(func(ref string, o map[string]any) {
		for _, k := range []string{"/ExtGState", "/SMask", "/CA", "/ca", "/BM", "/Group"} {
			if _, ok := o[k]; ok {
				t.Errorf("object %s has %s", ref, k)
			}
		}
	})
	red := fmt.Sprintf("%.3f %.3f %.3f rg", float64(gongwen.Red.R)/255, float64(gongwen.Red.G)/255, float64(gongwen.Red.B)/255)
	for i, p := range d.pageRefs() {
		content := d.data(d.dict(p)["/Contents"])
		if !bytes.Contains(content, []byte(red)) {
			t.Errorf("page %d draws nothing in red", i+1)
		}
		if bytes.Contains(content, []byte(" gs\n")) {
			t.Errorf("page %d sets a graphics state (gs)", i+1)
		}
	}
	if words := pdftest.Words(t, b)[0].Words; !slices.ContainsFunc(words, func(w pdftest.Word) bool { return w.Text == "送审稿" }) {
		t.Error("the draft mark does not read back on page 1")
	}
}
