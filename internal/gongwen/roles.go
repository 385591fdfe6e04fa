package gongwen

// Role is the element of a notice a Text or Rule belongs to, for exporters
// that rebuild the document's structure (.docx styles, tagged PDF, OFD).
type Role string

// Roles, in reading order (GB/T 9704 §7).
const (
	RoleIssuerMark      Role = "issuer-mark"      // 发文机关标志
	RoleDocNumber       Role = "doc-number"       // 发文字号
	RoleRedLine         Role = "red-line"         // 版头中的分隔线 (Rule)
	RoleTitle           Role = "title"            // 标题
	RoleAddressee       Role = "addressee"        // 主送机关
	RoleBody            Role = "body"             // 正文 paragraph
	RoleHeading1        Role = "heading-1"        // 一、 (黑体)
	RoleHeading2        Role = "heading-2"        // （一） (楷体)
	RoleHeading3        Role = "heading-3"        // 1.
	RoleHeading4        Role = "heading-4"        // （1）
	RoleAttachmentList  Role = "attachment-list"  // 附件说明
	RoleSignature       Role = "signature"        // 署名
	RoleDate            Role = "date"             // 成文日期
	RoleNote            Role = "note"             // 附注
	RoleAttachmentLabel Role = "attachment-label" // 附件2
	RoleAttachmentTitle Role = "attachment-title" // an attachment's title
	RoleTableHeader     Role = "table-header"     // a header cell's text
	RoleTableCell       Role = "table-cell"       // a body cell's text
	RoleTableRule       Role = "table-rule"       // (Rule)
	RoleCC              Role = "cc"               // 版记: 抄送
	RolePrinter         Role = "printer"          // 版记: 印发机关
	RolePrintDate       Role = "print-date"       // 版记: 印发日期
	RoleColophonRule    Role = "colophon-rule"    // 版记中的分隔线 (Rule)
	RolePageNumber      Role = "page-number"      // 页码
)

// headingRole is the role of a body block of level 1–4 (0: body text).
func headingRole(level int) Role {
	switch level {
	case 1:
		return RoleHeading1
	case 2:
		return RoleHeading2
	case 3:
		return RoleHeading3
	case 4:
		return RoleHeading4
	}
	return RoleBody
}

// paras numbers paragraphs across a document.
type paras struct{ n int }

// tag makes lines one paragraph of role: every Text gets the role and the
// paragraph's number, the last Text of the last line ends it.
func (p *paras) tag(lines []gline, role Role) {
	p.n++
	lastLine, lastItem := -1, -1
	for i := range lines {
		for j, it := range lines[i].items {
			t, ok := it.(Text)
			if !ok {
				continue
			}
			t.Role, t.Para = role, p.n
			lines[i].items[j] = t
			lastLine, lastItem = i, j
		}
	}
	if lastLine >= 0 {
		t := lines[lastLine].items[lastItem].(Text)
		t.End = true
		lines[lastLine].items[lastItem] = t
	}
}

// as gives items role: Texts become one paragraph (para, ended by the
// last), Rules get the role.
func as(role Role, para int, items []Item) []Item {
	last := -1
	for i, it := range items {
		switch v := it.(type) {
		case Text:
			v.Role, v.Para = role, para
			items[i] = v
			last = i
		case Rule:
			v.Role = role
			items[i] = v
		}
	}
	if last >= 0 {
		t := items[last].(Text)
		t.End = true
		items[last] = t
	}
	return items
}

// number gives the 版记's parts paragraph numbers once it is placed
// (colophonItems tags them line by line, Para 0, and sets them bottom up):
// the Texts of one part are one paragraph ended by its last Text, and the
// parts are numbered in reading order, 抄送 before 印发机关 and 印发日期.
func (p *paras) number(pages []Page) {
	for _, role := range []Role{RoleCC, RolePrinter, RolePrintDate} {
		li, lj := -1, -1 // the part's last Text so far
		for i := range pages {
			for j, it := range pages[i].Items {
				t, ok := it.(Text)
				if !ok || t.Para != 0 || t.Role != role {
					continue
				}
				if li < 0 {
					p.n++
				} else {
					prev := pages[li].Items[lj].(Text)
					prev.End = false
					pages[li].Items[lj] = prev
				}
				t.Para, t.End = p.n, true
				pages[i].Items[j] = t
				li, lj = i, j
			}
		}
	}
}
