package gongwen

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/notice"
)

// tableSizes are the type sizes tried for a table, largest first: 小4号,
// 5号, 小5号, 6号 [practice].
var tableSizes = []float64{TableSizePt, 10.5, 9, 7.5}

// frame is the rectangle a table is set in, in its own coordinates: u runs
// along the table's width, v down its length. A portrait frame is the
// 版心; a landscape one (§8) is the 版心 turned, header toward the left
// edge of the page.
type frame struct {
	w, h      float64
	landscape bool
}

// toPage maps frame coordinates to the page. Turned tables read from the
// bottom of the page upward, their header along the left edge: on odd pages
// that is the binding edge, on even pages the outer edge, as §8 asks.
func (f frame) toPage(u, v float64) (x, y float64) {
	if !f.landscape {
		return TypeLeftMM + u, TypeTopMM + v
	}
	return TypeLeftMM + v, TypeBottomMM - u
}

// cellText is one cell broken into lines.
type cellText struct {
	lines [][]unit
}

// tableLayout is a table measured for one frame and size.
type tableLayout struct {
	// fits: every column gets its widest word; comfortable: every cell
	// fits on one line.
	// names: name columns keep up to 8 characters on a line.
	fits, names, comfortable bool

	size    float64
	frame   frame
	widths  []float64
	head    []headCell
	headH   float64
	rows    []rowLayout
	cells   [][][]unit // measured cells, until breakCells
	heads   [][]unit   // measured headers, until breakCells
	lineH   float64
	padV    float64
	columns []notice.Column
	no      int // 1 + the table's index into Meta.Tables
}

type headCell struct {
	u, v, w, h float64
	text       cellText
	// Where the cell sits in the header grid, for Meta.Tables.
	row, col, colSpan, rowSpan int
	s                          string
}

type rowLayout struct {
	h     float64
	cells []cellText
}

// tablePages sets a table attachment on new pages: the label on line 1,
// the title centred from line 3, then the table, its header repeated on
// every page and no row split across pages. no is 1 + the table's index
// into Meta.Tables; the Table returned is its entry there.
func tablePages(label string, a notice.Attachment, m Metrics, where string, no int, p *paras) ([]Page, Table, error) {
	t := a.Table
	if len(t.Columns) == 0 {
		return nil, Table{}, fmt.Errorf("%s：表格没有列", where)
	}
	for i, r := range t.Rows {
		if len(r) > len(t.Columns) {
			return nil, Table{}, fmt.Errorf("%s第%d行：有%d个单元格，表头只有%d列", where, i+1, len(r), len(t.Columns))
		}
	}
	n0 := p.n
	head, err := tableHead(label, a.Title, m, where, frame{w: TypeWidthMM, h: TypeHeightMM}, p)
	if err != nil {
		return nil, Table{}, err
	}
	tl, err := fitTable(t, m, where)
	if err != nil {
		return nil, Table{}, err
	}
	tl.no = no
	if tl.frame.landscape {
		// A turned table carries its label and title turned with it.
		p.n = n0
		if head, err = tableHead(label, a.Title, m, where, tl.frame, p); err != nil {
			return nil, Table{}, err
		}
	}
	pages, err := tl.pages(head, where)
	return pages, tl.meta(t), err
}

// pages sets the table under its head, page by page.
func (tl *tableLayout) pages(head headBlock, where string) ([]Page, error) {
	var pages []Page
	cur := Page{Items: head.items}
	v0 := head.bottom // where the table starts on this page, in frame coordinates
	for i := 0; ; {
		v := v0 + tl.headH
		start := i
		var rows []Item
		for i < len(tl.rows) && v+tl.rows[i].h <= tl.frame.h+1e-6 {
			rows = append(rows, tl.row(i, v)...)
			v += tl.rows[i].h
			i++
		}
		if i == start && i < len(tl.rows) {
			if v0 > 0 {
				// Not one row fits under the title: the table starts
				// on the next page.
				pages = append(pages, cur)
				cur, v0 = Page{}, 0
				continue
			}
			return nil, fmt.Errorf("%s第%d行：内容太多，一页放不下", where, i+1)
		}
		cur.Items = append(cur.Items, tl.header(v0)...)
		cur.Items = append(cur.Items, rows...)
		cur.Items = append(cur.Items, tl.frameRules(v0, v)...)
		pages = append(pages, cur)
		cur, v0 = Page{}, 0
		if i >= len(tl.rows) {
			return pages, nil
		}
	}
}

