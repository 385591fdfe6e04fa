package docx

// The adapter: the only file that knows gongwen's laid-out Document. It
// rebuilds paragraphs from the runs (each knows its role, its paragraph and
// whether it ends it), takes the tables whole from the metadata, and reads
// off the pages what only the layout knows: where the letterhead sits and
// how large the mark is, the titles' line breaks, the blank lines between
// paragraphs, where the signature stands, the 附件说明's indents, where the
// 版记 went.

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// FileName is the name of the .docx beside notice.pdf.
const FileName = "notice.docx"

// Bytes returns the .docx of a laid-out notice (the document the PDF is
// drawn from); created is its date.
func Bytes(laid *gongwen.Document, created time.Time) ([]byte, error) {
	d, err := FromLayout(laid, created)
	if err != nil {
		return nil, err
	}
	return Write(d)
}

// letterheadSlack is how much higher than the layout the title (and so the
// page's text) is set: LibreOffice sets the letterhead's exact-height lines
// about 2 mm lower than the PDF, and page 1's last grid line would not fit.
const letterheadSlack = 2.5

// para is one paragraph of the laid-out document.
type para struct {
	role  gongwen.Role
	runs  []Run
	lines []line // its lines, in order
	size  float64
	color gongwen.Color
	text  string

	// While paragraphs collects: the text and the last run's text so far
	// (a paragraph listing thousands of units has thousands of runs:
	// appending to a string each time would copy it each time).
	tb, rb strings.Builder
	runes  int
}

// endRun sets the last run's text from what was collected for it.
func (pa *para) endRun() {
	if k := len(pa.runs); k > 0 {
		pa.runs[k-1].Text = pa.rb.String()
		pa.rb.Reset()
	}
}

// line is where one line of a paragraph starts.
type line struct {
	page   int
	x, y   float64 // the first run's baseline origin
	offset int     // runes of the paragraph before the line
	rot    bool
}

// top is the top of the grid line the line is set on.
func (l line) top(sizePt float64) float64 { return l.y - gongwen.BaselineIn(sizePt) }

var faceNames = map[gongwen.Face]Face{gongwen.Title: FaceTitle, gongwen.Body: FaceBody, gongwen.Hei: FaceHei, gongwen.Kai: FaceKai}

// paragraphs collects the paragraphs in reading order (the 版记's, numbered
// last, come last).
func paragraphs(pages []gongwen.Page) []*para {
	byNum := map[int]*para{}
	var order []int
	for pi, p := range pages {
		for _, it := range p.Items {
			t, ok := it.(gongwen.Text)
			if !ok || t.Para == 0 {
				continue
			}
			pa := byNum[t.Para]
			if pa == nil {
				pa = &para{role: t.Role, size: t.SizePt, color: t.Color}
				byNum[t.Para] = pa
				order = append(order, t.Para)
			}
			rot := t.Rotate != 0
			n := len(pa.lines)
			if n == 0 || pa.lines[n-1].page != pi || (!rot && math.Abs(pa.lines[n-1].y-t.Y) > 0.01) || (rot && math.Abs(pa.lines[n-1].x-t.X) > 0.01) {
				pa.lines = append(pa.lines, line{page: pi, x: t.X, y: t.Y, offset: pa.runes, rot: rot})
			}
			f := faceNames[t.Face]
			if k := len(pa.runs); k == 0 || pa.runs[k-1].Face != f {
				pa.endRun()
				pa.runs = append(pa.runs, Run{Face: f})
			}
			pa.rb.WriteString(t.S)
			pa.tb.WriteString(t.S)
			pa.runes += utf8.RuneCountInString(t.S)
		}
	}
	for _, pa := range byNum {
		pa.endRun()
		pa.text = pa.tb.String()
		pa.tb.Reset()
	}
	// Paragraph numbers follow reading order.
	out := make([]*para, 0, len(order))
	for n := 1; len(out) < len(order); n++ {
		if pa := byNum[n]; pa != nil {
			out = append(out, pa)
		}
	}
	return out
}

