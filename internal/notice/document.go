package notice

import "time"

// Document is one notice, element by element (GB/T 9704-2012 §7), without
// positions. It is also written out as notice.txt.
type Document struct {
	// IssuerMark is the 发文机关标志 (printed in red). A joint notice (联合行文)
	// has one organ a line, the lead organ first, and “文件”, if any, on a
	// last line of its own.
	IssuerMark string
	// DocNumber is the 发文字号, e.g. 衡政务公开办〔2022〕12号.
	DocNumber string
	// Upward marks a 上行文 (its template's front matter has 签发人): the
	// 发文字号 moves left and Signer, the 签发人, stands on its right
	// (GB/T 9704 §7.2.4); upward.go.
	Upward bool
	Signer string
	// Title is the 标题.
	Title string
	// Addressee is the 主送机关, without the closing colon.
	Addressee string
	// Body is the 正文, paragraph by paragraph.
	Body []Block
	// Attachments are listed in the 附件说明 and set after the body.
	Attachments []Attachment
	// Signature is the 署名 (issuing office) above the date; a joint notice
	// has one organ a line, in the order of the IssuerMark.
	Signature string
	// Date is the 成文日期.
	Date time.Time
	// Note is the optional 附注, without its parentheses.
	Note string
	// CC lists the 抄送 organs of the 版记.
	CC []string
	// Printer is the 印发机关 and PrintDate the 印发日期.
	Printer   string
	PrintDate time.Time
}

// Block is one paragraph of the body. Level 0 is an ordinary paragraph;
// levels 1–4 are the numbered headings 一、 （一） 1. （1）. Heading is the
// numbered lead set in the level's face (黑体, 楷体, 仿宋); Text is the rest
// of the paragraph in the body face (empty for a stand-alone heading).
type Block struct {
	Level   int
	Heading string
	Text    string
}

// Attachment is one 附件: a table or a forwarded document.
type Attachment struct {
	// Title is the name in the 附件说明 and above the attachment.
	Title string
	// Table is a ranking table; Notice a forwarded document. One is set.
	Table  *Table
	Notice *Document
}

// Table is a table as it is printed: every cell already worded.
type Table struct {
	Columns []Column
	Rows    [][]string
}

// Align is a cell's horizontal alignment.
type Align int

const (
	// Left aligns text at the cell's left edge (names).
	Left Align = iota
	// Center centres text (ranks, short labels).
	Center
	// Right aligns numbers.
	Right
)

// Column is one table column. Neighbouring columns with the same non-empty
// Group share a merged group header above their own headers.
type Column struct {
	Header string
	Group  string
	Align  Align
}
