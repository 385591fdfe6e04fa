package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// Print setup. paperA4 is the paperSize code of A4 (210 × 297 mm) in the
// pageSetup element of ECMA-376 Part 1 (SpreadsheetML).
const (
	paperA4        = 9
	pageFooter     = "&C第 &P 页，共 &N 页"
	dataRowHeightP = 2.0 // extra points above and below wrapped unit names
)

// rows holds the row numbers (1-based) of a sheet's parts.
type rows struct {
	title, subtitle         int // subtitle 0 when absent
	headerTop, headerBottom int
	firstData, lastData     int
	total                   int // the totals row, 0 when absent
}

func (t *table) rows() rows {
	r := rows{title: 1, headerTop: 2}
	if t.subtitle != "" {
		r.subtitle = 2
		r.headerTop = 3
	}
	r.headerBottom = r.headerTop
	if t.grouped {
		r.headerBottom++
	}
	r.firstData = r.headerBottom + 1
	r.lastData = r.headerBottom + len(t.ranking.Rows)
	if t.ranking.Total != nil {
		r.total = r.lastData + 1
	}
	return r
}

// writeSheet writes t to the (empty) sheet name of f.
func writeSheet(f *excelize.File, name string, t *table, st *styles) error {
	// Fit-to-page lives in sheetPr, which the stream writer emits when it
	// is created: set it first.
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	rs := t.rows()
	// A filter over the last header row and the data lets staff sort by
	// any column from its drop-down; without it Excel refuses to sort a
	// region that includes the merged title and header cells. excelize's
	// AutoFilter also resets sheetPr (dropping fit-to-page), which is
	// harmless only because the stream writer has already written it.
	filter := cell(1, rs.headerBottom) + ":" + cell(len(t.cols), max(rs.lastData, rs.firstData))
	if err := f.AutoFilter(name, filter, nil); err != nil {
		return err
	}
	widths := t.colWidths()
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	topLeft, _ := excelize.CoordinatesToCellName(t.valueCol+1, rs.firstData)
	if err := sw.SetPanes(&excelize.Panes{
		Freeze:      true,
		XSplit:      t.valueCol,
		YSplit:      rs.headerBottom,
		TopLeftCell: topLeft,
		ActivePane:  "bottomRight",
		Selection:   []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}},
	}); err != nil {
		return err
	}
	if err := t.writeTitle(sw, rs, st); err != nil {
		return err
	}
	if err := t.writeHeader(sw, rs, widths, st); err != nil {
		return err
	}
	if err := t.writeRows(sw, rs, widths, st); err != nil {
		return err
	}
	if err := setPrint(f, name, rs); err != nil {
		return err
	}
	return sw.Flush()
}

// colWidths fits each column to its content, then widens the columns under
// a group header until the group's text fits across them.
func (t *table) colWidths() []float64 {
	ws := make([]float64, len(t.cols))
	for i, c := range t.cols {
		limit := maxColWidth
		if c.kind == colUnit {
			limit = maxUnitWidth
		}
		ws[i] = colWidth(c.width, limit)
	}
	for _, g := range t.groups() {
		need := min(textWidth(t.cols[g[0]].group)+cellPadding, maxColWidth*float64(g[1]-g[0]))
		have := 0.0
		for i := g[0]; i < g[1]; i++ {
			have += ws[i]
		}
		if need > have {
			extra := (need - have) / float64(g[1]-g[0])
			for i := g[0]; i < g[1]; i++ {
				ws[i] += extra
			}
		}
	}
	return ws
}

// groups returns the runs [from, to) of neighbouring columns that share a
// group header.
func (t *table) groups() [][2]int {
	var gs [][2]int
	for i := 0; i < len(t.cols); {
		g := t.cols[i].group
		j := i + 1
		for g != "" && j < len(t.cols) && t.cols[j].group == g {
			j++
		}
		if g != "" {
			gs = append(gs, [2]int{i, j})
		}
		i = j
	}
	return gs
}

func (t *table) writeTitle(sw *excelize.StreamWriter, rs rows, st *styles) error {
	last := len(t.cols)
	if err := sw.SetRow(cell(1, rs.title), []any{excelize.Cell{StyleID: st.title, Value: t.title}},
		excelize.RowOpts{Height: titleHeightPt}); err != nil {
		return err
	}
	if err := sw.MergeCell(cell(1, rs.title), cell(last, rs.title)); err != nil {
		return err
	}
	if rs.subtitle == 0 {
		return nil
	}
	if err := sw.SetRow(cell(1, rs.subtitle), []any{excelize.Cell{StyleID: st.subtitle, Value: t.subtitle}}); err != nil {
		return err
	}
	return sw.MergeCell(cell(1, rs.subtitle), cell(last, rs.subtitle))
}

