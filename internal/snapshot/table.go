package snapshot

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

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
	p.Got, p.Hint, p.Msg = got, hint, fmt.Sprintf(format, args...)
	t.probs = append(t.probs, p)
}

func (t *table) warnf(cell, got, format string, args ...any) {
	p := t.problem(cell)
	p.Severity = report.Warning
	p.Got, p.Msg = got, fmt.Sprintf(format, args...)
	t.probs = append(t.probs, p)
}

// found reports whether the header row was found.
func (t *table) found() bool { return t.state != seeking }

// feed takes the next sheet row (1-based number, cells from column A). It
// returns false when the rest of the sheet need not be read.
func (t *table) feed(row int, cells []cellIn) bool {
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

// at returns the cell at 0-based column i, or an empty cell.
func at(cells []cellIn, i int) cellIn {
	if i >= 0 && i < len(cells) {
		return cells[i]
	}
	return cellIn{}
}

// totalName matches the label of a sheet's own total row.
var totalName = regexp.MustCompile(`^(全[县市区省]|本级)?(合计|总计|总合计)$`)

// notePrefix matches the first cell of a note row ("注：…").
var notePrefix = regexp.MustCompile(`^(注|备注|说明|填表说明|填报说明|数据来源)\d*[:：]`)

func (t *table) dataRow(row int, cells []cellIn) {
	first, filled := "", 0
	for _, c := range cells {
		if s := strings.TrimSpace(fold(c.Text)); s != "" || strings.TrimSpace(c.Raw) != "" {
			if filled == 0 {
				first = s
			}
			filled++
		}
	}
	if filled == 0 {
		return // blank row
	}
	if notePrefix.MatchString(strings.ReplaceAll(first, " ", "")) && filled <= 2 {
		return
	}
	unitCell := cellName(t.unit.Sheet.Index, row)
	name := normName(at(cells, t.unit.Sheet.Index).Text)
	isTotal := false
	for i := 0; i <= t.unit.Sheet.Index && i < len(cells); i++ {
		if totalName.MatchString(squeeze(strings.TrimSpace(fold(cells[i].Text)))) {
			isTotal = true
		}
	}
	u := Unit{Name: name, Row: row, Values: make(map[string]Value, len(t.binds)+1)}
	u.Values[t.unit.Key] = Value{Text: name, Cell: unitCell}
	var later []pendingCell
	for i, b := range t.binds {
		if !b.Found || b.Sheet.Index < 0 {
			u.Values[b.Key] = Value{NA: true}
			continue
		}
		c := at(cells, b.Sheet.Index)
		ref := cellName(b.Sheet.Index, row)
		if t.deferNumericRates && b.Col.Kind == report.Rate && c.Raw == "" && isPlainNumber(c.Text) {
			// A number in a rate column: whether it is 0.9981 shown
			// as 99.81% depends on its number format, which only the
			// second pass (values as shown) tells.
			later = append(later, pendingCell{bind: i, ref: ref, raw: c.Text, row: row, total: isTotal})
			u.Values[b.Key] = Value{Cell: ref}
			continue
		}
		u.Values[b.Key] = t.parseCell(b, c, ref, isTotal)
		if b.Col.Kind != report.Text && strings.TrimSpace(c.Text) == "" && strings.TrimSpace(c.Raw) == "" {
			t.empty = append(t.empty, ref)
		}
	}
	defer func() {
		if len(later) == 0 {
			return
		}
		switch {
		case isTotal && t.snap.Total != nil && t.snap.Total.Row == row:
			t.pending = append(t.pending, later...)
		case !isTotal && len(t.snap.Units) > 0 && t.snap.Units[len(t.snap.Units)-1].Row == row:
			for k := range later {
				later[k].unit = len(t.snap.Units) - 1
			}
			t.pending = append(t.pending, later...)
		}
	}()
	if isTotal {
		if t.snap.Total != nil {
			t.warnf(unitCell, name, "有不止一个合计行，只用第 %d 行核对", t.snap.Total.Row)
			return
		}
		u.Name = name
		t.snap.Total = &u
		return
	}
	if name == "" {
		t.errorf(unitCell, "", "请填写单位名称，或删除这一行", "单位名称为空，但这一行有数据")
		return
	}
	if prev, dup := t.seen[name]; dup {
		t.errorf(unitCell, name, "每个单位只应出现一次：请合并或删除重复的行", "单位「%s」重复（第 %d 行已有）", name, prev)
		return
	}
	t.seen[name] = row
	t.snap.Units = append(t.snap.Units, u)
}

// parseCell parses one data cell of column b, recording its problem, if
// any, at ref (a warning in the 合计 row, which no figure is taken from).
func (t *table) parseCell(b binding, c cellIn, ref string, isTotal bool) Value {
	v, msg := ParseValue(b.Col.Kind, c.Text, c.Raw, b.Sheet.PercentPoints)
	v.Cell = ref
	got := c.Text
	if got == "" {
		got = c.Raw
	}
	if msg != "" {
		if isTotal {
			t.warnf(ref, got, "合计行「%s」列：%s", b.Sheet.Path, msg)
		} else {
			t.errorf(ref, got, "", "「%s」列：%s", b.Sheet.Path, msg)
		}
	}
	if b.Col.Kind == report.Rate && !v.NA {
		t.tol[ref] = rateTolerance(c)
	}
	return v
}

// pendingCell is a number in a rate column waiting for its shown text.
type pendingCell struct {
	bind  int // index in table.binds
	unit  int // index in Snapshot.Units, unless total
	total bool
	row   int
	ref   string
	raw   string
}

// resolve parses the pending rate cells with their text as shown (shown
// maps cell name to text), before finish runs the checks.
func (t *table) resolve(shown map[string]string) {
	for _, p := range t.pending {
		b := t.binds[p.bind]
		u := t.snap.Total
		if !p.total {
			u = &t.snap.Units[p.unit]
		}
		text, ok := shown[p.ref]
		if !ok {
			text = p.raw
		}
		u.Values[b.Key] = t.parseCell(b, cellIn{Text: text, Raw: p.raw}, p.ref, p.total)
	}
	t.pending = nil
}

// isPlainNumber reports whether s is a stored number (not text like
// "99.81%"), other than zero, which reads the same in any format.
func isPlainNumber(s string) bool {
	if s == "" || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false // "99.81%", "/", text: no need to ask ParseFloat
	}
	n, err := strconv.ParseFloat(s, 64)
	return err == nil && n != 0
}

