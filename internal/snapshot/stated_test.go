package snapshot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

func TestStatedDate(t *testing.T) {
	book := func(title string) []byte {
		f := excelize.NewFile()
		defer f.Close()
		f.SetCellValue("Sheet1", "A1", title)
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, tt := range []struct {
		title   string
		y, m, d int
	}{
		{"示例县问题整改情况（截至11月04日）", 0, 11, 4},
		{"整改情况（截至2021年11月4日）", 2021, 11, 4},
		{"统计截止时间：2021/11/4", 2021, 11, 4},
		{"截至 3 月 1 号", 0, 3, 1},
	} {
		y, m, d, err := snapshot.StatedDate("t.xlsx", book(tt.title), "", "A1")
		if err != nil || y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("%q: %d-%d-%d, %v", tt.title, y, m, d, err)
		}
	}
	_, _, _, err := snapshot.StatedDate("t.xlsx", book("整改情况"), "", "A1")
	if err == nil || !strings.Contains(err.Error(), "t.xlsx") || !strings.Contains(err.Error(), "A1") || !strings.Contains(err.Error(), "截至11月04日") {
		t.Errorf("no date: %v", err)
	}
	if _, _, _, err := snapshot.StatedDate("t.csv", []byte("a,b\n"), "", "A1"); err == nil || !strings.Contains(err.Error(), "xlsx") {
		t.Errorf("csv: %v", err)
	}
}
