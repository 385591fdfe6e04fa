package snapshot

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Excel writes a sheet's rows in order, and its cells in column order;
// other writers need not, and the file stays valid. excelize's row
// iterator reads in file order, which would drop or shift such rows, so
// every sheet is scanned first: rows and cells are located by their
// references, a reference used twice is an error naming it, and a sheet
// out of order is rewritten in order before it is read.

// rowSpan is one <row> of a sheet part: its bytes and its cells'.
type rowSpan struct {
	num        int
	start, end int64 // the element, from "<row" to after "</row>"
	open       int64 // end of the start tag
	hasRef     bool
	content    bool // a cell has a value, an inline string or a formula
	cells      []cellSpan
}

// rowBits records the row numbers seen in a sheet: a bit for each of
// Excel's 1,048,576 rows (128 KB), whatever the number of <row> elements.
type rowBits []uint64

func (b rowBits) test(n int) bool { return b[n>>6]&(1<<(n&63)) != 0 }
func (b rowBits) set(n int)       { b[n>>6] |= 1 << (n & 63) }

// Rows without content (WPS and Excel exports sometimes carry thousands
// of empty formatted rows below the table) do not count towards MaxRows
// and are not kept: when a sheet has more than MaxRows <row> elements in
// all, its part is rewritten without them before excelize reads it, so
// that what is read, and held, is the rows with content alone.

type cellSpan struct {
	col        int
	start, end int64
	hasRef     bool
}

