package docx_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/gongwen/docx"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// TestShapesOfNotices writes notices with and without each optional
// element and reads them back: the XML parses, the text is notice.txt's,
// and the parts that depend on the elements are there or not.
func TestShapesOfNotices(t *testing.T) {
	date := time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)
	table := &notice.Table{
		Columns: []notice.Column{{Header: "名次", Align: notice.Center}, {Header: "单位", Align: notice.Left}, {Header: "得分", Align: notice.Right}},
		Rows:    [][]string{{"1", "县教育局", "98.5"}, {"2", "县公安局", "97"}},
	}
	long := strings.Repeat("各单位要对照通报的问题认真整改，按时报送整改情况。", 30)
	for _, tc := range []struct {
		name      string
		doc       notice.Document
		colophon  bool
		landscape bool
	}{
		{name: "title and body only", doc: notice.Document{Title: "关于开展检查的通知", Body: []notice.Block{{Text: "请按要求执行。"}}}},
		{name: "letterhead, headings, note", doc: notice.Document{
			IssuerMark: "示例县办公室", DocNumber: "示办〔2022〕3号", Title: "关于2022年第三季度工作情况的通报", Addressee: "各单位",
			Body:      []notice.Block{{Level: 1, Heading: "一、总体情况"}, {Text: long}, {Level: 2, Heading: "（一）", Text: "进展顺利。"}},
			Signature: "示例县办公室", Date: date, Note: "此件公开发布"}},
		{name: "table attachment and colophon", colophon: true, doc: notice.Document{
			IssuerMark: "示例县办公室", DocNumber: "示办〔2022〕4号", Title: "关于排名情况的通报", Addressee: "各单位",
			Body: []notice.Block{{Text: "现将排名通报如下。"}}, Attachments: []notice.Attachment{{Title: "各单位得分排名", Table: table}},
			Signature: "示例县办公室", Date: date, CC: []string{"县人民政府办公室"}, Printer: "示例县办公室", PrintDate: date}},
		{name: "joint issuers", doc: notice.Document{
			IssuerMark: "示例县人民政府办公室\n示例县财政局\n文件", DocNumber: "示办〔2022〕5号", Title: "关于联合检查的通知", Addressee: "各单位",
			Body: []notice.Block{{Text: "请按要求执行。"}}, Signature: "示例县人民政府办公室\n示例县财政局", Date: date}},
		{name: "joint issuers without 文件, three organs", doc: notice.Document{
			IssuerMark: "示例县人民政府办公室\n示例县财政局\n示例县教育局", Title: "关于联合检查的通知", Addressee: "各单位",
			Body: []notice.Block{{Text: "请按要求执行。"}}, Signature: "示例县人民政府办公室\n示例县财政局\n示例县教育局", Date: date}},
		{name: "cc only", colophon: true, doc: notice.Document{Title: "关于检查的通知", Body: []notice.Block{{Text: "请按要求执行。"}}, CC: []string{"县人民政府办公室"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			b, err := docx.Bytes(lay(t, &doc), created)
			if err != nil {
				t.Fatal(err)
			}
			ps := parts(t, b)
			body := parse(t, ps["word/document.xml"]).child("body")
			if got, want := squash(body.text()), expectedText(&doc); got != want {
				t.Errorf("text\n got %s\nwant %s", got, want)
			}
			if got := len(body.all("txbxContent")) > 0; got != tc.colophon {
				t.Errorf("版记 text box: %v; want %v", got, tc.colophon)
			}
			sigs := 0
			for _, p := range body.all("p") {
				if p.path("pPr", "pStyle").attr("val") == "GWSignature" {
					sigs++
				}
			}
			if want := (len(strings.Split(doc.Signature, "\n")) + 1) / 2; doc.Signature != "" && sigs != want {
				t.Errorf("%d 署名 paragraphs; want %d, two organs a row", sigs, want)
			}
			red := strings.Contains(string(ps["word/document.xml"]), `w:color="E60000"`)
			if red != (doc.IssuerMark != "") {
				t.Errorf("red line: %v; the notice has a 发文机关标志: %v", red, doc.IssuerMark != "")
			}
			if doc.Attachments != nil {
				rows := body.all("tbl")[0].all("tr")
				if len(rows) != len(table.Rows)+1 || rows[0].path("trPr", "tblHeader") == nil {
					t.Errorf("table: %d rows, first a header: %v", len(rows), rows[0].path("trPr", "tblHeader") != nil)
				}
				jcs := []string{}
				for _, p := range rows[1].all("jc") {
					jcs = append(jcs, p.attr("val"))
				}
				if got := strings.Join(jcs, " "); !strings.HasSuffix(got, "center left right") {
					t.Errorf("cell alignments %q; want center left right", got)
				}
			}
		})
	}
}