// writeHeader writes the header rows: group headers merged across their
// columns on the first row, sub-headers under them, and every other header
// merged down both rows. Each merged range is styled in full so its border
// is drawn.
func (t *table) writeHeader(sw *excelize.StreamWriter, rs rows, widths []float64, st *styles) error {
	top := make([]any, len(t.cols))
	bottom := make([]any, len(t.cols))
	topLines, bottomLines, spanLines := 1, 1, 1
	for i, c := range t.cols {
		top[i] = excelize.Cell{StyleID: st.header}
		bottom[i] = excelize.Cell{StyleID: st.header}
		n := lines(textWidth(c.header), widths[i])
		switch {
		case !t.grouped:
			top[i] = excelize.Cell{StyleID: st.header, Value: c.header}
			topLines = max(topLines, n)
		case c.group == "":
			top[i] = excelize.Cell{StyleID: st.header, Value: c.header}
			spanLines = max(spanLines, n)
		default:
			bottom[i] = excelize.Cell{StyleID: st.header, Value: c.header}
			bottomLines = max(bottomLines, n)
		}
	}
	var merges [][2]string
	for _, g := range t.groups() {
		top[g[0]] = excelize.Cell{StyleID: st.header, Value: t.cols[g[0]].group}
		w := 0.0
		for i := g[0]; i < g[1]; i++ {
			w += widths[i]
		}
		topLines = max(topLines, lines(textWidth(t.cols[g[0]].group), w))
		if g[1]-g[0] > 1 {
			merges = append(merges, [2]string{cell(g[0]+1, rs.headerTop), cell(g[1], rs.headerTop)})
		}
	}
	if t.grouped {
		for i, c := range t.cols {
			if c.group == "" {
				merges = append(merges, [2]string{cell(i+1, rs.headerTop), cell(i+1, rs.headerBottom)})
			}
		}
		bottomLines = max(bottomLines, spanLines-topLines)
	}
	if err := sw.SetRow(cell(1, rs.headerTop), top, excelize.RowOpts{Height: rowHeight(topLines)}); err != nil {
		return err
	}
	if t.grouped {
		if err := sw.SetRow(cell(1, rs.headerBottom), bottom, excelize.RowOpts{Height: rowHeight(bottomLines)}); err != nil {
			return err
		}
	}
	for _, m := range merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	return nil
}

// writeRows writes one row per unit listed, then the totals row if any.
func (t *table) writeRows(sw *excelize.StreamWriter, rs rows, widths []float64, st *styles) error {
	valueStyles := make([]int, len(t.cols))
	for i, c := range t.cols {
		if c.kind == colValue {
			id, err := st.value(numFmt(c.ind))
			if err != nil {
				return err
			}
			valueStyles[i] = id
		}
	}
	vals := make([]any, len(t.cols))
	for n, row := range t.ranking.Rows {
		r := rs.firstData + n
		rank := excelize.Cell{StyleID: st.rank, Value: n + 1}
		switch {
		case t.ranked && !row.Ranked():
			rank = excelize.Cell{StyleID: st.text, Value: wording.Unranked}
		case t.ranked:
			rank.Value = row.Rank
			if row.Tied {
				rank.StyleID = st.tied
			}
		}
		vals[0] = rank
		vals[t.unitCol] = excelize.Cell{StyleID: st.unit, Value: row.Unit}
		t.figures(vals, row.Cells, valueStyles)
		if t.change {
			vals[len(vals)-1] = excelize.Cell{StyleID: st.text, Value: wording.RankChange(row)}
		}
		var opts []excelize.RowOpts
		if l := lines(textWidth(row.Unit), widths[t.unitCol]); l > 1 {
			opts = append(opts, excelize.RowOpts{Height: rowHeight(l) + dataRowHeightP})
		}
		if err := sw.SetRow(cell(1, r), vals, opts...); err != nil {
			return fmt.Errorf("row %d (%s): %w", r, row.Unit, err)
		}
	}
	if tot := t.ranking.Total; tot != nil {
		// Below the filtered range, so that sorting leaves it last.
		vals[0] = excelize.Cell{StyleID: st.text, Value: ""}
		vals[t.unitCol] = excelize.Cell{StyleID: st.unit, Value: tot.Label}
		t.figures(vals, tot.Cells, valueStyles)
		if t.change {
			vals[len(vals)-1] = excelize.Cell{StyleID: st.text, Value: ""}
		}
		if err := sw.SetRow(cell(1, rs.total), vals); err != nil {
			return fmt.Errorf("row %d (%s): %w", rs.total, tot.Label, err)
		}
	}
	return nil
}

// figures puts a row's values into vals from the first value column: the
// number, with its column's format, or / where it does not apply.
func (t *table) figures(vals []any, cells []metrics.Value, valueStyles []int) {
	for j, v := range cells {
		c := excelize.Cell{StyleID: valueStyles[t.valueCol+j], Value: v.V}
		if v.NA {
			c.Value = wording.NotApplicable
		}
		vals[t.valueCol+j] = c
	}
}

// setPrint sets landscape A4, one page wide, the header rows repeated on
// every printed page, and a page-number footer.
func setPrint(f *excelize.File, name string, rs rows) error {
	size, orient, one, zero := paperA4, "landscape", 1, 0
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	centre := true
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Horizontally: &centre}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: pageFooter}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: printTitles(name, rs.headerTop, rs.headerBottom),
		Scope:    name,
	})
}

// printTitles is the reference of rows from..to of sheet, as the
// _xlnm.Print_Titles defined name wants it: 'name'!$3:$4.
func printTitles(sheet string, from, to int) string {
	return fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), from, to)
}

func rowHeight(lines int) float64 { return float64(lines) * lineHeightPt }

func cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
