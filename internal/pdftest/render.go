package pdftest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// Created is the creation time the tests' renders carry (the sample's
// 成文日期, 2022-11-04).
var Created = time.Date(2022, 11, 4, 9, 30, 0, 0, time.UTC)

// Faces returns the bundled stand-in faces, as a reproducible run uses
// them (the office's own fonts would make the tests depend on the
// machine).
func Faces(t testing.TB) *fonts.Set {
	t.Helper()
	set, err := fonts.Load(fonts.Options{NoSystemFonts: true})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Lay lays doc out on the GB/T 9704 grid with the bundled faces, as the
// pipeline does.
func Lay(t testing.TB, doc *notice.Document) *gongwen.Document {
	t.Helper()
	laid, err := gongwen.Lay(doc, gongwen.Measure(Faces(t)))
	if err != nil {
		t.Fatal(err)
	}
	return laid
}

// Render lays doc out and draws it as notice.pdf, as the pipeline does.
func Render(t testing.TB, doc *notice.Document) []byte {
	t.Helper()
	b, err := pdf.Render(Lay(t, doc), Faces(t), Created)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ForwardingNotice reads the realistic forwarding notice of the reference
// document (a county notice forwarding the city's 情况通报 with its
// 21-column, 23-row table), internal/gongwen/testdata/forwarding-notice.json.
func ForwardingNotice(t testing.TB) *notice.Document {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	data := File(t, filepath.Join(filepath.Dir(here), "..", "gongwen", "testdata", "forwarding-notice.json"))
	var doc notice.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

var forwarding struct {
	once sync.Once
	pdf  []byte
}

// ForwardingPDF returns the forwarding notice rendered (once for the test
// binary; each caller gets its own copy).
func ForwardingPDF(t testing.TB) []byte {
	t.Helper()
	forwarding.once.Do(func() { forwarding.pdf = Render(t, ForwardingNotice(t)) })
	if forwarding.pdf == nil {
		t.Fatal("the forwarding notice did not render")
	}
	return append([]byte(nil), forwarding.pdf...)
}

var sample struct {
	once sync.Once
	pdf  []byte
	err  error
}

// SampleNotice returns the bundled sample's notice.pdf (衡阳县 2022Q3, dated
// 2022-11-04) as `bulletin run` writes it, with its empty signature field:
// the real program, run once per test binary with --dry-run. Each caller
// gets its own copy.
func SampleNotice(t testing.TB) []byte {
	t.Helper()
	sample.once.Do(func() { sample.pdf, sample.err = runSample() })
	if sample.err != nil {
		t.Fatalf("rendering the sample notice: %v", sample.err)
	}
	return append([]byte(nil), sample.pdf...)
}

func runSample() ([]byte, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return nil, err
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	dir, err := os.MkdirTemp("", "pdftest")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("go", "run", "./cmd/bulletin", "run", "--dry-run", "--date", "2022-11-04", "--out", dir)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go run ./cmd/bulletin run: %v\n%s", err, out)
	}
	return os.ReadFile(filepath.Join(dir, "notice.pdf"))
}
