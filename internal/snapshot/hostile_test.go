package snapshot_test

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/sample"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// sheetPart is the fixture's worksheet part.
const sheetPart = sample.SheetPart

// rawEdited returns the 2022Q3 fixture with its parts edited as text:
// edit gets each part's name and content and returns the new content.
func rawEdited(t testing.TB, edit func(name, content string) string) []byte {
	t.Helper()
	data, err := sample.EditParts(mustRead(t, fixture("2022Q3")), edit)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sheetEdited edits the worksheet part only.
func sheetEdited(t testing.TB, edit func(sheet string) string) []byte {
	return partEdited(t, mustRead(t, fixture("2022Q3")), sheetPart, edit)
}

// rowXML returns the <row r="n"> element of a worksheet part.
func rowXML(t testing.TB, sheet string, n int) string {
	t.Helper()
	m := regexp.MustCompile(fmt.Sprintf(`<row r="%d"[ >].*?</row>`, n)).FindString(sheet)
	if m == "" {
		t.Fatalf("no row %d", n)
	}
	return m
}

// TestRowsOutOfOrder: rows and cells written out of order, as writers
// other than Excel may, are read by their references; a reference used
// twice, or a cell filed under the wrong row, is an error naming it.
func TestRowsOutOfOrder(t *testing.T) {
	def := loadDef(t)
	for _, tt := range []struct {
		name string
		edit func(t *testing.T, s string) string
	}{
		{"rows 6 and 7 swapped", func(t *testing.T, s string) string {
			r6, r7 := rowXML(t, s, 6), rowXML(t, s, 7)
			return strings.Replace(s, r6+r7, r7+r6, 1)
		}},
		{"every row reversed", func(t *testing.T, s string) string {
			var rows []string
			for n := 1; n <= 28; n++ {
				rows = append(rows, rowXML(t, s, n))
			}
			all := strings.Join(rows, "")
			slices.Reverse(rows)
			return strings.Replace(s, all, strings.Join(rows, ""), 1)
		}},
		{"cells of row 8 reversed", func(t *testing.T, s string) string {
			r8 := rowXML(t, s, 8)
			cells := regexp.MustCompile(`<c .*?</c>`).FindAllString(r8, -1)
			slices.Reverse(cells)
			return strings.Replace(s, r8, `<row r="8">`+strings.Join(cells, "")+`</row>`, 1)
		}},
		{"prefixed elements, rows swapped and without references", func(t *testing.T, s string) string {
			r6, r7 := rowXML(t, s, 6), rowXML(t, s, 7)
			s = strings.Replace(s, r6+r7, r7+r6, 1)
			s = strings.Replace(s, "<worksheet ", `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `, 1)
			s = strings.Replace(s, "</worksheet>", "</x:worksheet>", 1)
			for _, el := range []string{"sheetData", "row", "c", "v"} {
				s = strings.ReplaceAll(s, "<"+el+">", "<x:"+el+">")
				s = strings.ReplaceAll(s, "<"+el+" ", "<x:"+el+" ")
				s = strings.ReplaceAll(s, "</"+el+">", "</x:"+el+">")
			}
			return regexp.MustCompile(`<x:c r="[A-Z]+1[0-9]"`).ReplaceAllString(s, "<x:c")
		}},
		{"row 9 without a reference after row 8", func(t *testing.T, s string) string {
			r9 := rowXML(t, s, 9)
			return strings.Replace(s, r9, strings.Replace(r9, `<row r="9"`, `<row`, 1), 1)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := sheetEdited(t, func(s string) string { return tt.edit(t, s) })
			snap, err := snapshot.Read("2022Q3.xlsx", data, def)
			if err != nil {
				t.Fatal(err)
			}
			assertPublished(t, def, snap)
		})
	}
	for _, tt := range []struct {
		name string
		edit func(t *testing.T, s string) string
		cell string
		has  string
	}{
		{"row 6 twice", func(t *testing.T, s string) string {
			r6, r7 := rowXML(t, s, 6), rowXML(t, s, 7)
			return strings.Replace(s, r7, r7+r6, 1)
		}, "第 6 行", "第 6 行在文件中出现了两次"},
		{"row 7 repeated as row 6", func(t *testing.T, s string) string {
			r7 := rowXML(t, s, 7)
			dup := strings.ReplaceAll(strings.Replace(r7, `r="7"`, `r="6"`, 1), `7"`, `6"`)
			return strings.Replace(s, r7, r7+dup, 1)
		}, "第 6 行", "出现了两次"},
		{"cell C8 twice", func(t *testing.T, s string) string {
			return strings.Replace(s, `<c r="C8">`, `<c r="C8"><v>1</v></c><c r="C8">`, 1)
		}, "C8", "单元格 C8 在文件中出现了两次"},
		{"cell D9 inside row 8", func(t *testing.T, s string) string {
			return strings.Replace(s, `<c r="D8">`, `<c r="D9"><v>1</v></c><c r="D8">`, 1)
		}, "D9", "写在第 8 行中"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := sheetEdited(t, func(s string) string { return tt.edit(t, s) })
			_, err := snapshot.Read("2022Q3.xlsx", data, def)
			var ps report.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %v, want report.Problems", err)
			}
			checkProblems(t, ps, []wantProblem{{tt.cell, []string{"2022Q3.xlsx", "统计表", tt.has}}})
		})
	}
}

