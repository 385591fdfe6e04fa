package pdf_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// grayPage renders one page in grey at dpi: width, height and pixels.
func grayPage(t *testing.T, pdf []byte, page, dpi int) (int, int, []byte) {
	t.Helper()
	img := pdftest.Gray(t, pdf, page, dpi)
	return img.Rect.Dx(), img.Rect.Dy(), img.Pix
}

// TestPageNumberDashInk finds the page number's first dash on the rendered
// pages (the leftmost inked columns below the 版心) and checks §7.5: the
// dash's line 7 mm below the 版心's lower edge, measured on the ink.
func TestPageNumberDashInk(t *testing.T) {
	pdf := renderSample(t)
	const dpi = 400
	mm := float64(dpi) / 25.4
	for _, page := range []int{1, 2} { // odd: right; even: left
		w, h, px := grayPage(t, pdf, page, dpi)
		y0, y1 := int(gongwen.TypeBottomMM*mm)+2, min(h, int((gongwen.TypeBottomMM+20)*mm))
		dark := func(x, y int) bool { return px[y*w+x] < 128 }
		colInk := func(x int) bool {
			for y := y0; y < y1; y++ {
				if dark(x, y) {
					return true
				}
			}
			return false
		}
		first := -1
		for x := 0; x < w && first < 0; x++ {
			if colInk(x) {
				first = x
			}
		}
		if first < 0 {
			t.Fatalf("page %d: no page number below the 版心", page)
		}
		last := first
		for last+1 < w && colInk(last+1) {
			last++
		}
		top, bottom := -1, -1
		for y := y0; y < y1; y++ {
			for x := first; x <= last; x++ {
				if dark(x, y) {
					if top < 0 {
						top = y
					}
					bottom = y
					break
				}
			}
		}
		width := float64(last-first+1) / mm
		if width < 3 || float64(bottom-top+1)/mm > 1 {
			t.Fatalf("page %d: first inked shape below the 版心 is %.2f × %.2f mm, not a dash", page, width, float64(bottom-top+1)/mm)
		}
		gap := float64(top)/mm - gongwen.TypeBottomMM
		if gap < gongwen.PageNumberGapMM-0.2 || gap > gongwen.PageNumberGapMM+0.2 {
			t.Errorf("page %d: the dash's ink starts %.2f mm below the 版心, want %.0f mm (§7.5)", page, gap, gongwen.PageNumberGapMM)
		}
		t.Logf("page %d: dash %.2f mm wide, %.2f mm below the 版心", page, width, gap)
	}
}
