package pdf_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

func TestTables(t *testing.T) {
	narrow := func(n int) *notice.Document {
		tb := &notice.Table{Columns: []notice.Column{
			{Header: "排名", Align: notice.Center}, {Header: "单位", Align: notice.Left},
			{Header: "完成率", Group: "目录清单", Align: notice.Right}, {Header: "未梳理", Group: "目录清单", Align: notice.Right},
			{Header: "名次变化", Align: notice.Center},
		}}
		changes := []string{"↑2", "↓1", "新增", "—", "并列"}
		for i := 0; i < n; i++ {
			tb.Rows = append(tb.Rows, []string{strconv.Itoa(i + 1), fmt.Sprintf("%d号局", i+1), "99.81%", "/", changes[i%len(changes)]})
		}
		return &notice.Document{Title: "关于情况的通报", Body: []notice.Block{{Text: "现将情况通报如下。"}},
			Attachments: []notice.Attachment{{Title: "各单位完成情况排名表", Table: tb}}}
	}
	tests := []struct {
		name    string
		doc     *notice.Document
		rows    int
		turned  bool
		pagesAt int // at least this many table pages
	}{
		{"narrow table stays upright", narrow(60), 60, false, 2},
		{"wide table turned, 400 rows", bigTableDoc(t, 400, false), 400, true, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := testRenderer(t).Render(tt.doc, created)
			if err != nil {
				t.Fatal(err)
			}
			texts := pdftest.PageTexts(t, out, "-layout")
			pages := pdftest.Words(t, out)
			var tablePages []int
			for i := range texts {
				if strings.Contains(texts[i], "单位") && strings.Contains(texts[i], "号局") {
					tablePages = append(tablePages, i)
				}
			}
			if len(tablePages) < tt.pagesAt {
				t.Fatalf("header on %d pages, want at least %d", len(tablePages), tt.pagesAt)
			}
			seen := map[string]int{}
			for _, i := range tablePages {
				for _, w := range pages[i].Words {
					if strings.HasSuffix(w.Text, "号局") {
						seen[w.Text]++
					}
				}
				// Upright or turned: a turned word's box is taller than wide.
				turned := false
				for _, w := range pages[i].Words {
					if strings.HasSuffix(w.Text, "号局") && w.YMax-w.YMin > w.XMax-w.XMin {
						turned = true
					}
				}
				if turned != tt.turned {
					t.Errorf("page %d turned = %v, want %v", i+1, turned, tt.turned)
				}
			}
			for r := 1; r <= tt.rows; r++ {
				if found := seen[fmt.Sprintf("%d号局", r)]; found != 1 {
					t.Errorf("row %d's unit found %d times, want once", r, found)
				}
			}
			// Page numbers run on through the table pages.
			for _, i := range tablePages {
				var num strings.Builder
				for _, w := range pages[i].Words {
					if isNumberWord(w) {
						num.WriteString(w.Text)
					}
				}
				if want := fmt.Sprintf("—%d—", i+1); num.String() != want {
					t.Errorf("page %d number %q, want %q", i+1, num.String(), want)
				}
			}
		})
	}
}
