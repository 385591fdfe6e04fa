package pdftest

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"path/filepath"
	"strconv"
	"testing"
)

// Gray renders one page (from 1) in grey at dpi with pdftoppm.
func Gray(t testing.TB, pdf []byte, page, dpi int) *image.Gray {
	t.Helper()
	n := strconv.Itoa(page)
	out := run(t, "pdftoppm", "-gray", "-r", strconv.Itoa(dpi), "-f", n, "-l", n, "-singlefile", write(t, pdf))
	r := bufio.NewReader(bytes.NewReader(out))
	var w, h, max int
	if _, err := fmt.Fscanf(r, "P5\n%d %d\n%d\n", &w, &h, &max); err != nil {
		t.Fatalf("read PGM header: %v", err)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	if _, err := io.ReadFull(r, img.Pix); err != nil {
		t.Fatal(err)
	}
	return img
}

// PNG renders one page (from 1) in colour at dpi with pdftoppm and
// decodes it.
func PNG(t testing.TB, pdf []byte, page, dpi int) image.Image {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	WritePNG(t, pdf, page, dpi, prefix)
	img, err := png.Decode(bytes.NewReader(File(t, prefix+".png")))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// WritePNG renders one page (from 1) at dpi into prefix+".png", as the
// pictures in docs/ are made.
func WritePNG(t testing.TB, pdf []byte, page, dpi int, prefix string) {
	t.Helper()
	n := strconv.Itoa(page)
	run(t, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", n, "-l", n, "-singlefile", write(t, pdf), prefix)
}

// PNGs renders every page in colour at dpi with pdftoppm and decodes
// them, in page order.
func PNGs(t testing.TB, pdf []byte, dpi int) []image.Image {
	t.Helper()
	dir := t.TempDir()
	run(t, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), write(t, pdf), filepath.Join(dir, "page"))
	// pdftoppm pads the page numbers to one width, so the names sort.
	paths, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	imgs := make([]image.Image, len(paths))
	for i, p := range paths {
		if imgs[i], err = png.Decode(bytes.NewReader(File(t, p))); err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
	}
	return imgs
}
