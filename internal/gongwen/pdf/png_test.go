package pdf_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// TestDocsPNGs writes the pictures docs/layout.md shows when run with
// -png DIR:
//
//	go test ./internal/gongwen/pdf -run DocsPNGs -png "$PWD/docs"
func TestDocsPNGs(t *testing.T) {
	if *pngDir == "" {
		t.Skip("no -png folder given")
	}
	pages, err := testRenderer(t).Layout(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	lastBody, table := 0, 0
	for i, p := range pages {
		for _, it := range p.Items {
			tx, ok := it.(gongwen.Text)
			if !ok {
				continue
			}
			if lastBody == 0 && tx.Face == gongwen.Hei && strings.HasPrefix(tx.S, "附") && tx.Y < gongwen.TypeTopMM+gongwen.LinePitchMM {
				lastBody = i // the page before the first attachment
			}
			if table == 0 && tx.Rotate != 0 || table == 0 && tx.S == "序号" {
				table = i + 1
			}
		}
	}
	pdf := renderSample(t)
	for name, page := range map[string]int{"page1": 1, "last-body-page": lastBody, "attachment": table} {
		if page == 0 {
			t.Fatalf("no page for %s", name)
		}
		out := filepath.Join(*pngDir, name)
		pdftest.WritePNG(t, pdf, page, 80, out)
		t.Logf("wrote %s.png (page %d)", out, page)
	}
}
