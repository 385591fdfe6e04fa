package snapshot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Limits of the header search.
const (
	// maxHeaderScan is how many rows are searched for the header row.
	maxHeaderScan = 30
	// maxHeaderRows is how many rows a header may span (group rows
	// plus the row of column names).
	maxHeaderRows = 4
)

// table turns the rows of one sheet, fed in order, into a Snapshot. It is
// shared by the xlsx and CSV readers: they differ only in how they produce
// rows. Feeding stops early when no header is found in the first rows.
type table struct {
	def   *report.Definition
	file  string
	sheet string
	snap  *Snapshot
	probs report.Problems

	unitNames map[string]bool // normalized unit header and aliases
	state     int             // seeking, inHeader, inData, done
	pre       [][]cellIn      // rows above the header, for 统计截止时间
	headerRow int
	header    [][]string
	unitCol   int // column of the unit header, 0-based

	unit     binding
	binds    []binding
	headerOK bool // every report column found once
	// deferNumericRates is set by the xlsx reader, whose first pass
	// gives stored values only; pending collects the cells it defers.
	deferNumericRates bool
	pending           []pendingCell
	seen              map[string]int // unit name → sheet row
	// tol is the rounding tolerance of each stated rate, by cell.
	tol map[string]float64
	// empty lists empty data cells; the xlsx reader checks them for
	// formulas without a cached result.
	empty []string
}

const (
	seeking = iota
	inHeader
	inData
	done
)

func newTable(def *report.Definition, file, sheet string) *table {
	t := &table{
		def: def, file: file, sheet: sheet,
		unitNames: map[string]bool{},
		seen:      map[string]int{},
		tol:       map[string]float64{},
	}
	for _, c := range candidates(def.UnitColumn) {
		t.unitNames[leafOf(c)] = true
		t.unitNames[yearless(leafOf(c))] = true
	}
	cols := make([]string, len(def.Columns))
	for i, c := range def.Columns {
		cols[i] = c.ID
	}
	t.snap = &Snapshot{File: file, Sheet: sheet, Columns: cols}
	return t
}

// unitKey is the key under which a unit's name is stored in its values.
func unitKey(def *report.Definition) string {
	if def.UnitColumn.ID != "" {
		return def.UnitColumn.ID
	}
	return def.UnitColumn.Header
}

// problem returns a Problem located at cell of the table's sheet.
func (t *table) problem(cell string) report.Problem {
	return report.Problem{File: t.file, Sheet: t.sheet, Cell: cell}
}

func (t *table) errorf(cell, got, hint, format string, args ...any) {
	p := t.problem(cell)
	p.Got, p.Hint, p.Msg = clip(got), hint, fmt.Sprintf(format, args...)
	t.probs = append(t.probs, p)
}

func (t *table) warnf(cell, got, format string, args ...any) {
	p := t.problem(cell)
	p.Severity = report.Warning
	p.Got, p.Msg = clip(got), fmt.Sprintf(format, args...)
	t.probs = append(t.probs, p)
}

// found reports whether the header row was found.
func (t *table) found() bool { return t.state != seeking }

