package docx_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
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

// faces are the bundled stand-ins, as a reproducible run uses them.
func faces(t testing.TB) *fonts.Set {
	t.Helper()
	set, err := fonts.Load(fonts.Options{NoSystemFonts: true})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// lay lays doc out as the pipeline does.
func lay(t testing.TB, doc *notice.Document) *gongwen.Document {
	t.Helper()
	laid, err := gongwen.Lay(doc, gongwen.Measure(faces(t)))
	if err != nil {
		t.Fatal(err)
	}
	return laid
}

// both lays doc out once and returns the PDF and the .docx made from the
// same laid-out document.
func both(t testing.TB, doc *notice.Document) (pdfBytes, docxBytes []byte) {
	t.Helper()
	laid := lay(t, doc)
	pdfBytes, err := pdf.Render(laid, faces(t), created)
	if err != nil {
		t.Fatal(err)
	}
	docxBytes, err = docx.Bytes(laid, created)
	if err != nil {
		t.Fatal(err)
	}
	return pdfBytes, docxBytes
}
