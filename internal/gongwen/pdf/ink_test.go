package pdf_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// inkRows renders one page in grey at dpi and returns, for each pixel row,
// the share of the 版心's width that is dark.
func inkRows(t *testing.T, pdf []byte, page, dpi int) []float64 {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	n := strconv.Itoa(page)
	out, err := exec.Command("pdftoppm", "-gray", "-r", strconv.Itoa(dpi), "-f", n, "-l", n, "-singlefile", path).Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	r := bufio.NewReader(bytes.NewReader(out))
	var w, h, max int
	if _, err := fmt.Fscanf(r, "P5\n%d %d\n%d\n", &w, &h, &max); err != nil {
		t.Fatalf("read PGM header: %v", err)
	}
	px := make([]byte, w*h)
	if _, err := io.ReadFull(r, px); err != nil {
		t.Fatal(err)
	}
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
	pages := readBack(t, pdf)
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
