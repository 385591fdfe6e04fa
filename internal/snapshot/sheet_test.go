package snapshot_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheetModel is the fixture's table taken apart, so that tests can put it
// back together in the shapes other exports have (columns reordered,
// headers reworded, rates as numbers, …) and check that the importer still
// reads the published figures.
type sheetModel struct {
	Title, AsOf string
	Blocks      []block
	Units       int      // number of data rows
	Note        string   // the 注： row, if any
	Total       []string // a 合计 row in column order, if set
}

// block is a group header with its sub-columns, or a single column (empty
// Group) whose header spans both header rows.
type block struct {
	Group string
	Cols  []column
}

type column struct {
	Header string
	Cells  []string // one per unit, as shown
}

// readModel takes the fixture's 统计表 apart: rows 1–2 title and as-of,
// rows 3–4 the header, data from row 5, a 注： row at the end.
func readModel(t testing.TB, path string) *sheetModel {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("统计表")
	if err != nil {
		t.Fatal(err)
	}
	m := &sheetModel{Title: rows[0][0], AsOf: rows[1][0]}
	var data [][]string
	for _, r := range rows[4:] {
		if len(r) > 0 && strings.HasPrefix(r[0], "注") {
			m.Note = r[0]
			continue
		}
		data = append(data, r)
	}
	m.Units = len(data)
	top, sub := rows[2], rows[3]
	for c := 0; c < len(top) || c < len(sub); c++ {
		g, h := get(top, c), get(sub, c)
		col := column{}
		for _, r := range data {
			col.Cells = append(col.Cells, get(r, c))
		}
		switch {
		case h == "": // single header merged over both rows
			col.Header = g
			m.Blocks = append(m.Blocks, block{Cols: []column{col}})
		case g != "": // first column of a group
			col.Header = h
			m.Blocks = append(m.Blocks, block{Group: g, Cols: []column{col}})
		default:
			col.Header = h
			last := &m.Blocks[len(m.Blocks)-1]
			last.Cols = append(last.Cols, col)
		}
	}
	return m
}

