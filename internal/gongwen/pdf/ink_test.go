package pdf_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// inkRows renders one page in grey at dpi and returns, for each pixel row,
// the share of the 版心's width that is dark.
func inkRows(t *testing.T, pdf []byte, page, dpi int) []float64 {
	t.Helper()
	img := pdftest.Gray(t, pdf, page, dpi)
	w, h, px := img.Rect.Dx(), img.Rect.Dy(), img.Pix
	mm := float64(dpi) / 25.4
	x0, x1 := int(gongwen.TypeLeftMM*mm), int(gongwen.TypeRightMM*mm)
	rows := make([]float64, h)
	for y := 0; y < h; y++ {
		dark := 0
		for x := x0; x < x1; x++ {
			if px[y*w+x] < 128 {
				dark++
			}
		}
		rows[y] = float64(dark) / float64(x1-x0)
	}
	return rows
}

func TestColophonRuleInk(t *testing.T) {
	pdf := renderSample(t)
	pages := pdftest.Words(t, pdf)
	last := len(pages)
	if last%2 != 0 {
		t.Fatalf("%d pages: the 版记 page must be even", last)
	}
	const dpi = 300
	rows := inkRows(t, pdf, last, dpi)
	// The lowest full-width rule on the page.
	lowest := -1
	for y, share := range rows {
		if share > 0.95 {
			lowest = y
		}
	}
	if lowest < 0 {
		t.Fatal("no rule on the last page")
	}
	top := lowest
	for top > 0 && rows[top-1] > 0.95 {
		top--
	}
	centre := (float64(top+lowest) + 1) / 2 / (dpi / 25.4)
	if d := centre - gongwen.TypeBottomMM; d > tolMM || d < -tolMM {
		t.Errorf("last rule centred at %.2f mm, want the 版心's bottom edge %.0f mm", centre, gongwen.TypeBottomMM)
	}
}
