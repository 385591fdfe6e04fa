package pdf_test

import (
	"os"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// sample is the realistic forwarding notice of the reference document (a
// county notice forwarding the city's 情况通报 with its 23-row table).
func sample(t testing.TB) *notice.Document { return pdftest.ForwardingNotice(t) }

// renderSample returns the sample rendered (once for all tests); with
// GONGWEN_OUT set it also writes it there.
func renderSample(t *testing.T) []byte {
	t.Helper()
	out := pdftest.ForwardingPDF(t)
	if p := os.Getenv("GONGWEN_OUT"); p != "" {
		os.WriteFile(p, out, 0o644)
	}
	return out
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
func testRenderer(t testing.TB) renderer { return renderer{pdftest.Faces(t)} }

var created = pdftest.Created