// feed takes the next sheet row (1-based number, cells from column A). It
// returns false when the rest of the sheet need not be read.
func (t *table) feed(row int, cells []cellIn) bool {
	for i := range cells {
		c := &cells[i]
		if len(c.Text) > MaxCellLen || len(c.Raw) > MaxCellLen {
			if n := max(utf8.RuneCountInString(c.Text), utf8.RuneCountInString(c.Raw)); n > MaxCellLen {
				t.errorf(cellName(i, row), c.Text, "请核对这个单元格", "单元格内容过长（%d 个字符，Excel 单元格最多 %d 个）", n, MaxCellLen)
				*c = cellIn{}
			}
		}
	}
	switch t.state {
	case seeking:
		if col := t.unitHeaderCol(cells); col >= 0 {
			t.state, t.headerRow, t.unitCol = inHeader, row, col
			if n := len(t.pre); n > 0 && isGroupRow(t.pre[n-1], cells, col) {
				// Single headers written on the lower row, under a
				// row of group headers: the header starts a row up.
				t.header = append(t.header, texts(t.pre[n-1]))
				t.headerRow--
				t.pre = t.pre[:n-1]
			}
			t.header = append(t.header, texts(cells))
			return true
		}
		t.pre = append(t.pre, slices.Clone(cells))
		return row < maxHeaderScan
	case inHeader:
		if len(t.header) < maxHeaderRows && t.isHeaderLike(cells) {
			t.header = append(t.header, texts(cells))
			return true
		}
		if !t.endHeader() {
			return false
		}
		t.state = inData
		fallthrough
	case inData:
		t.dataRow(row, cells)
		return true
	}
	return false
}

func texts(cells []cellIn) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
	}
	return out
}

// unitHeaderCol returns the column holding the unit column's header, or -1.
func (t *table) unitHeaderCol(cells []cellIn) int {
	for i, c := range cells {
		if n := normHeader(c.Text); n != "" && (t.unitNames[n] || t.unitNames[yearless(n)]) {
			return i
		}
	}
	return -1
}

// isGroupRow tells whether above, the row just above the header row
// found, holds group headers: nothing above the unit header, only text
// without a colon (a title or 统计截止时间：… row is not a group row), each
// over a header below it, and two or more of them, or one to the right of
// the unit column (a title starts at the left).
func isGroupRow(above, header []cellIn, unitCol int) bool {
	n, first := 0, -1
	for i, c := range above {
		s := strings.TrimSpace(fold(c.Text))
		if s == "" {
			continue
		}
		if i == unitCol || i >= len(header) || strings.TrimSpace(header[i].Text) == "" ||
			strings.ContainsAny(s, ":：") || asOfLabel.MatchString(s) || isNumberText(s) {
			return false
		}
		if first < 0 {
			first = i
		}
		n++
	}
	return n >= 2 || n == 1 && first > unitCol
}

func isNumberText(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSuffix(squeeze(s), "%"), 64)
	return err == nil
}

// isHeaderLike tells whether a row below the first header row continues
// the header: its unit cell is empty (merged down) or repeats the unit
// header, and it holds no figures.
func (t *table) isHeaderLike(cells []cellIn) bool {
	for i, c := range cells {
		s := squeeze(strings.TrimSpace(fold(c.Text)))
		if s == "" {
			continue
		}
		if t.unitNames[normHeader(s)] {
			continue
		}
		if isNumberText(s) || i == t.unitCol {
			return false // a figure, or a unit name under the unit header: data
		}
	}
	return true
}

// endHeader names the columns and binds the report's columns to them. It
// returns false when the unit column is missing (nothing can be read).
func (t *table) endHeader() bool {
	cols := buildColumns(t.header, t.headerRow)
	want := append([]report.Column{t.def.UnitColumn}, t.def.Columns...)
	keys := append([]string{unitKey(t.def)}, t.snap.Columns...)
	binds, ps := matchColumns(want, keys, cols, t.problem)
	t.probs = append(t.probs, ps...)
	t.headerOK = len(ps) == 0
	t.unit, t.binds = binds[0], binds[1:]
	t.snap.AsOf = findAsOf(t.pre)
	if !t.unit.Found || t.unit.Sheet.Index < 0 {
		t.state = done
		return false
	}
	return true
}

// finish completes the snapshot after the last row and runs the checks
// that need every row.
func (t *table) finish() {
	if t.state == inHeader {
		t.endHeader()
	}
	if t.state == seeking || t.state == done && !t.unit.Found {
		return
	}
	if len(t.snap.Units) == 0 {
		t.errorf("", "", "请确认导出的是含各单位数据的统计表", "表头（第 %d 行）下面没有任何单位的数据", t.headerRow)
		return
	}
	t.validate()
}
