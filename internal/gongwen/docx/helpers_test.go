package docx_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/gongwen/docx"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

var created = pdftest.Created

// sample is the forwarding notice of the reference document (a county
// notice forwarding the city's 情况通报 with its 21-column, 23-row table).
func sample(t testing.TB) *notice.Document { return pdftest.ForwardingNotice(t) }

// lay lays doc out as the pipeline does.
func lay(t testing.TB, doc *notice.Document) *gongwen.Document { return pdftest.Lay(t, doc) }

// both lays doc out once and returns the PDF and the .docx made from the
// same laid-out document.
func both(t testing.TB, doc *notice.Document) (pdfBytes, docxBytes []byte) {
	t.Helper()
	laid := lay(t, doc)
	pdfBytes, err := pdf.Render(laid, pdftest.Faces(t), created)
	if err != nil {
		t.Fatal(err)
	}
	docxBytes, err = docx.Bytes(laid, created)
	if err != nil {
		t.Fatal(err)
	}
	return pdfBytes, docxBytes
}
