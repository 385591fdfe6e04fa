package pdf_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// sample reads the realistic forwarding notice of the reference document
// (a county notice forwarding the city's 情况通报 with its 23-row table).
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

// renderer does what the pipeline does with a notice: lay it out with the
// bundled fonts (the official ones would make the tests depend on the
// machine), then export the laid-out document. The pdf package itself
// never sees the notice.
type renderer struct{ faces *fonts.Set }

func (r renderer) Layout(doc *notice.Document) ([]gongwen.Page, error) {
	return gongwen.Layout(doc, gongwen.Measure(r.faces))
}

func (r renderer) Render(doc *notice.Document, created time.Time) ([]byte, error) {
	laid, err := gongwen.Lay(doc, gongwen.Measure(r.faces))
	if err != nil {
		return nil, err
	}
	return pdf.Render(laid, r.faces, created)
}

// testRenderer lays out and renders with the bundled fonts, parsed once
// for the whole test binary, as in a run.
func testRenderer(t testing.TB) renderer {
	t.Helper()
	faces, err := fonts.Load(fonts.Options{NoSystemFonts: true})
	if err != nil {
		t.Fatal(err)
	}
	return renderer{faces}
}

var created = time.Date(2022, 11, 4, 9, 30, 0, 0, time.UTC)
