package gongwen_test

import (
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// paragraph is one paragraph rebuilt from a laid-out document the way a
// flowing exporter (.docx) does: the runs sharing Para, in item order, the
// paragraphs in the order of their numbers.
type paragraph struct {
	role  gongwen.Role
	text  string
	ended bool
}

func paragraphs(t *testing.T, d *gongwen.Document) []paragraph {
	t.Helper()
	var out []paragraph
	index := map[int]int{}
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			tx, ok := it.(gongwen.Text)
			if !ok || tx.Para == 0 {
				continue
			}
			i, seen := index[tx.Para]
			if !seen {
				i = len(out)
				index[tx.Para] = i
				out = append(out, paragraph{role: tx.Role})
			}
			p := &out[i]
			if p.ended {
				t.Errorf("paragraph %d (%s) goes on after its end: %q", tx.Para, p.role, tx.S)
			}
			if tx.Role != p.role {
				t.Errorf("paragraph %d mixes roles %s and %s", tx.Para, p.role, tx.Role)
			}
			p.text += tx.S
			p.ended = tx.End
		}
	}
	for _, p := range out {
		if !p.ended {
			t.Errorf("paragraph %s %q never ends", p.role, p.text)
		}
	}
	sorted := make([]paragraph, 0, len(out))
	for n := 1; len(sorted) < len(out); n++ {
		if i, ok := index[n]; ok {
			sorted = append(sorted, out[i])
		} else if n > 10*len(out) {
			t.Fatal("paragraph numbers are not dense")
		}
	}
	return sorted
}

