package gongwen_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// TestOddDocuments: documents a template could produce by mistake lay out
// or fail with a message naming the element; none panics.
func TestOddDocuments(t *testing.T) {
	m := bundledMetrics(t)
	long := strings.Repeat("很长的内容", 400)
	table := func(cols int, rows ...[]string) *notice.Table {
		tb := &notice.Table{Rows: rows}
		for i := 0; i < cols; i++ {
			tb.Columns = append(tb.Columns, notice.Column{Header: "列"})
		}
		return tb
	}
	tests := []struct {
		name    string
		doc     notice.Document
		wantErr string // "" for success
	}{
		{"empty document", notice.Document{}, ""},
		{"title only", notice.Document{Title: "通知"}, ""},
		{"addressee with its own colon", notice.Document{Addressee: "各单位：", Body: []notice.Block{{Text: "正文。"}}}, ""},
		{"heading without text", notice.Document{Body: []notice.Block{{Level: 1, Heading: "一、总体情况"}}}, ""},
		{"very long Latin word", notice.Document{Body: []notice.Block{{Text: strings.Repeat("x", 500)}}}, ""},
		{"paragraph of many pages", notice.Document{Body: []notice.Block{{Text: long}}}, ""},
		{"attachment with neither table nor notice", notice.Document{Attachments: []notice.Attachment{{Title: "名单"}}}, ""},
		{"table without rows", notice.Document{Attachments: []notice.Attachment{{Title: "表", Table: table(3)}}}, ""},
		{"table without columns", notice.Document{Attachments: []notice.Attachment{{Title: "表", Table: table(0)}}}, "表格没有列"},
		{"row longer than the header", notice.Document{Attachments: []notice.Attachment{{Title: "表", Table: table(2, []string{"a", "b", "c"})}}}, "第1行：有3个单元格，表头只有2列"},
		{"first row too tall for the space under the title", notice.Document{Attachments: []notice.Attachment{{Title: "表", Table: table(2, []string{"1", strings.Repeat("很长的内容", 230)})}}}, ""},
		{"cell taller than a page", notice.Document{Attachments: []notice.Attachment{{Title: "表", Table: table(2, []string{"1", long})}}}, "一页放不下"},
		{"character no face has, in the title", notice.Document{Title: "关于\ue001的通知"}, "标题"},
		{"no colophon without 抄送 and printer", notice.Document{Body: []notice.Block{{Text: "正文。"}}, CC: nil}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := gongwen.Layout(&tt.doc, m)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Layout: %v", err)
				}
				if len(pages) == 0 {
					t.Fatal("no pages")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestMissingGlyphErrorType(t *testing.T) {
	_, err := gongwen.Layout(&notice.Document{Body: []notice.Block{{Text: "\ue002"}}}, bundledMetrics(t))
	var mg *gongwen.MissingGlyphError
	if !errors.As(err, &mg) || mg.Rune != '\ue002' || mg.Where != "正文第1段" {
		t.Errorf("err = %#v, want a *MissingGlyphError for U+E002 in 正文第1段", err)
	}
}

func TestAttachmentOrder(t *testing.T) {
	doc := notice.Document{
		Title: "关于印发材料的通知",
		Attachments: []notice.Attachment{
			{Title: "排名表", Table: &notice.Table{Columns: []notice.Column{{Header: "单位"}}, Rows: [][]string{{"县发改局"}}}},
			{Title: "转发的通报", Notice: &notice.Document{Body: []notice.Block{{Text: "正文。"}}}},
		},
	}
	pages, err := gongwen.Layout(&doc, bundledMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]string{}
	for _, l := range strings.Split(gongwen.Dump(pages), "\n") {
		for _, label := range []string{"附件1", "附件2"} {
			if strings.HasSuffix(l, " hei 16 "+label) && first[label] == "" {
				first[label] = strings.Fields(l)[0]
			}
		}
	}
	if first["附件1"] != "p2" || first["附件2"] != "p3" {
		t.Errorf("labels on pages %v; want 附件1 (the table) on p2 and 附件2 (the notice) on p3", first)
	}
}
