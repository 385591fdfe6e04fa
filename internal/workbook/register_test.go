package workbook_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/workbook"
)

func registerRows() []workbook.RegisterRow {
	at := time.Date(2022, 11, 4, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	return []workbook.RegisterRow{
		{Report: "hengyang-county", Period: "2022Q3", Version: 1, DocNumber: "衡县政务公开办〔2022〕1号",
			Issued: "2022-11-04", Title: "关于2022年第三季度“互联网+监管”工作情况的通报", Status: "已签发",
			File: "notice.pdf", Size: 123456, SHA256: strings.Repeat("ab", 32), Committed: at, Commit: "0123abcd"},
		{Report: "hengyang-county", Period: "2022Q3", Version: 2, Reason: "县公安局数据更正, \"更正\"",
			Status: "已签发 · 现行", File: "2022Q3.xlsx", Size: 7, SHA256: strings.Repeat("cd", 32),
			Committed: at.Add(time.Hour), Commit: "4567ef01"},
	}
}

// TestRegister opens the 归档目录.xlsx again: one sheet, the header, each
// file a row, the version and the size as numbers.
func TestRegister(t *testing.T) {
	rows := registerRows()
	b, err := workbook.Register(rows)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{workbook.RegisterSheet}) {
		t.Fatalf("sheets = %q", got)
	}
	got, err := f.GetRows(workbook.RegisterSheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{workbook.RegisterHeader,
		{"hengyang-county", "2022Q3", "1", "衡县政务公开办〔2022〕1号", "2022-11-04", "关于2022年第三季度“互联网+监管”工作情况的通报", "", "已签发",
			"notice.pdf", "123456", strings.Repeat("ab", 32), "2022-11-04T09:30:00+08:00", "0123abcd"},
		{"hengyang-county", "2022Q3", "2", "", "", "", "县公安局数据更正, \"更正\"", "已签发 · 现行",
			"2022Q3.xlsx", "7", strings.Repeat("cd", 32), "2022-11-04T10:30:00+08:00", "4567ef01"},
	}
	// GetRows drops trailing empty cells; compare what is there.
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i][:len(got[i])]) || slices.ContainsFunc(want[i][len(got[i]):], func(s string) bool { return s != "" }) {
			t.Errorf("row %d = %q, want %q", i+1, got[i], want[i])
		}
	}
	for _, cell := range []string{"C2", "J2", "C3", "J3"} {
		if typ, err := f.GetCellType(workbook.RegisterSheet, cell); err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is not a number (type %v, %v)", cell, typ, err)
		}
	}
	if w, _ := f.GetColWidth(workbook.RegisterSheet, "K"); w != 66 {
		t.Errorf("SHA-256 column width %v, want 66", w)
	}
}

// TestRegisterCSV reads the CSV back: the byte-order mark Excel needs, the
// same header and cells as the .xlsx, quoting where a cell needs it.
func TestRegisterCSV(t *testing.T) {
	b := workbook.RegisterCSV(registerRows())
	body, ok := bytes.CutPrefix(b, []byte("\ufeff"))
	if !ok {
		t.Fatal("no UTF-8 byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || !slices.Equal(recs[0], workbook.RegisterHeader) {
		t.Fatalf("records %q", recs)
	}
	if recs[2][6] != "县公安局数据更正, \"更正\"" || recs[2][2] != "2" || recs[1][9] != "123456" || recs[2][11] != "2022-11-04T10:30:00+08:00" {
		t.Errorf("row 3 = %q", recs[2])
	}
}
