package docx_test

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

const twipMM = 25.4 / 1440

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

// TestDocumentXML reads document.xml, styles.xml, settings.xml and the
// footers back and checks what a 公文 template sets: the page, the 版心,
// the grid, the styles' faces and sizes, odd and even footers.
func TestDocumentXML(t *testing.T) {
	doc := sample(t)
	_, data := both(t, doc)
	ps := parts(t, data)
	body := parse(t, ps["word/document.xml"]).child("body")
	if body == nil {
		t.Fatal("document.xml has no w:body")
	}
	sects := body.all("sectPr")
	if len(sects) < 2 {
		t.Fatalf("%d sections; want the body's and a landscape one for the wide table", len(sects))
	}

	// A4 portrait, margins giving the 156 × 225 mm 版心 at 37 mm / 28 mm.
	first := sects[0]
	sz, mar := first.child("pgSz"), first.child("pgMar")
	w, h := atoi(t, sz.attr("w")), atoi(t, sz.attr("h"))
	if math.Abs(float64(w)*twipMM-210) > 0.1 || math.Abs(float64(h)*twipMM-297) > 0.1 {
		t.Errorf("page %d × %d twips; want A4 portrait", w, h)
	}
	top, left := float64(atoi(t, mar.attr("top")))*twipMM, float64(atoi(t, mar.attr("left")))*twipMM
	typeW := float64(w-atoi(t, mar.attr("left"))-atoi(t, mar.attr("right"))) * twipMM
	typeH := float64(h-atoi(t, mar.attr("top"))-atoi(t, mar.attr("bottom"))) * twipMM
	if math.Abs(top-37) > 0.1 || math.Abs(left-28) > 0.1 || math.Abs(typeW-156) > 0.1 || math.Abs(typeH-225) > 0.1 {
		t.Errorf("top %.2f left %.2f, 版心 %.2f × %.2f mm; want 37, 28, 156 × 225", top, left, typeW, typeH)
	}

	// The grid: 22 lines of 28 characters.
	grid := first.child("docGrid")
	if grid == nil || grid.attr("type") != "linesAndChars" {
		t.Fatalf("docGrid %+v; want type linesAndChars", grid)
	}
	pitch := atoi(t, grid.attr("linePitch"))
	if lines := int(typeH / (float64(pitch) * twipMM)); lines != 22 {
		t.Errorf("linePitch %d twips gives %d lines; want 22", pitch, lines)
	}
	charPt := 16 + float64(atoi(t, grid.attr("charSpace")))/4096
	if chars := int(typeW / 25.4 * 72 / charPt); chars != 28 {
		t.Errorf("charSpace %s gives %d characters a line; want 28", grid.attr("charSpace"), chars)
	}

	// A landscape section for the 21-column table, with the 版心 turned.
	land := 0
	for _, s := range sects {
		if s.child("pgSz").attr("orient") == "landscape" {
			land++
			if atoi(t, s.child("pgSz").attr("w")) != h {
				t.Errorf("landscape section %s × %s", s.child("pgSz").attr("w"), s.child("pgSz").attr("h"))
			}
		}
	}
	if land != 1 {
		t.Errorf("%d landscape sections; want 1", land)
	}

	// Odd and even footers with the page number “— N —”, odd right and
	// even left.
	settings := parse(t, ps["word/settings.xml"])
	if settings.child("evenAndOddHeaders") == nil {
		t.Error("settings.xml lacks evenAndOddHeaders")
	}
	if c := settings.child("characterSpacingControl"); c == nil || c.attr("val") != "compressPunctuation" {
		t.Error("settings.xml lacks 标点挤压 (characterSpacingControl compressPunctuation)")
	}
	rels := map[string]string{}
	for _, r := range parse(t, ps["word/_rels/document.xml.rels"]).all("Relationship") {
		rels[r.attr("Id")] = "word/" + r.attr("Target")
	}
	refs := map[string]string{}
	for _, r := range first.all("footerReference") {
		refs[r.attr("type")] = rels[r.attr("id")]
	}
	for typ, jc := range map[string]string{"default": "right", "even": "left"} {
		part := ps[refs[typ]]
		if part == nil {
			t.Errorf("no %s footer", typ)
			continue
		}
		ftr := parse(t, part)
		p := ftr.child("p")
		if got := p.path("pPr", "jc").attr("val"); got != jc {
			t.Errorf("%s footer aligned %q; want %q", typ, got, jc)
		}
		if f := ftr.all("fldSimple"); len(f) != 1 || strings.TrimSpace(f[0].attr("instr")) != "PAGE" {
			t.Errorf("%s footer has no PAGE field", typ)
		}
		if got := squash(p.text()); got != "—1—" {
			t.Errorf("%s footer reads %q; want — N —", typ, got)
		}
	}

	// The styles, named as offices name them, in the official faces
	// (w:eastAsia) and sizes: 二号 title, 三号 body, 四号 版记 and page numbers.
	type face struct {
		font string
		half int
	}
	got := map[string]face{}
	for _, s := range parse(t, ps["word/styles.xml"]).all("style") {
		f := s.path("rPr", "rFonts")
		sz := s.path("rPr", "sz")
		if f == nil || sz == nil {
			continue
		}
		got[s.child("name").attr("val")] = face{f.attr("eastAsia"), atoi(t, sz.attr("val"))}
	}
	for name, want := range map[string]face{
		"Normal": {"仿宋_GB2312", 32}, // shown as 正文 by Word and WPS
		"Title":  {"方正小标宋简体", 44},   // shown as 标题
		"一级标题":   {"黑体", 32},
		"二级标题":   {"楷体_GB2312", 32},
		"三级标题":   {"仿宋_GB2312", 32},
		"发文机关标志": {"方正小标宋简体", 84},
		"附件说明":   {"仿宋_GB2312", 32},
		"署名":     {"仿宋_GB2312", 32},
		"成文日期":   {"仿宋_GB2312", 32},
		"附件标题":   {"方正小标宋简体", 44},
		"版记":     {"仿宋_GB2312", 28},
		"页码":     {"宋体", 28},
	} {
		if got[name] != want {
			t.Errorf("style %s: %+v; want %+v", name, got[name], want)
		}
	}

	// The ranking table: both header rows repeated on every page, no row
	// split across pages, every row present.
	tbls := body.all("tbl")
	if len(tbls) != 2 {
		t.Fatalf("%d tables; want the ranking table and the 版记", len(tbls))
	}
	rows := tbls[0].all("tr")
	if n := len(tables(doc)[0].Rows) + 2; len(rows) != n {
		t.Errorf("ranking table has %d rows; want %d (2 header rows)", len(rows), n)
	}
	for i, r := range rows {
		if (r.path("trPr", "tblHeader") != nil) != (i < 2) {
			t.Errorf("row %d: tblHeader %v", i+1, r.path("trPr", "tblHeader") != nil)
		}
		if r.path("trPr", "cantSplit") == nil {
			t.Errorf("row %d may split across pages", i+1)
		}
	}

	// The text is notice.txt's.
	if got, want := pageNumber.ReplaceAllString(squash(body.text()), ""), expectedText(doc); got != want {
		t.Errorf("document text differs from notice.txt:\n got %s\nwant %s", got, want)
	}
}

// TestDeterministic: identical inputs, identical bytes.
func TestDeterministic(t *testing.T) {
	_, a := both(t, sample(t))
	_, b := both(t, sample(t))
	if !bytes.Equal(a, b) {
		t.Error("two .docx of the same notice differ")
	}
}