var roles = map[gongwen.Role]Role{
	gongwen.RoleIssuerMark: IssuerMark, gongwen.RoleDocNumber: DocNumber, gongwen.RoleTitle: Title,
	gongwen.RoleAddressee: Addressee, gongwen.RoleBody: Body, gongwen.RoleHeading1: Heading1,
	gongwen.RoleHeading2: Heading2, gongwen.RoleHeading3: Heading3, gongwen.RoleHeading4: Heading4,
	gongwen.RoleAttachmentList: AttachmentList, gongwen.RoleSignature: Signature, gongwen.RoleDate: Date,
	gongwen.RoleNote: Note, gongwen.RoleAttachmentLabel: AttachmentLabel, gongwen.RoleAttachmentTitle: AttachmentTitle,
}

// FromLayout builds the Document of a laid-out notice.
func FromLayout(laid *gongwen.Document, created time.Time) (*Document, error) {
	if laid == nil || len(laid.Pages) == 0 {
		return nil, fmt.Errorf("docx: no laid-out document")
	}
	m := laid.Meta
	organs := m.Organs // more than one: a joint notice (联合行文)
	d := &Document{Title: m.Title, Subject: m.DocNumber, Author: strings.Join(organs, "、"), Created: created}
	for _, it := range laid.Pages[0].Items {
		if t, ok := it.(gongwen.Text); ok && t.Role == gongwen.RoleDraftMark {
			d.Mark += t.S // the 送审稿 mark, in the header
		}
	}
	ps := paragraphs(laid.Pages)
	secs := []Section{{}}
	cur := func() *Section { return &secs[len(secs)-1] }
	var redLine *gongwen.Rule
	for _, it := range laid.Pages[0].Items {
		if r, ok := it.(gongwen.Rule); ok && r.Role == gongwen.RoleRedLine && redLine == nil {
			redLine = &r
		}
	}
	att := 0          // attachments labelled so far
	after := -1.0     // bottom of the letterhead; -1 before it is known
	var prev *para    // the paragraph before, on the grid
	var col *Colophon // the 版记, from its paragraphs
	for _, pa := range ps {
		switch pa.role {
		case gongwen.RoleCC, gongwen.RolePrinter, gongwen.RolePrintDate:
			if col == nil {
				col = &Colophon{}
			}
			switch pa.role {
			case gongwen.RoleCC:
				col.CC = pa.text
			case gongwen.RolePrinter:
				col.Printer = pa.text
			default:
				col.PrintDate = pa.text
			}
			continue
		}
		role, ok := roles[pa.role]
		if !ok {
			continue
		}
		p := &Paragraph{Role: role, Runs: pa.runs}
		first := pa.lines[0]
		switch role {
		case IssuerMark:
			em := pa.size * gongwen.PtMM
			top := first.y - (1-gongwen.IdeoDescent)*em
			p.SpaceBefore, p.LineHeight, p.SizePt = top-gongwen.TypeTopMM, em, pa.size
			after = top + em
			if len(pa.lines) > 1 {
				// Joint issuers: an empty line as high as the space above
				// the mark, then the mark as a table (the organs at the
				// left, 文件 at their right).
				bs, at, bottom := jointMark(pa, top)
				cur().Blocks = append(cur().Blocks, &Paragraph{Role: Blank, LineHeight: at - gongwen.TypeTopMM}, bs)
				after = bottom
				if redLine != nil && !hasRole(ps, gongwen.RoleDocNumber) {
					cur().Blocks = append(cur().Blocks, &Paragraph{Role: Blank, LineHeight: markSpacerMM,
						RuleBelow: true, RuleGap: redLine.Y1 - after - markSpacerMM})
					after = redLine.Y1 + redLine.Width/2
				}
				continue
			}
		case DocNumber:
			if sg := signer(ps); sg != nil {
				// A 上行文 (§7.2.4): the 发文字号 1 字 from the left and
				// 签发人：name ending 1 字 from the right, on one line.
				p.AlignLeft, p.Left = true, first.x-gongwen.TypeLeftMM
				p.RightTab = gongwen.TypeWidthMM - gongwen.CharPitchMM
				p.Runs = append(append(append([]Run{}, pa.runs...), Run{Text: "\t"}), sg.runs...)
			}
			if after >= 0 {
				p.SpaceBefore = first.top(pa.size) - after
			}
			after = first.top(pa.size) + gongwen.LinePitchMM
		case Title, AttachmentTitle:
			p.Breaks = breaks(pa)
		case Signature:
			p.Right = signatureRight(ps, pa)
		case AttachmentList:
			p.Left, p.FirstLine = listIndents(pa)
		}
		if role == DocNumber || (role == IssuerMark && !hasRole(ps, gongwen.RoleDocNumber)) {
			if redLine != nil {
				p.RuleBelow, p.RuleGap = true, redLine.Y1-after
				after = redLine.Y1 + redLine.Width/2
			}
		}
		if role == Title && first.page == 0 && after >= 0 {
			p.SpaceBefore = first.top(pa.size) - after - letterheadSlack
			after = -1
		}
		if role == AttachmentLabel {
			// Each attachment from a new page; a table turned in the
			// layout gets a landscape section.
			landscape := false
			if att < len(m.Attachments) {
				if ti := m.Attachments[att].Table; ti > 0 && ti <= len(m.Tables) {
					landscape = m.Tables[ti-1].Landscape
				}
			}
			if cur().Landscape == landscape && len(cur().Blocks) > 0 {
				p.PageBreakBefore = true
			} else if len(cur().Blocks) > 0 {
				secs = append(secs, Section{Landscape: landscape})
			}
			prev = nil
		}
		// The blank grid lines the layout left between this paragraph and
		// the one before on the same page.
		if prev != nil && role != IssuerMark && role != DocNumber {
			last := prev.lines[len(prev.lines)-1]
			if last.page == first.page && last.rot == first.rot {
				gap := first.top(pa.size) - last.top(prev.size)
				if first.rot {
					gap = first.x - last.x
				}
				n := int(math.Round(gap/gongwen.LinePitchMM)) - 1
				keep := role == Signature || role == Date
				for i := 0; i < n && i < 4; i++ {
					cur().Blocks = append(cur().Blocks, &Paragraph{Role: Blank, KeepNext: keep})
				}
				if keep && n > 0 {
					// The body's last paragraph stays with the signature.
					for i := len(cur().Blocks) - n - 1; i >= 0; i-- {
						if bp, ok := cur().Blocks[i].(*Paragraph); ok {
							bp.KeepNext = true
							break
						}
					}
				}
			}
		}
		if role == Signature && len(organs) > 1 && pa.text == strings.Join(organs, "") {
			// A joint notice's organs (联合行文), in rows as the layout set
			// them.
			cur().Blocks = append(cur().Blocks, jointSignature(ps, pa, organs)...)
			prev = pa
			continue
		}
		cur().Blocks = append(cur().Blocks, p)
		prev = pa
		if role == IssuerMark || role == DocNumber {
			prev = nil // the title is placed from the letterhead's bottom
		}
		if role == AttachmentTitle && att > 0 && att <= len(m.Attachments) {
			// A table attachment: a blank line, then the table.
			if ti := m.Attachments[att-1].Table; ti > 0 && ti <= len(m.Tables) {
				cur().Blocks = append(cur().Blocks, &Paragraph{Role: Blank, KeepNext: true}, tableOf(m.Tables[ti-1]))
				prev = nil
			}
		}
		if role == AttachmentLabel {
			att++
		}
	}
	d.Sections = secs
	if col != nil {
		placeColophon(col, laid.Pages)
		d.Colophon = col
	}
	return d, nil
}