// TestHugeSheets: a sheet of more rows than MaxRows, a cell of hundreds
// of thousands of characters and a shared-strings part of tens of MB are
// refused before they are read, each with a message saying what limit.
func TestHugeSheets(t *testing.T) {
	def := loadDef(t)
	for _, tt := range []struct {
		name string
		data func(t *testing.T) []byte
		has  []string
	}{
		{"too many rows", func(t *testing.T) []byte { return manyRows(t, snapshot.MaxRows+1) },
			[]string{"统计表", "超过 10000 行"}},
		{"one shared string of 300,000 characters", func(t *testing.T) []byte {
			return rawEdited(t, func(name, s string) string {
				if name == "xl/sharedStrings.xml" {
					return strings.Replace(s, "县教育局", strings.Repeat("县", 300000), 1)
				}
				return s
			})
		}, []string{"超长的单元格内容", "xl/sharedStrings.xml"}},
		{"an inline string of 300,000 characters", func(t *testing.T) []byte {
			return sheetEdited(t, func(s string) string {
				return strings.Replace(s, `<c r="B6" t="s"><v>31</v></c>`, `<c r="B6" t="inlineStr"><is><t>`+strings.Repeat("县", 300000)+`</t></is></c>`, 1)
			})
		}, []string{"2022Q3.xlsx 统计表: 工作表中有超长的单元格内容（一段文字超过 256 KB"}},
		{"shared strings of 33 MB", func(t *testing.T) []byte {
			return rawEdited(t, func(name, s string) string {
				if name == "xl/sharedStrings.xml" {
					return strings.Replace(s, "</sst>", strings.Repeat("<si><t>县教育局</t></si>", 34<<20/25)+"</sst>", 1)
				}
				return s
			})
		}, []string{"解压后过大", "xl/sharedStrings.xml 超过 32 MB"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := snapshot.Read("2022Q3.xlsx", tt.data(t), def)
			if err == nil {
				t.Fatal("no error")
			}
			for _, h := range tt.has {
				if !strings.Contains(err.Error(), h) {
					t.Errorf("error %q does not say %q", err, h)
				}
			}
		})
	}
	t.Run("MaxRows rows read", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short")
		}
		_, err := snapshot.Read("2022Q3.xlsx", manyRows(t, snapshot.MaxRows), def)
		if err != nil && strings.Contains(err.Error(), "行，不像是") {
			t.Fatal(err)
		}
	})
}

// manyRows is the fixture with copies of its row 6 appended up to n rows
// in all, each with its own unit name.
func manyRows(t testing.TB, n int) []byte {
	return rawEdited(t, func(name, s string) string {
		if name != sheetPart {
			return s
		}
		r6 := rowXML(t, s, 6)
		var b strings.Builder
		for r := 29; r <= n; r++ {
			row := regexp.MustCompile(`([A-Z])6"`).ReplaceAllString(r6, fmt.Sprintf(`${1}%d"`, r))
			row = strings.Replace(row, `<row r="6"`, fmt.Sprintf(`<row r="%d"`, r), 1)
			row = strings.Replace(row, fmt.Sprintf(`<c r="B%d" t="s"><v>31</v></c>`, r), fmt.Sprintf(`<c r="B%d" t="inlineStr"><is><t>单位%d</t></is></c>`, r, r), 1)
			b.WriteString(row)
		}
		return strings.Replace(s, "</sheetData>", b.String()+"</sheetData>", 1)
	})
}
