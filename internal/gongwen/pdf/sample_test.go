package pdf_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

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

var (
	rendererOnce sync.Once
	renderer     *pdf.Renderer
	rendererErr  error
)

// testRenderer is one Renderer for the whole test binary (fonts are parsed
// once, as in a run).
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

var created = time.Date(2022, 11, 4, 9, 30, 0, 0, time.UTC)
