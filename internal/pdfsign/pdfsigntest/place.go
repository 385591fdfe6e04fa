package pdfsigntest

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/pdfsign"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// SealDiameter is the seal's diameter in points: 42 mm, the usual size
// of an office's seal.
const SealDiameter = 42 / 25.4 * 72

// dateLine is a 成文日期 on a line of its own: 2022年11月4日 (not "…印发").
var dateLine = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)

// SealPlace finds where the seal goes on a rendered notice, as §7.3.5.1
// places it: the page of the 成文日期, a circle SealDiameter wide centred
// over the date, its lower part pressing on the 署名 and the date (both
// below its centre). It reads the PDF back with pdftotext -bbox.
func SealPlace(t testing.TB, pdf []byte) (page int, rect pdfsign.Rect) {
	t.Helper()
	page, rect, err := sealPlace(pdftest.Words(t, pdf))
	if err != nil {
		t.Fatal(err)
	}
	return page, rect
}

func sealPlace(pages []pdftest.Page) (int, pdfsign.Rect, error) {
	for i := len(pages) - 1; i >= 0; i-- {
		p := pages[i]
		for j, w := range p.Words {
			if !dateLine.MatchString(w.Text) || j == 0 {
				continue
			}
			// PDF space: points from the bottom-left corner.
			cx := (w.XMin + w.XMax) / 2 / pdftest.PtMM
			bottom := (p.H - w.YMax) / pdftest.PtMM // the date's foot
			r := SealDiameter / 2
			lly := bottom - 4
			return i + 1, pdfsign.Rect{LLX: cx - r, LLY: lly, URX: cx + r, URY: lly + SealDiameter}, nil
		}
	}
	return 0, pdfsign.Rect{}, fmt.Errorf("no 成文日期 line (like 2022年11月4日) found in the PDF")
}