// signer is the 签发人 of a 上行文, or nil.
func signer(ps []*para) *para {
	for _, p := range ps {
		if p.role == gongwen.RoleSigner {
			return p
		}
	}
	return nil
}

// hasRole reports whether any paragraph has role r.
func hasRole(ps []*para, r gongwen.Role) bool {
	for _, p := range ps {
		if p.role == r {
			return true
		}
	}
	return false
}

// lineText is the text of the paragraph's line i.
func (pa *para) lineText(i int) string {
	text := []rune(pa.text)
	end := len(text)
	if i+1 < len(pa.lines) {
		end = pa.lines[i+1].offset
	}
	return string(text[pa.lines[i].offset:end])
}

// breaks are the rune offsets of a paragraph's line starts after the first.
func breaks(pa *para) []int {
	var out []int
	for _, l := range pa.lines[1:] {
		out = append(out, l.offset)
	}
	return out
}

// signatureRight is the 署名's right indent: centred over the 成文日期 (set
// 4 字 from the right), as the layout placed it.
func signatureRight(ps []*para, sig *para) float64 {
	centre, ok := dateCentre(ps)
	if !ok {
		return 0
	}
	right := gongwen.TypeRightMM - (2*centre - sig.lines[0].x)
	if right < 0.1 {
		return 0.01 // flush right (0 would leave the style's)
	}
	return right
}