// fitTable chooses frame and size: portrait at the largest size whose
// columns fit, else the table turned (§8).
func fitTable(t *notice.Table, m Metrics, where string) (*tableLayout, error) {
	frames := []frame{{w: TypeWidthMM, h: TypeHeightMM}, {w: TypeHeightMM, h: TypeWidthMM, landscape: true}}
	type try struct {
		f    frame
		size float64
	}
	var tries []try
	for _, s := range tableSizes[:2] {
		tries = append(tries, try{frames[0], s})
	}
	for _, s := range tableSizes {
		tries = append(tries, try{frames[1], s})
	}
	// First choice: every cell on one line (headers may wrap); else the
	// first size at which each column gets its widest word.
	var layouts []*tableLayout
	for _, tr := range tries {
		tl, err := measureTable(t, m, tr.f, tr.size, where)
		if err != nil {
			return nil, err
		}
		layouts = append(layouts, tl)
	}
	pick := layouts[len(layouts)-1]
	for _, want := range []func(*tableLayout) bool{
		func(tl *tableLayout) bool { return tl.comfortable },
		func(tl *tableLayout) bool { return tl.names },
		func(tl *tableLayout) bool { return tl.fits },
	} {
		if i := slices.IndexFunc(layouts, want); i >= 0 {
			pick = layouts[i]
			break
		}
	}
	pick.breakCells(m)
	return pick, nil
}

// measureTable fits column widths in f at size: each column gets at least
// its widest unbreakable word, then the rest of the width in proportion to
// what its longest cell would need on one line.
func measureTable(t *notice.Table, m Metrics, f frame, size float64, where string) (*tableLayout, error) {
	em := emMM(size)
	pad := TableCellPadMM
	n := len(t.Columns)
	minW := make([]float64, n)
	want := make([]float64, n)
	cells := make([][][]unit, len(t.Rows))
	for i, r := range t.Rows {
		cells[i] = make([][]unit, n)
		for j := 0; j < n; j++ {
			s := ""
			if j < len(r) {
				s = strings.TrimSpace(r[j])
			}
			us, err := naturalUnits(m, []span{{Body, s}}, size, "")
			if err != nil {
				return nil, locate(err, fmt.Sprintf("%s第%d行第%d列", where, i+1, j+1))
			}
			cells[i][j] = us
			w := width(us)
			want[j] = math.Max(want[j], w)
			for _, u := range us {
				minW[j] = math.Max(minW[j], u.width)
			}
		}
	}
	heads := make([][]unit, n)
	for j, c := range t.Columns {
		us, err := naturalUnits(m, []span{{Hei, c.Header}}, size, "")
		if err != nil {
			return nil, locate(err, fmt.Sprintf("%s表头第%d列", where, j+1))
		}
		heads[j] = us
		// Headers may wrap, but not below two characters a line.
		minW[j] = math.Max(minW[j], math.Min(width(us), 2*em))
		want[j] = math.Max(want[j], math.Min(width(us), 3*em))
	}
	sumMin, sumWant, sumName := 0.0, 0.0, 0.0
	for j := range minW {
		minW[j] += 2 * pad
		want[j] += 2 * pad
		sumMin += minW[j]
		sumWant += want[j]
	}
	// Names (left-aligned columns) read best on one line: up to 8
	// characters of a name are kept whole when the width allows.
	nameW := make([]float64, n)
	for j, c := range t.Columns {
		nameW[j] = minW[j]
		if c.Align == notice.Left {
			nameW[j] = math.Max(minW[j], math.Min(want[j], 8*em+2*pad))
		}
		sumName += nameW[j]
	}
	if sumName <= f.w {
		minW, sumMin = nameW, sumName
	}
	widths := make([]float64, n)
	fits := sumMin <= f.w
	switch {
	case sumWant <= f.w:
		extra := (f.w - sumWant) / float64(n)
		for j := range widths {
			widths[j] = want[j] + extra
		}
	case fits:
		extra := f.w - sumMin
		for j := range widths {
			widths[j] = minW[j] + extra*(want[j]-minW[j])/(sumWant-sumMin)
		}
	default:
		for j := range widths {
			widths[j] = minW[j] * f.w / sumMin
		}
	}
	tl := &tableLayout{fits: fits, names: sumName <= f.w, comfortable: sumWant <= f.w, size: size, frame: f, widths: widths, lineH: em * TableLineLeading, padV: em * 0.3, columns: t.Columns}
	tl.cells, tl.heads = cells, heads
	return tl, nil
}

