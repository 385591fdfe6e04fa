// Package pdftest reads PDFs back for tests, the way a user checks a
// notice: its text (pdftotext), its words with their boxes in millimetres
// (pdftotext -bbox), its pages as pictures (pdftoppm), its fonts
// (pdffonts), its fields (pdfinfo, pdfsig) and its structure (qpdf). It
// also makes the PDFs tests read: a notice laid out and rendered as the
// pipeline does, with the bundled fonts (Render, ForwardingPDF), and the
// bundled sample's notice.pdf as `bulletin run` writes it (SampleNotice),
// so that every test package makes them the same way.
//
// It is imported by tests only (TestArchitecture in cmd/bulletin fails
// when a non-test package imports it). Each function fails the test, with
// the tool's complaint, when a tool is missing or refuses the file;
// poppler-utils and qpdf are in .ci/run's list.
package pdftest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// File reads a PDF a test wrote to disk (a run's notice.pdf, LibreOffice's
// conversion).
func File(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// write puts pdf in a file of the test's temporary folder for a tool.
func write(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs a tool and returns its standard output; a missing tool or a
// failure fails the test.
func run(t testing.TB, tool string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			t.Fatalf("%s is needed to read the PDF back: apt-get install poppler-utils qpdf", tool)
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatalf("%s: %v", tool, err)
	}
	return out
}

// Text returns the PDF's text as pdftotext reads it, in UTF-8; opts are
// pdftotext's options ("-layout", "-raw", "-f", "1", …).
func Text(t testing.TB, pdf []byte, opts ...string) string {
	t.Helper()
	args := append(append([]string{"-enc", "UTF-8"}, opts...), write(t, pdf), "-")
	return string(run(t, "pdftotext", args...))
}

// PageTexts returns each page's text as pdftotext reads it with opts
// (pages end with a form feed).
func PageTexts(t testing.TB, pdf []byte, opts ...string) []string {
	t.Helper()
	pages := strings.Split(Text(t, pdf, opts...), "\f")
	return pages[:len(pages)-1]
}

// Info returns pdfinfo's fields (dates in ISO 8601).
func Info(t testing.TB, pdf []byte) map[string]string {
	t.Helper()
	info := map[string]string{}
	for _, l := range strings.Split(string(run(t, "pdfinfo", "-isodates", write(t, pdf))), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// PageCount returns the number of pages pdfinfo counts.
func PageCount(t testing.TB, pdf []byte) int {
	t.Helper()
	n, err := strconv.Atoi(Info(t, pdf)["Pages"])
	if err != nil {
		t.Fatal("pdfinfo gave no page count")
	}
	return n
}

// Font is one line of pdffonts.
type Font struct {
	Name     string // as embedded, with its subset tag (ABCDEF+NotoSerifSC-Regular)
	Embedded bool
	Subset   bool
	Unicode  bool // has a ToUnicode map
	Line     string
}

// Fonts lists the PDF's fonts as pdffonts reads them.
func Fonts(t testing.TB, pdf []byte) []Font {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(run(t, "pdffonts", write(t, pdf)))), "\n")
	var fonts []Font
	for _, l := range lines[min(2, len(lines)):] {
		// name type encoding emb sub uni object ID
		f := strings.Fields(l)
		n := len(f)
		if n < 7 {
			fonts = append(fonts, Font{Line: l})
			continue
		}
		fonts = append(fonts, Font{Name: f[0], Embedded: f[n-5] == "yes", Subset: f[n-4] == "yes", Unicode: f[n-3] == "yes", Line: l})
	}
	return fonts
}

// Sig returns what pdfsig says of the PDF's signatures and fields, with
// opts ("-nocert", …); pdfsig's exit status (1 for an invalid signature)
// is left for the test to judge from the text.
func Sig(t testing.TB, pdf []byte, opts ...string) string {
	t.Helper()
	out, err := exec.Command("pdfsig", append(opts, write(t, pdf))...).CombinedOutput()
	if errors.Is(err, exec.ErrNotFound) {
		t.Fatal("pdfsig is needed to read the signature back: apt-get install poppler-utils")
	}
	return string(out)
}

// Check runs qpdf --check and fails the test on any complaint. Without
// qpdf the check is skipped, saying so in the test's log.
func Check(t testing.TB, pdf []byte) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Log("qpdf not installed: structure check skipped (apt-get install qpdf)")
		return
	}
	path := write(t, pdf)
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, bytes.TrimSpace(out))
	}
}
