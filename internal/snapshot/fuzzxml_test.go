package snapshot_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// minimal parts of a one-sheet workbook, around the fuzzed worksheet and
// shared strings.
var workbookParts = map[string]string{
	"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
	"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="统计表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
}

// workbookOf zips a worksheet part and a shared-strings part into an xlsx.
func workbookOf(t testing.TB, sheet, sst []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, b []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		put(name, []byte(workbookParts[name]))
	}
	put("xl/worksheets/sheet1.xml", sheet)
	put("xl/sharedStrings.xml", sst)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fixturePart returns a part of the 2022Q3 fixture.
func fixturePart(t testing.TB, name string) string {
	data := mustRead(t, fixture("2022Q3"))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// FuzzSheetXML feeds the xlsx reader raw worksheet and shared-strings
// XML (rows and cells in any order, with or without references,
// repeated, self-closing, inline strings): whatever the XML, Read
// returns a snapshot or report.Problems, never a recovered panic, and a
// unit read is named and holds its own row's cells.
func FuzzSheetXML(f *testing.F) {
	def := loadDef(f)
	sheet, sst := fixturePart(f, sheetPart), fixturePart(f, "xl/sharedStrings.xml")
	r6, r7 := rowXML(f, sheet, 6), rowXML(f, sheet, 7)
	seeds := []string{
		sheet,
		strings.Replace(sheet, r6+r7, r7+r6, 1),         // rows out of order
		strings.Replace(sheet, r7, r7+r6, 1),            // a row twice
		strings.Replace(sheet, `<row r="9"`, `<row`, 1), // a row without its number
		strings.Replace(sheet, `<c r="C8">`, `<c>`, 1),  // a cell without its reference
		strings.Replace(sheet, `<c r="C8">`, `<c r="D8"><v>1</v></c><c r="C8">`, 1), // cells out of order
		strings.Replace(sheet, r6, `<row r="6"/>`, 1),                               // a self-closing row
		strings.Replace(sheet, `<c r="B6" t="s"><v>31</v></c>`, `<c r="B6" t="inlineStr"><is><t>县教育局</t></is></c>`, 1),
		`<worksheet><sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>单位</t></is></c></row><row r="1"><c r="A1" t="inlineStr"><is><t>县发改局</t></is></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1048577"/></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="A2"/></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="A1">`,
	}
	for _, s := range seeds {
		f.Add([]byte(s), []byte(sst))
	}
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		snap, err := snapshot.Read("2022Q3.xlsx", workbookOf(t, sheet, sst), def)
		if err != nil {
			var ps report.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %T %v: want report.Problems", err, err)
			}
			if strings.Contains(err.Error(), "文件已损坏，无法读取") {
				t.Fatalf("a panic was recovered: %v", err)
			}
			return
		}
		rows := map[int]bool{}
		for _, u := range snap.Units {
			if u.Name == "" || rows[u.Row] {
				t.Fatalf("unit %q at row %d (seen: %v)", u.Name, u.Row, rows[u.Row])
			}
			rows[u.Row] = true
			for id, v := range u.Values {
				if v.Cell != "" && !strings.HasSuffix(v.Cell, strconv.Itoa(u.Row)) {
					t.Fatalf("unit %q of row %d: %s from %s", u.Name, u.Row, id, v.Cell)
				}
			}
		}
	})
}