// scanSheet checks the rows of the sheet part f. It returns the part
// rewritten in row and column order when it is not in order, else nil.
func scanSheet(file, sheet string, f *zip.File) ([]byte, error) {
	fail := func(cell, msg string) error {
		return report.Problems{{File: file, Sheet: sheet, Cell: cell, Msg: msg}}
	}
	r, err := f.Open()
	if err != nil {
		return nil, fail("", "无法读取工作表：文件可能已损坏")
	}
	defer r.Close()
	lim := &runLimit{r: r}
	dec := xml.NewDecoder(lim)
	var rows []rowSpan // the rows with content (and the row being read)
	seen := make(rowBits, excelize.TotalRows/64+1)
	all, lastNum := 0, 0 // <row> elements, and the last one's number
	var dataStart, dataEnd int64
	inData, ordered := false, true
	var cur *rowSpan
	depth := 0
	for {
		start := dec.InputOffset()
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil && lim.tripped {
			return nil, fail("", fmt.Sprintf("工作表中有超长的单元格内容（一段文字超过 %d KB，Excel 单元格最多 %d 个字符）：文件不像是正常导出的统计表", maxRun>>10, MaxCellLen))
		}
		if err != nil {
			return nil, fail("", "工作表无法读取：文件可能已损坏")
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case el.Name.Local == "sheetData":
				inData = true
			case inData && el.Name.Local == "row" && depth == 3:
				num, hasRef := 0, false
				if s := attr(el, "r"); s != "" {
					num, err = strconv.Atoi(s)
					if err != nil || num < 1 || num > excelize.TotalRows {
						return nil, fail("", fmt.Sprintf("工作表中有无效的行号 %q：文件可能已损坏", s))
					}
					hasRef = true
				} else {
					num = lastNum + 1
				}
				if num > excelize.TotalRows {
					return nil, fail("", fmt.Sprintf("工作表超过 %d 行：文件可能已损坏", excelize.TotalRows))
				}
				if seen.test(num) {
					return nil, fail(fmt.Sprintf("第 %d 行", num), fmt.Sprintf("第 %d 行在文件中出现了两次，无法确定读哪一行：请用 Excel/WPS 打开、另存后再导入", num))
				}
				if all > 0 && num < lastNum {
					ordered = false
				}
				seen.set(num)
				if all == 0 {
					dataStart = start
				}
				all, lastNum = all+1, num
				rows = append(rows, rowSpan{num: num, start: start, open: dec.InputOffset(), hasRef: hasRef})
				cur = &rows[len(rows)-1]
			case cur != nil && el.Name.Local == "c" && depth == 4:
				col, hasRef := 0, false
				if s := attr(el, "r"); s != "" {
					c, row, err := excelize.CellNameToCoordinates(s)
					if err != nil {
						return nil, fail(fmt.Sprintf("第 %d 行", cur.num), fmt.Sprintf("单元格引用 %q 无效：文件可能已损坏", s))
					}
					if row != cur.num {
						return nil, fail(s, fmt.Sprintf("单元格 %s 写在第 %d 行中，行号不一致：文件可能已损坏，请用 Excel/WPS 打开、另存后再导入", s, cur.num))
					}
					col, hasRef = c, true
				} else {
					col = 1
					if n := len(cur.cells); n > 0 {
						col = cur.cells[n-1].col + 1
					}
				}
				if n := len(cur.cells); n > 0 && col <= cur.cells[n-1].col {
					for _, c := range cur.cells {
						if c.col == col {
							ref := cellName(col-1, cur.num)
							return nil, fail(ref, fmt.Sprintf("单元格 %s 在文件中出现了两次，无法确定读哪一个：请用 Excel/WPS 打开、另存后再导入", ref))
						}
					}
					ordered = false
				}
				cur.cells = append(cur.cells, cellSpan{col: col, start: start, hasRef: hasRef})
			case cur != nil && depth == 5 && (el.Name.Local == "v" || el.Name.Local == "is" || el.Name.Local == "f"):
				cur.content = true
			}
		case xml.EndElement:
			depth--
			switch {
			case el.Name.Local == "sheetData":
				inData = false
			case cur != nil && el.Name.Local == "row" && depth == 2:
				cur.end = dec.InputOffset()
				dataEnd = max(dataEnd, cur.end)
				if !cur.content {
					rows = rows[:len(rows)-1]
				} else if len(rows) > MaxRows {
					return nil, fail("", fmt.Sprintf("工作表有内容的行超过 %d 行，不像是统计表导出文件：bulletin 每个工作表最多读 %d 行有内容的行（空行不计）", MaxRows, MaxRows))
				}
				cur = nil
			case cur != nil && el.Name.Local == "c" && depth == 3:
				if n := len(cur.cells); n > 0 {
					cur.cells[n-1].end = dec.InputOffset()
				}
			}
		}
	}
	if cur != nil {
		return nil, fail("", "工作表无法读取：文件可能已损坏")
	}
	if ordered && all <= MaxRows {
		return nil, nil
	}
	return reorder(f, rows, dataStart, dataEnd)
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// reorder writes the sheet part with its rows sorted by number and each
// row's cells by column, adding the references that were implied by
// position. Only rows are written: the rows without content, which lie
// between dataStart and dataEnd with the rest, are left out.
func reorder(f *zip.File, rows []rowSpan, dataStart, dataEnd int64) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	src, err := io.ReadAll(io.LimitReader(r, maxSheetPartSize+1))
	if err != nil {
		return nil, err
	}
	if dataEnd < dataStart || dataEnd > int64(len(src)) {
		return nil, fmt.Errorf("sheet rows at %d–%d of %d bytes", dataStart, dataEnd, len(src))
	}
	var b bytes.Buffer
	b.Grow(len(src))
	b.Write(src[:dataStart])
	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, func(a, b rowSpan) int { return a.num - b.num })
	for _, row := range sorted {
		if len(row.cells) == 0 || row.end <= row.open {
			writeRef(&b, src[row.start:row.end], strconv.Itoa(row.num), row.hasRef)
			continue
		}
		writeRef(&b, src[row.start:row.open], strconv.Itoa(row.num), row.hasRef)
		cells := slices.Clone(row.cells)
		lastEnd := row.open
		for _, c := range cells {
			lastEnd = max(lastEnd, c.end)
		}
		slices.SortStableFunc(cells, func(a, b cellSpan) int { return a.col - b.col })
		for _, c := range cells {
			writeRef(&b, src[c.start:c.end], cellName(c.col-1, row.num), c.hasRef)
		}
		b.Write(src[lastEnd:row.end]) // the row's end tag, as written (</row>, </x:row>)
	}
	b.Write(src[dataEnd:])
	return b.Bytes(), nil
}

// writeRef writes the element el, adding r="ref" after its name (<row,
// <c, <x:c) when it had no reference.
func writeRef(b *bytes.Buffer, el []byte, ref string, hasRef bool) {
	name := bytes.IndexAny(el, " \t\r\n/>")
	if hasRef || len(el) == 0 || el[0] != '<' || name < 0 {
		b.Write(el)
		return
	}
	b.Write(el[:name])
	b.WriteString(` r="` + ref + `"`)
	b.Write(el[name:])
}

// withPart returns the zip data with the part named name replaced.
func withPart(zr *zip.Reader, name string, content []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != name {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