// breakCells breaks every cell and header into lines in its column: done
// once, for the frame and size chosen.
func (tl *tableLayout) breakCells(m Metrics) {
	pad := TableCellPadMM
	for _, r := range tl.cells {
		rl := rowLayout{cells: make([]cellText, len(r))}
		lines := 1
		for j, us := range r {
			bl := breakLines(us, tl.widths[j]-2*pad, tl.widths[j]-2*pad, m, tl.size)
			ct := cellText{lines: make([][]unit, 0, len(bl))}
			for _, l := range bl {
				ct.lines = append(ct.lines, l.units)
			}
			rl.cells[j] = ct
			lines = max(lines, len(bl))
		}
		rl.h = float64(lines)*tl.lineH + 2*tl.padV
		tl.rows = append(tl.rows, rl)
	}
	tl.headCells(tl.heads, m)
	tl.cells, tl.heads = nil, nil
}

// headCells lays out the header: one row, or two when columns have groups
// (a group's cell spans its columns; an ungrouped header spans both rows).
func (tl *tableLayout) headCells(heads [][]unit, m Metrics) {
	pad := TableCellPadMM
	grouped := false
	for _, c := range tl.columns {
		if c.Group != "" {
			grouped = true
		}
	}
	brk := func(us []unit, w float64) cellText {
		var ct cellText
		// Balanced lines: 目录清单/梳理情况, not 目录清单梳理情/况.
		for _, l := range balance(us, w-2*pad, m, tl.size) {
			ct.lines = append(ct.lines, l.units)
		}
		return ct
	}
	lines := func(ct cellText) float64 { return float64(len(ct.lines))*tl.lineH + 2*tl.padV }
	u := 0.0
	var row1H, row2H float64
	type pending struct {
		hc      headCell
		spanned bool
	}
	var cells []pending
	for j := 0; j < len(tl.columns); {
		c := tl.columns[j]
		if c.Group == "" {
			ct := brk(heads[j], tl.widths[j])
			rs := 1
			if grouped {
				rs = 2
			}
			cells = append(cells, pending{headCell{u: u, w: tl.widths[j], text: ct, col: j, colSpan: 1, rowSpan: rs, s: c.Header}, true})
			if !grouped {
				row1H = math.Max(row1H, lines(ct))
			}
			u += tl.widths[j]
			j++
			continue
		}
		k := j
		gw := 0.0
		for k < len(tl.columns) && tl.columns[k].Group == c.Group {
			gw += tl.widths[k]
			k++
		}
		gus, _ := naturalUnits(m, []span{{Hei, c.Group}}, tl.size, "")
		gct := brk(gus, gw)
		cells = append(cells, pending{headCell{u: u, w: gw, text: gct, col: j, colSpan: k - j, rowSpan: 1, s: c.Group}, false})
		row1H = math.Max(row1H, lines(gct))
		for ; j < k; j++ {
			ct := brk(heads[j], tl.widths[j])
			cells = append(cells, pending{headCell{u: u, w: tl.widths[j], text: ct, v: -1, row: 1, col: j, colSpan: 1, rowSpan: 1, s: tl.columns[j].Header}, false})
			row2H = math.Max(row2H, lines(ct))
			u += tl.widths[j]
		}
	}
	for _, p := range cells {
		if p.spanned && grouped {
			row2H = math.Max(row2H, lines(p.hc.text)-row1H)
		}
	}
	for _, p := range cells {
		hc := p.hc
		switch {
		case p.spanned:
			hc.v, hc.h = 0, row1H+row2H
		case hc.v == -1:
			hc.v, hc.h = row1H, row2H
		default:
			hc.v, hc.h = 0, row1H
		}
		tl.head = append(tl.head, hc)
	}
	tl.headH = row1H + row2H
}