// markSpacerMM is the height of the empty paragraph that carries the red
// line under a joint 发文机关标志 without a 发文字号.
const markSpacerMM = 0.5

// jointMark is a joint 发文机关标志 (its paragraph has a line an organ and
// perhaps a last one, 文件, set right of them and higher than the last
// organ): a table of the organs, each spread to the longest one's width
// (分散对齐) on lines as far apart as the layout's, and 文件 to their right,
// one 字 clear, centred on them. It returns the table, its top and its
// bottom.
func jointMark(pa *para, top float64) (*Beside, float64, float64) {
	em := pa.size * gongwen.PtMM
	lines := pa.lines
	n := len(lines)
	x0 := lines[0].x
	// With no 文件 the names are centred on the 版心.
	nameW := gongwen.TypeWidthMM - 2*(x0-gongwen.TypeLeftMM)
	if n >= 3 && lines[n-1].x > x0+em/2 && lines[n-1].y < lines[n-2].y {
		nameW = lines[n-1].x - em - x0
		lines = lines[:n-1]
	}
	lead := lines[1].y - lines[0].y
	// A word processor sets type in a line of exact height with half the
	// extra height above it (LibreOffice; the mark's ink within 0.5 mm of
	// the PDF's): the table starts that much higher.
	top -= (lead - em) / 2
	bs := &Beside{Indent: x0 - gongwen.TypeLeftMM, Widths: [2]float64{nameW, max(gongwen.TypeRightMM-x0-nameW, 0.5)}}
	for i := range lines {
		bs.Left = append(bs.Left, &Paragraph{Role: IssuerMark, Runs: []Run{{Text: pa.lineText(i)}}, SizePt: pa.size, LineHeight: lead, Distribute: true})
	}
	if len(lines) < n {
		bs.Right = []*Paragraph{{Role: IssuerMark, Runs: []Run{{Text: pa.lineText(n - 1)}}, SizePt: pa.size, LineHeight: lead, AlignLeft: true, Left: em}}
	}
	return bs, top, top + lead*float64(len(lines))
}

// jointSignature is the 署名 of a joint notice as the layout set them: two
// organs to a row on centre tab stops, the right one over the 成文日期 and
// the left one mirrored about the 版心's centre (an odd first organ alone
// at the left), rows as many grid lines apart as in the layout; organs the
// layout stacked (names too long to share a row) one a row, centred over
// the date.
func jointSignature(ps []*para, pa *para, organs []string) []Block {
	var rows [][]string
	k := 0
	for i := range pa.lines {
		s := pa.lineText(i)
		switch {
		case k < len(organs) && s == organs[k]:
			rows = append(rows, organs[k:k+1])
			k++
		case k+1 < len(organs) && s == organs[k]+organs[k+1]:
			rows = append(rows, organs[k:k+2])
			k += 2
		default:
			rows = nil // not as expected: one organ a line
		}
		if rows == nil {
			break
		}
	}
	pairs := false
	for _, r := range rows {
		pairs = pairs || len(r) == 2
	}
	if k != len(organs) || len(rows) != len(pa.lines) {
		rows, pairs = nil, false
		for i := range organs {
			rows = append(rows, organs[i:i+1])
		}
	}
	centre, _ := dateCentre(ps)
	right := centre - gongwen.TypeLeftMM
	left := gongwen.TypeWidthMM - right
	var out []Block
	for i, r := range rows {
		if i > 0 && len(rows) == len(pa.lines) {
			// Blank lines between the rows, as in the layout.
			gap := int(math.Round((pa.lines[i].y-pa.lines[i-1].y)/gongwen.LinePitchMM)) - 1
			for range min(gap, gongwen.JointRowLines) {
				out = append(out, &Paragraph{Role: Blank, KeepNext: true})
			}
		}
		op := &Paragraph{Role: Signature, KeepNext: i < len(rows)-1}
		switch {
		case len(r) == 2:
			op.AlignLeft, op.CenterTabs = true, []float64{left, right}
			op.Runs = []Run{{Text: "\t" + r[0] + "\t" + r[1]}}
		case pairs:
			// Only the first row may hold one organ: at the left.
			op.AlignLeft, op.CenterTabs = true, []float64{left}
			op.Runs = []Run{{Text: "\t" + r[0]}}
		default:
			// Stacked: centred over the date.
			op.Runs = []Run{{Text: r[0]}}
			op.Right = max(0.01, gongwen.TypeWidthMM-right-float64(len([]rune(r[0])))*gongwen.CharPitchMM/2)
		}
		out = append(out, op)
	}
	return out
}