// rateTolerance is how far a stated rate may be from its numerator over its
// denominator by rounding alone: half a unit in the last place shown.
func rateTolerance(c cellIn) float64 {
	s := squeeze(strings.TrimSpace(fold(c.Text)))
	if p, ok := strings.CutSuffix(s, "%"); ok {
		return 0.5*math.Pow(10, -float64(decimals(p)+2)) + 1e-9
	}
	return 0.5*math.Pow(10, -float64(decimals(s))) + 1e-9
}

// normName trims a unit name and removes stray whitespace (full-width
// spaces, line breaks, doubled spaces). Spaces between Chinese characters
// are dropped; a run of spaces between Latin words becomes one.
func normName(s string) string {
	var b strings.Builder
	parts := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == 0x3000 || r == 0xA0 })
	for i, p := range parts {
		if i > 0 {
			prev, _ := lastRune(parts[i-1])
			next := []rune(p)[0]
			if prev < 0x2E80 && next < 0x2E80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

// cellName returns the A1 name of the cell at 0-based column c, 1-based
// row r.
func cellName(c, r int) string {
	col := ""
	for n := c + 1; n > 0; n = (n - 1) / 26 {
		col = string(rune('A'+(n-1)%26)) + col
	}
	return col + strconv.Itoa(r)
}