// text places one cell's lines in the box (u, v, w, h) of the frame.
func (tl *tableLayout) text(ct cellText, u, v, w, h float64, align notice.Align, face Face, vcentre bool, cell CellRef) []Item {
	cell.Table = tl.no
	role := RoleTableCell
	if cell.Header {
		role = RoleTableHeader
	}
	var items []Item
	em := emMM(tl.size)
	top := v + tl.padV
	if vcentre {
		top = v + (h-float64(len(ct.lines))*tl.lineH)/2
	}
	for i, l := range ct.lines {
		lw := width(l)
		x := u + TableCellPadMM
		switch align {
		case notice.Right:
			x = u + w - TableCellPadMM - lw
		case notice.Center:
			x = u + (w-lw)/2
		}
		base := top + float64(i)*tl.lineH + (tl.lineH-em)/2 + (1-IdeoDescent)*em
		for _, it := range place(l, 0, 0, false, tl.size, Black) {
			t := it.(Text)
			t.Face = face
			if face == Body {
				t.Face = findFace(l, t.S)
			}
			px, py := tl.frame.toPage(x+t.X, base)
			t.X, t.Y = px, py
			if tl.frame.landscape {
				t.Rotate = 90
			}
			t.Role, t.Cell = role, cell
			items = append(items, t)
		}
	}
	if n := len(items); n > 0 {
		t := items[n-1].(Text)
		t.End = true
		items[n-1] = t
	}
	return items
}

// findFace returns the face the breaker chose for s (a fallback face when
// the body face lacks a character).
func findFace(l []unit, s string) Face {
	for _, u := range l {
		if u.s == s {
			return u.face
		}
	}
	return Body
}

func (tl *tableLayout) header(v0 float64) []Item {
	var items []Item
	for _, hc := range tl.head {
		items = append(items, tl.text(hc.text, hc.u, v0+hc.v, hc.w, hc.h, notice.Center, Hei, true, CellRef{Row: hc.row, Col: hc.col, Header: true})...)
		items = append(items, tl.rule(hc.u, v0+hc.v+hc.h, hc.u+hc.w, v0+hc.v+hc.h, TableRuleMM))
		items = append(items, tl.rule(hc.u+hc.w, v0+hc.v, hc.u+hc.w, v0+hc.v+hc.h, TableRuleMM))
	}
	return items
}

func (tl *tableLayout) row(i int, v float64) []Item {
	var items []Item
	r := tl.rows[i]
	u := 0.0
	for j, ct := range r.cells {
		items = append(items, tl.text(ct, u, v, tl.widths[j], r.h, tl.columns[j].Align, Body, true, CellRef{Row: i, Col: j})...)
		u += tl.widths[j]
	}
	items = append(items, tl.rule(0, v+r.h, tl.frame.w, v+r.h, TableRuleMM))
	return items
}

