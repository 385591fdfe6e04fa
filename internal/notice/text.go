package notice

import (
	"fmt"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/wording"
)

// indent is the 2-字 paragraph indent of GB/T 9704 §7.3.3, as two
// ideographic spaces.
const indent = "\u3000\u3000"

// Text returns the notice as plain text, element by element, for
// notice.txt (archived, diffed and compared against golden files). The
// elements come in print order: 发文机关标志, 发文字号, 标题, 主送, the body
// (each paragraph indented 2 字), 附件说明, 署名, 成文日期, 附注, then each
// attachment (附件N, its title, its table one row a line with cells
// separated by " | ", or the forwarded notice), and last the 版记 (抄送,
// 印发机关 and 印发日期).
func (d *Document) Text() string {
	var b strings.Builder
	d.writeText(&b)
	return b.String()
}

func (d *Document) writeText(b *strings.Builder) {
	line := func(s string) {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	para := func(parts ...string) {
		if s := strings.Join(parts, ""); s != "" {
			line(s)
		}
	}
	blank := func() { b.WriteByte('\n') }

	para(d.IssuerMark)
	para(docNumberLine(d))
	blank()
	para(d.Title)
	blank()
	if d.Addressee != "" {
		line(d.Addressee + "：")
	}
	for _, bl := range d.Body {
		line(indent + bl.Heading + bl.Text)
	}
	if len(d.Attachments) > 0 {
		blank()
		for i, a := range d.Attachments {
			switch {
			case len(d.Attachments) == 1:
				line(indent + "附件：" + a.Title)
			case i == 0:
				line(fmt.Sprintf("%s附件：%d. %s", indent, i+1, a.Title))
			default:
				line(fmt.Sprintf("%s\u3000\u3000\u3000%d. %s", indent, i+1, a.Title))
			}
		}
	}
	blank()
	para(d.Signature)
	if !d.Date.IsZero() {
		line(wording.Date(d.Date))
	}
	if d.Note != "" {
		line(indent + "（" + d.Note + "）")
	}
	for i, a := range d.Attachments {
		blank()
		line(wording.AttachmentLabel(len(d.Attachments), i))
		blank()
		switch {
		case a.Notice != nil:
			a.Notice.writeText(b)
		case a.Table != nil:
			line(a.Title)
			blank()
			a.Table.writeText(b)
		default:
			line(a.Title)
		}
	}
	if len(d.CC) > 0 || d.Printer != "" {
		blank()
		if len(d.CC) > 0 {
			line("抄送：" + strings.Join(d.CC, "，") + "。")
		}
		if d.Printer != "" || !d.PrintDate.IsZero() {
			date := ""
			if !d.PrintDate.IsZero() {
				date = wording.Date(d.PrintDate) + "印发"
			}
			line(strings.TrimRight(d.Printer+indent+date, "\u3000"))
		}
	}
}

// writeText writes the table one row a line, cells separated by " | ";
// a grouped column's header is written as 组/列.
func (t *Table) writeText(b *strings.Builder) {
	hs := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		hs[i] = c.Header
		if c.Group != "" {
			hs[i] = c.Group + "/" + c.Header
		}
	}
	b.WriteString(strings.Join(hs, " | "))
	b.WriteByte('\n')
	for _, r := range t.Rows {
		b.WriteString(strings.Join(r, " | "))
		b.WriteByte('\n')
	}
}
