package gongwen

import (
	"strconv"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// colophon puts the 版记 (§7.4) at the foot of the last page, which must be
// even (§9): on the last page when it is even and has room, else on a new
// page; when that needs a blank page first, the blank page and the 版记
// page carry no number (§7.5).
func colophon(doc *notice.Document, pages []Page, m Metrics) ([]Page, error) {
	if len(doc.CC) == 0 && doc.Printer == "" {
		return pages, nil
	}
	items, top, err := colophonItems(doc, m)
	if err != nil {
		return nil, err
	}
	last := &pages[len(pages)-1]
	switch {
	case len(pages)%2 == 0 && bottomOf(last.Items) <= top:
		last.Items = append(last.Items, items...)
	case len(pages)%2 == 1:
		pages = append(pages, Page{Number: len(pages) + 1, Items: items})
	default:
		pages = append(pages, Page{}, Page{Items: items})
	}
	return pages, nil
}

// bottomOf is the lowest point reached by items (text: its baseline plus
// the ideographic descent).
func bottomOf(items []Item) float64 {
	b := 0.0
	for _, it := range items {
		switch v := it.(type) {
		case Text:
			if y := v.Y + IdeoDescent*emMM(v.SizePt); y > b {
				b = y
			}
		case Rule:
			b = max(b, v.Y1, v.Y2)
		}
	}
	return b
}

// colophonItems lays out the 版记 upward from the 版心's bottom edge and
// returns its items and its top.
func colophonItems(doc *notice.Document, m Metrics) ([]Item, float64, error) {
	em := emMM(ColophonSizePt)
	indent := ColophonIndent * em
	lineH := ColophonLinePtMM
	baseline := func(top float64) float64 { return top + (lineH+em)/2 - IdeoDescent*em }
	var items []Item
	rule := func(y, w float64) {
		items = append(items, Rule{X1: TypeLeftMM, Y1: y, X2: TypeRightMM, Y2: y, Width: w, Color: Black, Role: RoleColophonRule})
	}
	y := TypeBottomMM
	rule(y, ColophonThickMM)
	if doc.Printer != "" || !doc.PrintDate.IsZero() {
		var date []unit
		if !doc.PrintDate.IsZero() {
			us, err := naturalUnits(m, []span{{Body, wording.Date(doc.PrintDate) + "印发"}}, ColophonSizePt, "印发日期")
			if err != nil {
				return nil, 0, err
			}
			date = us
		}
		// The 印发机关 keeps at least one 字 clear of the date; a name too
		// long for that breaks into balanced lines, the date on the last.
		name := [][]unit{nil}
		if doc.Printer != "" {
			us, err := naturalUnits(m, []span{{Body, doc.Printer}}, ColophonSizePt, "印发机关")
			if err != nil {
				return nil, 0, err
			}
			room := TypeWidthMM - 2*indent
			if len(date) > 0 {
				room -= width(date) + em
			}
			name = name[:0]
			for _, l := range balance(us, room, m, ColophonSizePt) {
				name = append(name, l.units)
			}
		}
		y -= lineH * float64(len(name))
		for i, l := range name {
			top := y + float64(i)*lineH
			items = append(items, as(RolePrinter, 0, shift(place(l, TypeLeftMM+indent, 0, false, ColophonSizePt, Black), baseline(top)-BaselineIn(ColophonSizePt)))...)
		}
		if len(date) > 0 {
			top := y + float64(len(name)-1)*lineH
			x := TypeRightMM - indent - width(date)
			items = append(items, as(RolePrintDate, 0, shift(place(date, x, 0, false, ColophonSizePt, Black), baseline(top)-BaselineIn(ColophonSizePt)))...)
		}
	}
	if len(doc.CC) > 0 {
		if y < TypeBottomMM {
			rule(y, ColophonThinMM)
		}
		text := "抄送：" + strings.Join(doc.CC, "，") + "。"
		us, err := naturalUnits(m, []span{{Body, text}}, ColophonSizePt, "抄送")
		if err != nil {
			return nil, 0, err
		}
		label := 3 * em // continuation lines align after 抄送：
		bl := breakLines(us, TypeWidthMM-2*indent, TypeWidthMM-2*indent-label, m, ColophonSizePt)
		y -= lineH * float64(len(bl))
		for i, l := range bl {
			x := TypeLeftMM + indent
			w := TypeWidthMM - 2*indent
			if i > 0 {
				x += label
				w -= label
			}
			top := y + float64(i)*lineH
			items = append(items, as(RoleCC, 0, shift(place(l.units, x, w, !l.last, ColophonSizePt, Black), baseline(top)-BaselineIn(ColophonSizePt)))...)
		}
	}
	rule(y, ColophonThickMM)
	return items, y, nil
}

// pageNumber sets “— N —” (§7.5): 4号, the dashes' line 7 mm below the
// 版心 (the top of the stroke's ink, not of the character box), odd pages
// right and even pages left, 1 字 in.
func pageNumber(n int, m Metrics) ([]Item, error) {
	em := emMM(PageNumberSizePt)
	us, err := naturalUnits(m, []span{{Body, "— " + strconv.Itoa(n) + " —"}}, PageNumberSizePt, "页码")
	if err != nil {
		return nil, err
	}
	x := TypeLeftMM + PageNumberIndent*em
	if n%2 == 1 {
		x = TypeRightMM - PageNumberIndent*em - width(us)
	}
	items := place(us, x, 0, false, PageNumberSizePt, Black)
	baseline := TypeBottomMM + PageNumberGapMM + inkTop(m, us[0].face, '—')*em
	return shift(items, baseline-BaselineIn(PageNumberSizePt)), nil
}