// frameRules draws the table's outer frame from v0 to v1 and the column
// rules of the body (one rule a column and page, not one a cell).
func (tl *tableLayout) frameRules(v0, v1 float64) []Item {
	w := tl.frame.w
	var items []Item
	u := 0.0
	for _, cw := range tl.widths[:len(tl.widths)-1] {
		u += cw
		if v1 > v0+tl.headH {
			items = append(items, tl.rule(u, v0+tl.headH, u, v1, TableRuleMM))
		}
	}
	return append(items,
		tl.rule(0, v0, w, v0, TableFrameMM),
		tl.rule(0, v1, w, v1, TableFrameMM),
		tl.rule(0, v0, 0, v1, TableFrameMM),
		tl.rule(w, v0, w, v1, TableFrameMM),
	)
}

func (tl *tableLayout) rule(u1, v1, u2, v2, width float64) Item {
	x1, y1 := tl.frame.toPage(u1, v1)
	x2, y2 := tl.frame.toPage(u2, v2)
	return Rule{X1: x1, Y1: y1, X2: x2, Y2: y2, Width: width, Color: Black, Role: RoleTableRule}
}

// headBlock is an attachment's label and title, set in a frame.
type headBlock struct {
	items  []Item
	bottom float64 // where the table starts, in frame coordinates
}

// tableHead sets 附件N on the frame's first line and the title centred from
// its third (§7.3.6), then leaves a blank line.
func tableHead(label, title string, m Metrics, where string, fr frame, p *paras) (headBlock, error) {
	f := &flow{m: m}
	lbl, err := f.paragraph([]span{{Hei, label}}, 0, 0, 0, where)
	if err != nil {
		return headBlock{}, err
	}
	tl, err := f.titleIn(title, Title, TitleSizePt, where+"标题", 0, fr.w)
	if err != nil {
		return headBlock{}, err
	}
	p.tag(lbl[:1], RoleAttachmentLabel)
	p.tag(tl, RoleAttachmentTitle)
	lines := append(lbl[:1:1], gline{})
	lines = append(lines, tl...)
	var hb headBlock
	for n, l := range lines {
		for _, it := range l.items {
			t := it.(Text)
			u, v := t.X, float64(n)*LinePitchMM+t.Y
			if l.items != nil && n == 0 {
				u -= TypeLeftMM // paragraph() places in page coordinates
			}
			t.X, t.Y = fr.toPage(u, v)
			if fr.landscape {
				t.Rotate = 90
			}
			hb.items = append(hb.items, t)
		}
	}
	hb.bottom = float64(len(lines)+1) * LinePitchMM
	return hb, nil
}

// meta is the table whole, for Meta.Tables.
func (tl *tableLayout) meta(t *notice.Table) Table {
	out := Table{Landscape: tl.frame.landscape, SizePt: tl.size, Widths: append([]float64(nil), tl.widths...)}
	for _, c := range tl.columns {
		out.Aligns = append(out.Aligns, align(c.Align))
	}
	for _, hc := range tl.head {
		for len(out.Header) <= hc.row {
			out.Header = append(out.Header, nil)
		}
		out.Header[hc.row] = append(out.Header[hc.row], HeaderCell{Text: hc.s, Col: hc.col, ColSpan: hc.colSpan, RowSpan: hc.rowSpan})
	}
	for _, r := range t.Rows {
		row := make([]string, len(tl.columns))
		for j := range row {
			if j < len(r) {
				row[j] = strings.TrimSpace(r[j])
			}
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

func align(a notice.Align) Align {
	switch a {
	case notice.Center:
		return AlignCenter
	case notice.Right:
		return AlignRight
	}
	return AlignLeft
}

// locate says where a missing glyph was found; the place is worded only
// on error (measuring a table is done cell by cell, at several sizes).
func locate(err error, where string) error {
	if e, ok := err.(*MissingGlyphError); ok {
		e.Where = where
	}
	return err
}
