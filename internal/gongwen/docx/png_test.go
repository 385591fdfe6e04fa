package docx_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

var (
	docsDocx = flag.String("docx", "", "a notice.docx to render for the docs (TestDocsPNG)")
	docsPNG  = flag.String("png", "", "folder to write docx-page1.png to (TestDocsPNG)")
)

// TestDocsPNG renders page 1 of a .docx as LibreOffice sets it (with the
// bundled faces under the official names) for docs/docx.md:
//
//	go run ./cmd/bulletin run --dry-run --out /tmp/sample --date 2022-11-04
//	go test ./internal/gongwen/docx -run DocsPNG -docx /tmp/sample/notice.docx -png "$PWD/docs"
func TestDocsPNG(t *testing.T) {
	if *docsDocx == "" || *docsPNG == "" {
		t.Skip("no -docx and -png: not writing the docs picture")
	}
	bin := office(t)
	pdf := toPDF(t, bin, *docsDocx)
	out := filepath.Join(*docsPNG, "docx-page1")
	pdftest.WritePNG(t, pdf, 1, 80, out)
	t.Logf("wrote %s.png (%d pages in all)", out, pdftest.PageCount(t, pdf))
}