// TestLaidOutDocumentRebuildsTheNotice checks the exporter seam: from the
// laid-out document alone, the notice's paragraphs, tables and metadata
// come back whole.
func TestLaidOutDocumentRebuildsTheNotice(t *testing.T) {
	doc := loadDoc(t, "forwarding-notice.json")
	d, err := gongwen.Lay(doc, bundledMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := gongwen.Layout(doc, bundledMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	if gongwen.Dump(pages) != gongwen.Dump(d.Pages) {
		t.Error("Layout and Lay set different pages")
	}

	inner := doc.Attachments[0].Notice
	block := func(b notice.Block) string { return b.Heading + b.Text }
	want := []paragraph{
		{gongwen.RoleIssuerMark, doc.IssuerMark, true},
		{gongwen.RoleDocNumber, doc.DocNumber, true},
		{gongwen.RoleTitle, doc.Title, true},
		{gongwen.RoleAddressee, doc.Addressee + "：", true},
		{gongwen.RoleBody, block(doc.Body[0]), true},
		{gongwen.RoleAttachmentList, "附件：" + strings.TrimRight(doc.Attachments[0].Title, "。"), true},
		{gongwen.RoleSignature, doc.Signature, true},
		{gongwen.RoleDate, wording.Date(doc.Date), true},
		{gongwen.RoleAttachmentLabel, "附件", true},
		{gongwen.RoleAttachmentTitle, inner.Title, true},
		{gongwen.RoleAddressee, inner.Addressee + "：", true},
	}
	for _, b := range inner.Body {
		role := map[int]gongwen.Role{0: gongwen.RoleBody, 1: gongwen.RoleHeading1, 2: gongwen.RoleHeading2}[b.Level]
		want = append(want, paragraph{role, block(b), true})
	}
	want = append(want,
		paragraph{gongwen.RoleAttachmentList, "附件：" + inner.Attachments[0].Title, true},
		paragraph{gongwen.RoleSignature, inner.Signature, true},
		paragraph{gongwen.RoleDate, wording.Date(inner.Date), true},
		paragraph{gongwen.RoleAttachmentLabel, "附件", true},
		paragraph{gongwen.RoleAttachmentTitle, inner.Attachments[0].Title, true},
		paragraph{gongwen.RoleCC, "抄送：" + strings.Join(doc.CC, "，") + "。", true},
		paragraph{gongwen.RolePrinter, doc.Printer, true},
		paragraph{gongwen.RolePrintDate, wording.Date(doc.PrintDate) + "印发", true},
	)
	got := paragraphs(t, d)
	if len(got) != len(want) {
		t.Errorf("%d paragraphs, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("paragraph %d = %s %q, want %s %q", i+1, got[i].role, got[i].text, want[i].role, want[i].text)
		}
	}

	// Every Text has a role; page numbers are marked as such.
	numbers := 0
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			switch v := it.(type) {
			case gongwen.Text:
				if v.Role == "" {
					t.Errorf("text %q has no role", v.S)
				}
				if v.Role == gongwen.RolePageNumber {
					numbers++
				}
			case gongwen.Rule:
				if v.Role == "" {
					t.Errorf("rule at %.1f,%.1f has no role", v.X1, v.Y1)
				}
			}
		}
	}
	if numbers == 0 {
		t.Error("no page number is marked")
	}

	// The table comes back whole: header, rows, orientation.
	md := d.Meta
	src := inner.Attachments[0].Table
	if len(md.Tables) != 1 {
		t.Fatalf("%d tables in Meta, want 1", len(md.Tables))
	}
	tb := md.Tables[0]
	if len(tb.Rows) != len(src.Rows) || len(tb.Widths) != len(src.Columns) || len(tb.Aligns) != len(src.Columns) {
		t.Errorf("table has %d rows and %d/%d columns, want %d and %d", len(tb.Rows), len(tb.Widths), len(tb.Aligns), len(src.Rows), len(src.Columns))
	}
	for i, r := range src.Rows {
		for j, c := range r {
			if i < len(tb.Rows) && j < len(tb.Rows[i]) && tb.Rows[i][j] != strings.TrimSpace(c) {
				t.Errorf("table row %d col %d = %q, want %q", i+1, j+1, tb.Rows[i][j], c)
			}
		}
	}
	covered := make([]int, len(src.Columns)) // header cells covering each column
	for _, row := range tb.Header {
		for _, hc := range row {
			for c := hc.Col; c < hc.Col+hc.ColSpan && c < len(covered); c++ {
				covered[c] += hc.RowSpan
			}
		}
	}
	for c, n := range covered {
		if n != len(tb.Header) {
			t.Errorf("column %d is covered by %d header rows of %d", c+1, n, len(tb.Header))
		}
	}
	cells := map[[2]int]string{}
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			if v, ok := it.(gongwen.Text); ok && v.Role == gongwen.RoleTableCell {
				if v.Cell.Table != 1 {
					t.Errorf("cell text %q in table %d, want 1", v.S, v.Cell.Table)
				}
				cells[[2]int{v.Cell.Row, v.Cell.Col}] += v.S
			}
		}
	}
	if got, want := cells[[2]int{0, 1}], strings.TrimSpace(src.Rows[0][1]); got != want {
		t.Errorf("cell (1, 2) placed as %q, want %q", got, want)
	}

	// Metadata.
	if md.Title != doc.Title || md.DocNumber != doc.DocNumber || !md.Date.Equal(doc.Date) ||
		len(md.Organs) != 1 || md.Organs[0] != doc.Signature {
		t.Errorf("Meta = %q %q %v %q", md.Title, md.DocNumber, md.Date, md.Organs)
	}
	if len(md.Attachments) != 2 {
		t.Fatalf("Meta.Attachments = %+v, want the forwarded notice and its table", md.Attachments)
	}
	for _, a := range md.Attachments {
		first := ""
		for _, it := range d.Pages[a.Page].Items {
			if v, ok := it.(gongwen.Text); ok && v.Role == gongwen.RoleAttachmentLabel {
				first = v.S
				break
			}
		}
		if first != "附件" {
			t.Errorf("attachment %s starts on page %d, which has no label 附件 (%q)", a.Label, a.Page+1, first)
		}
	}
	if a := md.Attachments[1]; a.Table != 1 || a.Label != "附件的附件" || a.Depth != 1 || a.Name != "附件" || md.Attachments[0].Depth != 0 {
		t.Errorf("nested attachment = %+v", md.Attachments[1])
	}

	// The seal's box covers the 成文日期 and the 署名 on their page.
	s := md.Seal
	if s == nil {
		t.Fatal("no seal box")
	}
	for _, it := range d.Pages[s.Page].Items {
		v, ok := it.(gongwen.Text)
		if !ok || v.Para == 0 || (v.Role != gongwen.RoleDate && v.Role != gongwen.RoleSignature) || v.Y > s.Y+s.H {
			continue
		}
		if v.Y < s.Y || v.X < s.X-30 || v.X > s.X+s.W {
			t.Errorf("%s %q at %.1f,%.1f is outside the seal box %+v", v.Role, v.S, v.X, v.Y, *s)
		}
	}
	if s.W != gongwen.SealSizeMM || s.Y+s.H > gongwen.TypeBottomMM+0.01 || s.Y < gongwen.TypeTopMM-1 {
		t.Errorf("seal box %+v is not a %g mm square in the 版心", *s, gongwen.SealSizeMM)
	}
}

