package pdf_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
)

// TestCacheChangesNoByte: a notice written with its fonts subset anew and one
// written from cached subsets are the same bytes, and renders running at the
// same time (a service issuing several reports) agree.
func TestCacheChangesNoByte(t *testing.T) {
	want := renderSample(t) // subsets cached by now
	old := pdf.SetCacheSize(0)
	fresh, err := testRenderer(t).Render(sample(t), created)
	pdf.SetCacheSize(old)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, want) {
		t.Fatal("a notice subset anew differs from one written from cached subsets")
	}

	other := sample(t)
	other.DocNumber = "衡县优化办〔2022〕99号"
	wantOther, err := testRenderer(t).Render(other, created)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, w := sample(t), want
			if i%2 == 1 {
				doc, w = other, wantOther
			}
			got, err := testRenderer(t).Render(doc, created)
			if err != nil {
				t.Error(err)
				return
			}
			if !bytes.Equal(got, w) {
				t.Errorf("concurrent render %d differs", i)
			}
		}()
	}
	wg.Wait()
}
