package docx_test

import (
	"flag"
	"os/exec"
	"path/filepath"
	"testing"
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
	if msg, err := exec.Command("pdftoppm", "-png", "-r", "80", "-singlefile", "-f", "1", "-l", "1", pdf, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, msg)
	}
	t.Logf("wrote %s.png (%d pages in all)", out, pageCount(t, pdf))
}