// TestLaidOutTableKeepsItsShape: a table too wide for the page is turned
// (§8) and Meta says so; its grouped header keeps its spans; every cell's
// runs are placed in their row and column.
func TestLaidOutTableKeepsItsShape(t *testing.T) {
	var cols []notice.Column
	for i := 0; i < 14; i++ {
		c := notice.Column{Header: "完成率（％）", Align: notice.Right}
		if i >= 2 && i < 5 {
			c.Group = "目录清单梳理情况"
		}
		if i == 0 {
			c = notice.Column{Header: "单位", Align: notice.Left}
		}
		cols = append(cols, c)
	}
	var rows [][]string
	for r := 0; r < 30; r++ {
		row := []string{"衡阳县人民政府办公室"}
		for j := 1; j < len(cols); j++ {
			row = append(row, "100.00%")
		}
		rows = append(rows, row)
	}
	doc := &notice.Document{Title: "通知", Body: []notice.Block{{Text: "见附件。"}},
		Attachments: []notice.Attachment{{Title: "统计表", Table: &notice.Table{Columns: cols, Rows: rows}}}}
	d, err := gongwen.Lay(doc, bundledMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Meta.Tables) != 1 || !d.Meta.Tables[0].Landscape {
		t.Fatalf("a 14-column table is not marked landscape: %+v", d.Meta.Tables)
	}
	tb := d.Meta.Tables[0]
	if len(tb.Header) != 2 {
		t.Fatalf("grouped header has %d rows, want 2", len(tb.Header))
	}
	group := tb.Header[0][2]
	if group.Text != "目录清单梳理情况" || group.Col != 2 || group.ColSpan != 3 || group.RowSpan != 1 {
		t.Errorf("group cell = %+v", group)
	}
	if first := tb.Header[0][0]; first.Text != "单位" || first.RowSpan != 2 {
		t.Errorf("ungrouped header cell = %+v, want 单位 spanning both rows", first)
	}
	text := map[gongwen.CellRef]string{}
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			if v, ok := it.(gongwen.Text); ok && v.Cell.Table > 0 {
				if v.Rotate != 90 {
					t.Errorf("cell text %q not turned", v.S)
				}
				if v.Cell.Header {
					continue
				}
				text[v.Cell] += v.S
			}
		}
	}
	for r := range rows {
		for c := range cols {
			ref := gongwen.CellRef{Table: 1, Row: r, Col: c}
			if text[ref] != rows[r][c] {
				t.Errorf("cell %+v reads %q, want %q", ref, text[ref], rows[r][c])
			}
		}
	}
	if a := d.Meta.Attachments; len(a) != 1 || a[0].Page != 1 || a[0].Table != 1 {
		t.Errorf("Meta.Attachments = %+v, want the table from page 2", a)
	}
}

// TestJointOrgans: a joint notice's Meta.Organs are its organs one by one
// (the PDF's Author lists them with 、, the .docx sets its 署名 from them),
// from the 署名, else from the 发文机关标志 without its 文件.
func TestJointOrgans(t *testing.T) {
	want := []string{"衡阳县人民政府办公室", "衡阳县财政局", "衡阳县政务服务中心"}
	for _, tc := range []struct {
		name            string
		mark, signature string
	}{
		{"署名", strings.Join(want, "\n") + "\n文件", strings.Join(want, "\n")},
		{"发文机关标志", strings.Join(want, "\n") + "\n文件", ""},
	} {
		doc := loadDoc(t, "forwarding-notice.json")
		doc.Attachments = nil
		doc.IssuerMark, doc.Signature = tc.mark, tc.signature
		d, err := gongwen.Lay(doc, bundledMetrics(t))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Meta.Organs; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: Meta.Organs = %q, want %q", tc.name, got, want)
		}
	}
}
