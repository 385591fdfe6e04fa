package docx_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/gongwen/docx"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

var created = time.Date(2022, 11, 4, 9, 30, 0, 0, time.UTC)

// sample reads the forwarding notice of the reference document (a county
// notice forwarding the city's 情况通报 with its 21-column, 23-row table).
func sample(t testing.TB) *notice.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "forwarding-notice.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc notice.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

var (
	rendererOnce sync.Once
	renderer     *pdf.Renderer
	rendererErr  error
)

func testRenderer(t testing.TB) *pdf.Renderer {
	t.Helper()
	rendererOnce.Do(func() {
		renderer, rendererErr = pdf.NewRenderer(pdf.Options{NoSystemFonts: true})
	})
	if rendererErr != nil {
		t.Fatal(rendererErr)
	}
	return renderer
}

// both lays doc out once and returns the PDF and the .docx made from the
// same pages.
func both(t testing.TB, doc *notice.Document) (pdfBytes, docxBytes []byte) {
	t.Helper()
	r := testRenderer(t)
	pages, err := r.Layout(doc)
	if err != nil {
		t.Fatal(err)
	}
	pdfBytes, err = r.Draw(pages, doc, created)
	if err != nil {
		t.Fatal(err)
	}
	d, err := docx.FromLayout(pages, doc, created)
	if err != nil {
		t.Fatal(err)
	}
	docxBytes, err = docx.Write(d)
	if err != nil {
		t.Fatal(err)
	}
	return pdfBytes, docxBytes
}
