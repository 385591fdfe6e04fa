package pdfsigntest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/pdfsign"
)

// SealDiameter is the seal's diameter in points: 42 mm, the usual size
// of an office's seal.
const SealDiameter = 42 / 25.4 * 72

type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type bboxPage struct {
	Height float64    `xml:"height,attr"`
	Words  []bboxWord `xml:"word"`
}

// dateLine is a 成文日期 on a line of its own: 2022年11月4日 (not "…印发").
var dateLine = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)

// SealPlace finds where the seal goes on a rendered notice, as §7.3.5.1
// places it: the page of the 成文日期, a circle SealDiameter wide centred
// over the date, its lower part pressing on the 署名 and the date (both
// below its centre). It reads the PDF back with pdftotext -bbox.
func SealPlace(t testing.TB, pdf []byte) (page int, rect pdfsign.Rect) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notice.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	page, rect, err = sealPlace(out)
	if err != nil {
		t.Fatal(err)
	}
	return page, rect
}

func sealPlace(html []byte) (int, pdfsign.Rect, error) {
	var doc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(bytes.NewReader(html))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		return 0, pdfsign.Rect{}, fmt.Errorf("reading pdftotext -bbox output: %v", err)
	}
	for i := len(doc.Pages) - 1; i >= 0; i-- {
		p := doc.Pages[i]
		for j, w := range p.Words {
			if !dateLine.MatchString(w.Text) || j == 0 {
				continue
			}
			cx := (w.XMin + w.XMax) / 2
			bottom := p.Height - w.YMax // the date's foot, in PDF space
			r := SealDiameter / 2
			lly := bottom - 4
			return i + 1, pdfsign.Rect{LLX: cx - r, LLY: lly, URX: cx + r, URY: lly + SealDiameter}, nil
		}
	}
	return 0, pdfsign.Rect{}, fmt.Errorf("no 成文日期 line (like 2022年11月4日) found in the PDF")
}