// dateCentre is the centre of the 成文日期 (set 4 字 from the right), in mm
// from the page's left edge, and whether there is one (if not, where a
// date of ten 字 would have it).
func dateCentre(ps []*para) (float64, bool) {
	dateRight := gongwen.TypeRightMM - gongwen.DateRightIndent*gongwen.CharPitchMM
	for _, p := range ps {
		if p.role == gongwen.RoleDate {
			return (p.lines[0].x + dateRight) / 2, true
		}
	}
	return dateRight - 5*gongwen.CharPitchMM, false
}

// listIndents are a 附件说明 item's left indent and first-line offset (a
// hanging indent): from its first two lines, or for a one-line item from
// its text (附件： is 3 字, a number like "1." about one).
func listIndents(pa *para) (left, firstLine float64) {
	first := pa.lines[0].x - gongwen.TypeLeftMM
	if len(pa.lines) > 1 {
		rest := pa.lines[1].x - gongwen.TypeLeftMM
		return rest, first - rest
	}
	s := pa.text
	rest := first
	if t, ok := strings.CutPrefix(s, "附件："); ok {
		rest += 3 * gongwen.CharPitchMM
		s = t
	}
	digits := 0
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' {
			break
		}
		digits++
	}
	rest += float64(digits) * gongwen.CharPitchMM / 2
	return rest, first - rest
}

// tableOf is a laid-out table in the model's terms.
func tableOf(t gongwen.Table) *Table {
	tb := &Table{Widths: t.Widths, Rows: t.Rows, SizePt: t.SizePt}
	for _, a := range t.Aligns {
		switch a {
		case gongwen.AlignLeft:
			tb.Aligns = append(tb.Aligns, Left)
		case gongwen.AlignRight:
			tb.Aligns = append(tb.Aligns, Right)
		default:
			tb.Aligns = append(tb.Aligns, Center)
		}
	}
	tb.Header = make([][]HeaderCell, len(t.Header))
	for r, row := range t.Header {
		for _, c := range row {
			tb.Header[r] = append(tb.Header[r], HeaderCell{Text: c.Text, Col: c.Col, Span: max(c.ColSpan, 1), RowSpan: max(c.RowSpan, 1)})
		}
	}
	return tb
}

// placeColophon says where the layout put the 版记: its height from its
// top rule to the 版心's bottom edge, and whether it has the last page to
// itself (then after a blank page, unnumbered, when the pages before it
// were even).
func placeColophon(c *Colophon, pages []gongwen.Page) {
	last := pages[len(pages)-1]
	top := gongwen.TypeBottomMM - 2*gongwen.ColophonLinePtMM
	for _, it := range last.Items {
		if r, ok := it.(gongwen.Rule); ok && r.Role == gongwen.RoleColophonRule {
			top = min(top, r.Y1, r.Y2)
		}
	}
	c.Height = gongwen.TypeBottomMM - top
	c.OwnPage = true
	for _, it := range last.Items {
		switch v := it.(type) {
		case gongwen.Text:
			switch v.Role {
			case gongwen.RoleCC, gongwen.RolePrinter, gongwen.RolePrintDate, gongwen.RolePageNumber:
			default:
				c.OwnPage = false
			}
		case gongwen.Rule:
			if v.Role != gongwen.RoleColophonRule {
				c.OwnPage = false
			}
		}
	}
	if c.OwnPage {
		c.Numbered = last.Number > 0
		c.BlankBefore = len(pages) > 1 && len(pages[len(pages)-2].Items) == 0
	}
}
