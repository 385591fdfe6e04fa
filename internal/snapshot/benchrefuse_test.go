package snapshot_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// BenchmarkRefuse measures the refusal of hostile files (issue 13): each
// must be refused in well under a second with little memory, where the
// first version took minutes or gigabytes. Run with
//
//	go test ./internal/snapshot -run '^$' -bench Refuse -benchmem -benchtime 3x
func BenchmarkRefuse(b *testing.B) {
	def := loadDef(b)
	sheet, sst := fixturePart(b, sheetPart), fixturePart(b, "xl/sharedStrings.xml")
	for _, bc := range []struct {
		name, file string
		data       func() []byte
	}{
		{"one-line CSV of 60 MB", "2022Q3.csv", func() []byte {
			return []byte("单位," + strings.Repeat("x", 60<<20) + "\n")
		}},
		{"shared string of 400 MB", "2022Q3.xlsx", func() []byte {
			return streamedWorkbook(b, []byte(sheet), func(w func(string)) {
				w(strings.Replace(sst, "</sst>", "<si><t>", 1))
				chunk := strings.Repeat("县", 1<<20/3)
				for range 400 {
					w(chunk)
				}
				w("</t></si></sst>")
			})
		}},
		{"sheet of 200,000 rows", "2022Q3.xlsx", func() []byte {
			r6 := rowXML(b, sheet, 6)
			head, _, _ := strings.Cut(sheet, "</sheetData>")
			_, tail, _ := strings.Cut(sheet, "</sheetData>")
			var w bytes.Buffer
			zw := zip.NewWriter(&w)
			for name, part := range workbookParts {
				f, _ := zw.Create(name)
				f.Write([]byte(part))
			}
			f, _ := zw.Create("xl/sharedStrings.xml")
			f.Write([]byte(sst))
			f, _ = zw.Create("xl/worksheets/sheet1.xml")
			f.Write([]byte(head))
			for r := 29; r < 200000; r++ {
				row := strings.ReplaceAll(r6, `6"`, fmt.Sprintf(`%d"`, r))
				f.Write([]byte(row))
			}
			f.Write([]byte("</sheetData>" + tail))
			zw.Close()
			return w.Bytes()
		}},
	} {
		data := bc.data()
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			peak := watchHeap(b)
			b.ResetTimer()
			for b.Loop() {
				if _, err := snapshot.Read(bc.file, data, def); err == nil {
					b.Fatal("not refused")
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
		})
	}
}

// streamedWorkbook zips a workbook whose shared strings are written in
// pieces by sst, so that a part of hundreds of MB is never held.
func streamedWorkbook(b *testing.B, sheet []byte, sst func(w func(string))) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, part := range workbookParts {
		f, _ := zw.Create(name)
		f.Write([]byte(part))
	}
	f, _ := zw.Create("xl/worksheets/sheet1.xml")
	f.Write(sheet)
	f, _ = zw.Create("xl/sharedStrings.xml")
	sst(func(s string) { f.Write([]byte(s)) })
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
