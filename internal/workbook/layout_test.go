package workbook_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/workbook"
)

// TestLayoutWithoutExtras covers a result without an as-of date (no
// 统计截止时间 row), a ranking with no rows and a column without an
// indicator.
func TestLayoutWithoutExtras(t *testing.T) {
	def := sampleDef(t)
	res := sampleResult(t, def)
	res.AsOf = nil
	res.Rankings[1].Rows = nil
	progress := res.Rankings[0]
	progress.Columns[6].Indicator = nil // 执法人员数 as a plain snapshot number
	b, err := workbook.Bytes(def, res)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tests := []struct {
		name, sheet, cell, want string
	}{
		{"header right under the title", progressSheet, "A2", "序号"},
		{"group header on row 2", progressSheet, "C2", "目录清单梳理情况"},
		{"first unit on row 4", progressSheet, "B4", "县发改局"},
		{"plain number shown as is", progressSheet, "I4", "7"},
		{"empty ranking keeps its header", coverageSheet, "H2", "排名变化"},
		{"empty ranking has no rows", coverageSheet, "B3", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := value(t, f, tt.sheet, colNum(tt.cell), rowNum(tt.cell)); got != tt.want {
				t.Errorf("%s!%s = %q, want %q", tt.sheet, tt.cell, got, tt.want)
			}
		})
	}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == progressSheet && d.RefersTo != "'"+progressSheet+"'!$2:$3" {
			t.Errorf("print titles = %q, want rows 2 and 3", d.RefersTo)
		}
	}
}

// TestLongUnitNames checks that a unit name too long for the 单位 column
// wraps inside its cell in a taller row instead of widening the column.
func TestLongUnitNames(t *testing.T) {
	def := sampleDef(t)
	res := bigResult(t, def, 10) // the tenth unit has a long name
	b, err := workbook.Bytes(def, res)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, _ := f.GetColWidth(coverageSheet, "B")
	if w > 40 {
		t.Errorf("单位 column is %.1f wide, want at most 40", w)
	}
	long := res.Rankings[1].Rows[9].Unit
	if got := value(t, f, coverageSheet, 2, 13); got != long {
		t.Fatalf("B13 = %q, want %q", got, long)
	}
	short, _ := f.GetRowHeight(coverageSheet, 12)
	tall, _ := f.GetRowHeight(coverageSheet, 13)
	if lines := math.Ceil(width(long) / w); tall < lines*short {
		t.Errorf("row of %q (%.0f wide in a %.0f column) is %.1f pt tall, want room for %.0f lines of %.1f pt", long, width(long), w, tall, lines, short)
	}
	id, _ := f.GetCellStyle(coverageSheet, "B13")
	if st, _ := f.GetStyle(id); st.Alignment == nil || !st.Alignment.WrapText {
		t.Error("单位 cells do not wrap")
	}
}