func get(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// width is the number of sheet columns.
func (m *sheetModel) width() int {
	n := 0
	for _, b := range m.Blocks {
		n += len(b.Cols)
	}
	return n
}

// col returns the column under header path "group/header" or "header".
func (m *sheetModel) col(path string) *column {
	g, h, ok := strings.Cut(path, "/")
	if !ok {
		g, h = "", path
	}
	for i := range m.Blocks {
		b := &m.Blocks[i]
		if b.Group != g {
			continue
		}
		for j := range b.Cols {
			if b.Cols[j].Header == h {
				return &b.Cols[j]
			}
		}
	}
	return nil
}

// writeOptions are the shapes writeModel can give the table.
type writeOptions struct {
	Sheet          string // default 统计表
	SheetFirst     string // add this sheet, with some text, before the table
	NumericPercent bool   // rates "99.81%" as 0.9981 with format 0.00%
	BlankEvery     int    // a blank row after every n units
	Unmerged       bool   // group headers repeated over their sub-columns, no merges
	SinglesBelow   bool   // single headers on the lower header row, unmerged
}

// writeModel builds an xlsx workbook from m and returns its bytes.
func writeModel(t testing.TB, m *sheetModel, o writeOptions) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := o.Sheet
	if sheet == "" {
		sheet = "统计表"
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	if o.SheetFirst != "" {
		must(f.SetSheetName("Sheet1", o.SheetFirst))
		must(f.SetCellValue(o.SheetFirst, "A1", "填报说明：本表由平台自动导出"))
		must(f.SetCellValue(o.SheetFirst, "B3", "单位"))
		_, err := f.NewSheet(sheet)
		must(err)
	} else {
		must(f.SetSheetName("Sheet1", sheet))
	}
	cell := func(c, r int) string {
		n, err := excelize.CoordinatesToCellName(c+1, r)
		must(err)
		return n
	}
	w := m.width()
	last := cell(w-1, 1)[:len(cell(w-1, 1))-1]
	must(f.SetCellValue(sheet, "A1", m.Title))
	must(f.MergeCell(sheet, "A1", last+"1"))
	must(f.SetCellValue(sheet, "A2", m.AsOf))
	must(f.MergeCell(sheet, "A2", last+"2"))
	pctFmt, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	must(err)
	pct0Fmt, err := f.NewStyle(&excelize.Style{NumFmt: 9}) // 0%
	must(err)
	c := 0
	for _, b := range m.Blocks {
		if b.Group == "" && o.SinglesBelow {
			must(f.SetCellValue(sheet, cell(c, 4), b.Cols[0].Header))
		} else if b.Group == "" {
			must(f.SetCellValue(sheet, cell(c, 3), b.Cols[0].Header))
			if !o.Unmerged {
				must(f.MergeCell(sheet, cell(c, 3), cell(c, 4)))
			}
		} else {
			for k := range b.Cols {
				if k == 0 || o.Unmerged {
					must(f.SetCellValue(sheet, cell(c+k, 3), b.Group))
				}
			}
			if !o.Unmerged && len(b.Cols) > 1 {
				must(f.MergeCell(sheet, cell(c, 3), cell(c+len(b.Cols)-1, 3)))
			}
		}
		for _, col := range b.Cols {
			if b.Group != "" {
				must(f.SetCellValue(sheet, cell(c, 4), col.Header))
			}
			r := 5
			for u, v := range col.Cells {
				if o.BlankEvery > 0 && u > 0 && u%o.BlankEvery == 0 {
					r++
				}
				setFigure(t, f, sheet, cell(c, r), v, o.NumericPercent, pctFmt, pct0Fmt)
				r++
			}
			c++
		}
	}
	r := 5 + m.Units
	if o.BlankEvery > 0 {
		r += (m.Units - 1) / o.BlankEvery
	}
	if m.Total != nil {
		for i, v := range m.Total {
			setFigure(t, f, sheet, cell(i, r), v, o.NumericPercent, pctFmt, pct0Fmt)
		}
		r++
	}
	if m.Note != "" {
		must(f.SetCellValue(sheet, cell(0, r), m.Note))
		must(f.MergeCell(sheet, cell(0, r), cell(w-1, r)))
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

// setFigure writes v as the platform does: whole numbers as numbers, the
// rest as text; with numeric set, "99.81%" as the number 0.9981 formatted
// as a percent.
func setFigure(t testing.TB, f *excelize.File, sheet, ref, v string, numeric bool, pctFmt, pct0Fmt int) {
	t.Helper()
	var err error
	if p, ok := strings.CutSuffix(v, "%"); ok && numeric {
		n, perr := strconv.ParseFloat(p+"e-2", 64)
		if perr != nil {
			t.Fatal(perr)
		}
		err = f.SetCellFloat(sheet, ref, n, -1, 64)
		style := pctFmt
		if !strings.Contains(p, ".") {
			style = pct0Fmt
		}
		if err == nil {
			err = f.SetCellStyle(sheet, ref, ref, style)
		}
	} else if n, perr := strconv.Atoi(v); perr == nil {
		err = f.SetCellInt(sheet, ref, int64(n))
	} else {
		err = f.SetCellStr(sheet, ref, v)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// totalRow builds a 合计 row: counts summed; rates that state a ratio
// computed from the summed parts; other rates "/".
func totalRow(m *sheetModel, label string, ratios map[string][2]string) []string {
	var out []string
	for _, b := range m.Blocks {
		for _, col := range b.Cols {
			path := col.Header
			if b.Group != "" {
				path = b.Group + "/" + col.Header
			}
			switch {
			case path == "单位":
				out = append(out, label)
			case path == "序号":
				out = append(out, "")
			case ratios[path] != [2]string{}:
				n, d := sum(m.col(ratios[path][0])), sum(m.col(ratios[path][1]))
				out = append(out, fmt.Sprintf("%.2f%%", n/d*100))
			default:
				if s, ok := sumOK(&col); ok {
					out = append(out, strconv.FormatFloat(s, 'f', -1, 64))
				} else {
					out = append(out, "/")
				}
			}
		}
	}
	return out
}

func sum(c *column) float64 { s, _ := sumOK(c); return s }

func sumOK(c *column) (float64, bool) {
	s := 0.0
	for _, v := range c.Cells {
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, false
		}
		s += float64(n)
	}
	return s, true
}
