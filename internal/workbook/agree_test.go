package workbook_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/workbook"
	"github.com/bulletin-gov/bulletin/templates"
)

// The PDF's attachment tables and rankings.xlsx say the same for the same
// ranking: the same headers, and for every unit the same rank (并列1) and
// the same rank change (↑2, ↓1, 新增, —), with and without a previous
// period. The notice's Table is what the PDF prints, cell for cell.
func TestWorkbookAgreesWithPDFAttachment(t *testing.T) {
	def := sampleDef(t)
	for _, withPrev := range []bool{true, false} {
		res := sampleResult(t, def)
		res.HasPrev = withPrev
		doc, err := notice.Render(def, res, notice.Options{Templates: templates.FS, Date: time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC), Seq: 12})
		if err != nil {
			t.Fatal(err)
		}
		b, err := workbook.Bytes(def, res)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(doc.Attachments) != len(sheets) {
			t.Fatalf("%d attachments in the PDF, %d sheets", len(doc.Attachments), len(sheets))
		}
		compared := 0
		for i, a := range doc.Attachments {
			if a.Table == nil {
				continue
			}
			rows, err := f.GetRows(sheets[i])
			if err != nil {
				t.Fatal(err)
			}
			head, data := headerRow(t, rows, a.Table)
			if len(head) < 2 || head[0] != a.Table.Columns[0].Header || head[1] != a.Table.Columns[1].Header {
				t.Errorf("%s: header %q, PDF %q %q", sheets[i], head, a.Table.Columns[0].Header, a.Table.Columns[1].Header)
			}
			last := len(a.Table.Columns) - 1
			if len(head) != len(a.Table.Columns) || head[len(head)-1] != a.Table.Columns[last].Header {
				t.Errorf("%s (previous period %v): workbook columns %q, PDF ends with %q", sheets[i], withPrev, head, a.Table.Columns[last].Header)
				continue
			}
			for r, pdfRow := range a.Table.Rows {
				xl := data[r]
				if xl[0] != pdfRow[0] || xl[1] != pdfRow[1] {
					t.Errorf("%s row %d: workbook %q %q, PDF %q %q", sheets[i], r+1, xl[0], xl[1], pdfRow[0], pdfRow[1])
				}
				if a.Table.Columns[last].Header == "排名变化" && xl[last] != pdfRow[last] {
					t.Errorf("%s %s: workbook 排名变化 %q, PDF %q", sheets[i], pdfRow[1], xl[last], pdfRow[last])
				}
				compared++
			}
		}
		if compared < 40 {
			t.Errorf("compared %d rows, want both rankings' 23", compared)
		}
	}
}

// headerRow finds the sheet's last header row (the one naming 单位) and
// returns it with the data rows below it.
func headerRow(t *testing.T, rows [][]string, tab *notice.Table) ([]string, [][]string) {
	t.Helper()
	for i, r := range rows {
		if len(r) > 1 && r[1] == "单位" {
			j := i
			if i+1 < len(rows) && len(rows[i+1]) > 1 && rows[i+1][1] == "" {
				j = i + 1 // two header rows: the unit is merged down
			}
			head := append([]string(nil), r...)
			for k, h := range rows[j] {
				if h != "" && k < len(head) {
					head[k] = h
				}
			}
			if len(rows)-j-1 < len(tab.Rows) {
				t.Fatalf("%d data rows, PDF has %d", len(rows)-j-1, len(tab.Rows))
			}
			return head, rows[j+1:]
		}
	}
	t.Fatal("no header row naming 单位")
	return nil, nil
}
