package pdftest

import (
	"encoding/json"
	"path/filepath"
	"runtime"
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
