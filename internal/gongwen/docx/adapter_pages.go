package docx

// The geometry the adapter reads off gongwen's pages: lines of text found
// by their content, the letterhead's positions, the titles' line breaks, a
// table's orientation, size and column widths.

import (
	"math"
	"slices"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// line is one baseline of text on a page, its items joined.
type line struct {
	page    int
	x, y    float64 // the first item's position (page mm)
	face    gongwen.Face
	size    float64
	color   gongwen.Color
	rotated bool
	text    string
}

// pageLines joins each page's text items that share a baseline into lines,
// in reading order (turned text: by its baseline's x, read bottom up).
func pageLines(pages []gongwen.Page) []line {
	var out []line
	for pi, p := range pages {
		var ls []line
		for _, it := range p.Items {
			t, ok := it.(gongwen.Text)
			if !ok {
				continue
			}
			rot := t.Rotate != 0
			i := slices.IndexFunc(ls, func(l line) bool {
				if l.rotated != rot {
					return false
				}
				if rot {
					return math.Abs(l.x-t.X) < 0.01
				}
				return math.Abs(l.y-t.Y) < 0.01
			})
			if i < 0 {
				ls = append(ls, line{page: pi, x: t.X, y: t.Y, face: t.Face, size: t.SizePt, color: t.Color, rotated: rot})
				i = len(ls) - 1
			}
			ls[i].text += t.S
		}
		slices.SortStableFunc(ls, func(a, b line) int {
			if a.rotated != b.rotated {
				if a.rotated {
					return 1
				}
				return -1
			}
			if a.rotated {
				return cmpFloat(a.x, b.x)
			}
			return cmpFloat(a.y, b.y)
		})
		out = append(out, ls...)
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b-0.01:
		return -1
	case a > b+0.01:
		return 1
	}
	return 0
}

// find returns the lines from the cursor on whose joined text is text,
// and moves the cursor past them; nil when the layout has no such lines.
func (a *adapter) find(text string, face gongwen.Face) []line {
	want := squash(text)
	if want == "" {
		return nil
	}
	for i := a.at; i < len(a.lines); i++ {
		if a.lines[i].face != face || !strings.HasPrefix(want, squash(a.lines[i].text)) {
			continue
		}
		got := ""
		for j := i; j < len(a.lines); j++ {
			got += squash(a.lines[j].text)
			if got == want {
				a.at = j + 1
				return a.lines[i : j+1]
			}
			if !strings.HasPrefix(want, got) {
				break
			}
		}
	}
	return nil
}

// breaks returns where ls break text, as rune offsets; nil when the lines
// do not spell text exactly.
func breaks(ls []line, text string) []int {
	var out []int
	n := 0
	joined := ""
	for i, l := range ls {
		if i > 0 {
			out = append(out, n)
		}
		n += len([]rune(l.text))
		joined += l.text
	}
	if joined != text {
		return nil
	}
	return out
}

// letterhead adds the 版头 (发文机关标志, 发文字号, red line) to s at the
// layout's positions and returns the top of the title's first line (mm
// from the page top), 0 when there is no 版头.
func (a *adapter) letterhead(doc *notice.Document, s *Section) float64 {
	if doc.IssuerMark == "" {
		return 0
	}
	var mark *gongwen.Text
	var rule *gongwen.Rule
	for _, it := range a.pages[0].Items {
		switch v := it.(type) {
		case gongwen.Text:
			if mark == nil && v.Color == gongwen.Red {
				mark = &v
			}
		case gongwen.Rule:
			if rule == nil && v.Color == gongwen.Red {
				rule = &v
			}
		}
	}
	if mark == nil {
		return 0
	}
	em := mark.SizePt * gongwen.PtMM
	markTop := mark.Y - 0.88*em
	s.Blocks = append(s.Blocks, &Paragraph{Role: IssuerMark, Runs: []Run{{Text: doc.IssuerMark}},
		SpaceBefore: markTop - gongwen.TypeTopMM, LineHeight: em, SizePt: mark.SizePt})
	bottom := markTop + em
	if doc.DocNumber != "" {
		p := &Paragraph{Role: DocNumber, Runs: []Run{{Text: doc.DocNumber}}}
		if ls := a.find(doc.DocNumber, gongwen.Body); ls != nil {
			top := ls[0].y - baselineIn(ls[0].size)
			p.SpaceBefore = top - bottom
			bottom = top + gongwen.LinePitchMM
		}
		s.Blocks = append(s.Blocks, p)
	}
	last := s.Blocks[len(s.Blocks)-1].(*Paragraph)
	if rule != nil {
		last.RuleBelow = true
		last.RuleGap = rule.Y1 - bottom
		bottom = rule.Y1 + rule.Width/2
	}
	// The title starts two lines under the red line (§7.3.1).
	return bottom
}

// letterheadSlack is how much higher than the layout the title (and so the
// page's text) is set: LibreOffice sets the letterhead about 2 mm lower
// than the PDF, and the last grid line of page 1 would not fit.
const letterheadSlack = 2.5

// baselineIn is the baseline's distance from a grid line's top (gongwen
// centres the em box in the line).
func baselineIn(sizePt float64) float64 {
	em := sizePt * gongwen.PtMM
	return (gongwen.LinePitchMM-em)/2 + 0.88*em
}

// table builds a table attachment: its header rows (a group's cell over
// its columns, an ungrouped header down both rows), its rows, and from the
// layout its orientation, type size and column widths.
func (a *adapter) table(at notice.Attachment) (*Table, bool, error) {
	t := at.Table
	n := len(t.Columns)
	tb := &Table{SizePt: gongwen.TableSizePt, Rows: t.Rows}
	for _, c := range t.Columns {
		al := Center
		switch c.Align {
		case notice.Left:
			al = Left
		case notice.Right:
			al = Right
		}
		tb.Aligns = append(tb.Aligns, al)
	}
	grouped := slices.ContainsFunc(t.Columns, func(c notice.Column) bool { return c.Group != "" })
	var row1, row2 []HeaderCell
	for j := 0; j < n; {
		c := t.Columns[j]
		if c.Group == "" || !grouped {
			row1 = append(row1, HeaderCell{Text: c.Header, Span: 1})
			row2 = append(row2, HeaderCell{Text: c.Header, Span: 1, Merge: true})
			j++
			continue
		}
		k := j
		for k < n && t.Columns[k].Group == c.Group {
			row2 = append(row2, HeaderCell{Text: t.Columns[k].Header, Span: 1})
			k++
		}
		row1 = append(row1, HeaderCell{Text: c.Group, Span: k - j})
		j = k
	}
	tb.Header = [][]HeaderCell{row1}
	if grouped {
		tb.Header = append(tb.Header, row2)
	}

	// The table's first page: the first page from the cursor with text
	// smaller than the body's (the cells).
	landscape := false
	var bounds []float64
	for pi := max(a.page, a.lineAtPage()); pi < len(a.pages); pi++ {
		size := 0.0
		for _, it := range a.pages[pi].Items {
			if v, ok := it.(gongwen.Text); ok && v.SizePt < gongwen.PageNumberSizePt {
				size = v.SizePt
				landscape = v.Rotate != 0
				break
			}
		}
		if size == 0 {
			continue
		}
		tb.SizePt = size
		for _, it := range a.pages[pi].Items {
			r, ok := it.(gongwen.Rule)
			if !ok {
				continue
			}
			switch {
			case !landscape && math.Abs(r.X1-r.X2) < 0.01:
				bounds = append(bounds, r.X1)
			case landscape && math.Abs(r.Y1-r.Y2) < 0.01:
				bounds = append(bounds, gongwen.TypeBottomMM-r.Y1)
			}
		}
		// The table goes on over the pages after it that have cells and
		// no attachment label.
		a.page = pi + 1
		for a.page < len(a.pages) && hasCells(a.pages[a.page]) && !hasLabel(a.pages[a.page]) {
			a.page++
		}
		break
	}
	slices.Sort(bounds)
	bounds = slices.CompactFunc(bounds, func(x, y float64) bool { return math.Abs(x-y) < 0.05 })
	full := gongwen.TypeWidthMM
	if landscape {
		full = gongwen.TypeHeightMM
	}
	if len(bounds) == n+1 {
		for j := 0; j < n; j++ {
			tb.Widths = append(tb.Widths, bounds[j+1]-bounds[j])
		}
	} else {
		for j := 0; j < n; j++ {
			tb.Widths = append(tb.Widths, full/float64(n))
		}
	}
	return tb, landscape, nil
}

// lineAtPage is the page of the line at the cursor.
func (a *adapter) lineAtPage() int {
	if a.at < len(a.lines) {
		return a.lines[a.at].page
	}
	return len(a.pages)
}

// hasCells reports whether p has text smaller than the page number: a
// table's cells.
func hasCells(p gongwen.Page) bool {
	return slices.ContainsFunc(p.Items, func(it gongwen.Item) bool {
		t, ok := it.(gongwen.Text)
		return ok && t.SizePt < gongwen.PageNumberSizePt
	})
}

// hasLabel reports whether p has an attachment label (黑体 at the body size).
func hasLabel(p gongwen.Page) bool {
	return slices.ContainsFunc(p.Items, func(it gongwen.Item) bool {
		t, ok := it.(gongwen.Text)
		return ok && t.Face == gongwen.Hei && t.SizePt == gongwen.BodySizePt
	})
}
