package docx_test

import (
	"context"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// office finds LibreOffice and poppler-utils, or skips the test saying why.
func office(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not converting notice.docx with LibreOffice (takes several seconds)")
	}
	for _, tool := range []string{"pdftotext", "pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian: apt-get install poppler-utils): the converted .docx cannot be read back", tool)
		}
	}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui): notice.docx was not opened by a word processor")
	return ""
}

// toPDF converts a .docx with LibreOffice headless (a private profile) and
// fails on any complaint.
func toPDF(t *testing.T, bin, docx string) string {
	t.Helper()
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()),
		"--headless", "--norestore", "--nologo", "--convert-to", "pdf", "--outdir", out, docx)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+fontConfig(t))
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, msg)
	}
	for _, l := range strings.Split(string(msg), "\n") {
		// A JRE is not needed to convert; its absence is the one warning.
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "convert ") && !strings.Contains(l, "javaldx") {
			t.Errorf("LibreOffice complained: %s", l)
		}
	}
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(docx), ".docx")+".pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("LibreOffice wrote no PDF:\n%s", msg)
	}
	return pdf
}

// fontConfig writes a fontconfig file that adds the bundled stand-in faces
// (the faces notice.pdf is drawn with) under the official names the .docx
// asks for, so that LibreOffice sets the document in them whatever fonts
// the machine has.
func fontConfig(t *testing.T) string {
	t.Helper()
	fonts, err := filepath.Abs(filepath.Join("..", "..", "..", "fonts"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE fontconfig SYSTEM "fonts.dtd">` + "\n<fontconfig>\n")
	b.WriteString(`<include ignore_missing="yes">/etc/fonts/fonts.conf</include>` + "\n")
	fmt.Fprintf(&b, "<dir>%s</dir>\n<cachedir>%s</cachedir>\n", fonts, filepath.Join(dir, "cache"))
	for _, a := range [][2]string{
		{"方正小标宋简体", "Noto Serif SC"}, {"仿宋_GB2312", "Noto Serif SC"}, {"宋体", "Noto Serif SC"},
		{"黑体", "Noto Sans SC"}, {"楷体_GB2312", "Bulletin WenKai GB"},
	} {
		fmt.Fprintf(&b, `<alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>`+"\n", a[0], a[1])
	}
	// The title's stand-in is Noto Serif SC Bold, as in the PDF.
	b.WriteString(`<match target="pattern"><test name="family"><string>方正小标宋简体</string></test>` +
		`<edit name="weight" mode="assign"><const>bold</const></edit></match>` + "\n</fontconfig>\n")
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf
}

func pageCount(t *testing.T, pdf string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	t.Fatal("pdfinfo gave no page count")
	return 0
}

// redBands renders page 1 and returns the red bands from the top: [top,
// bottom] in mm for each run of rows holding red ink, and each band's
// horizontal centre.
func redBands(t *testing.T, pdf string) (bands [][2]float64, centres []float64) {
	t.Helper()
	const dpi = 100
	prefix := filepath.Join(t.TempDir(), "p")
	if out, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	mm := 25.4 / dpi
	b := img.Bounds()
	in := false
	var lo, hi []int // each band's leftmost and rightmost red pixel
	for y := b.Min.Y; y < b.Max.Y; y++ {
		red := false
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 <= 170 || g>>8 >= 110 || bl>>8 >= 110 {
				continue
			}
			if !red && !in {
				bands = append(bands, [2]float64{float64(y) * mm, float64(y) * mm})
				lo, hi = append(lo, x), append(hi, x)
			}
			red = true
			n := len(bands) - 1
			bands[n][1] = float64(y) * mm
			lo[n], hi[n] = min(lo[n], x), max(hi[n], x)
		}
		in = red
	}
	for i := range lo {
		centres = append(centres, float64(lo[i]+hi[i])/2*mm)
	}
	return bands, centres
}

// TestLibreOffice converts notice.docx with LibreOffice and reads the PDF
// back: it converts without complaint, its text is notice.txt's, its page
// count is within one of notice.pdf's, page 1 has the red 发文机关标志 and
// the red line where notice.pdf has them, and the ranking table keeps
// every row and repeats its header rows on each page.
func TestLibreOffice(t *testing.T) {
	bin := office(t)
	doc := sample(t)
	pdfBytes, docxBytes := both(t, doc)
	dir := t.TempDir()
	ref := filepath.Join(dir, "notice.pdf")
	file := filepath.Join(dir, "notice.docx")
	if err := os.WriteFile(ref, pdfBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, docxBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	conv := toPDF(t, bin, file)

	// The stand-ins stood in for the official names (fontConfig).
	if fonts, err := exec.Command("pdffonts", conv).Output(); err == nil && !strings.Contains(string(fonts), "NotoSerifSC") {
		t.Errorf("LibreOffice did not set the text in the bundled faces:\n%s", fonts)
	}
	if got, want := pageCount(t, conv), pageCount(t, ref); got < want-1 || got > want+1 {
		t.Errorf("LibreOffice made %d pages; notice.pdf has %d", got, want)
	} else {
		t.Logf("LibreOffice: %d pages; notice.pdf: %d", got, want)
	}

	// The text, read in content order (-raw keeps a table's cells in
	// order), without page numbers; each table's header rows are counted
	// where they repeat, then dropped from both sides.
	raw, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", conv, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := pageNumber.ReplaceAllString(squash(string(raw)), "")
	want := expectedText(doc)
	for _, tb := range tables(doc) {
		h := headerReading(tb)
		if n := strings.Count(got, h); n < 2 {
			t.Errorf("the header of the %d-row table is printed %d times; want it repeated on each of its pages", len(tb.Rows), n)
		}
		got = strings.ReplaceAll(got, h, "")
		want = strings.Replace(want, h, "", 1)
	}
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("the converted text differs from notice.txt from byte %d:\n got …%s\nwant …%s", i, clip(got[i:]), clip(want[i:]))
	}

	// The red mark and the red line, measured on the renders.
	wantBands, wantX := redBands(t, ref)
	gotBands, gotX := redBands(t, conv)
	if len(wantBands) < 2 || len(gotBands) < 2 {
		t.Fatalf("red bands on page 1: notice.pdf %v, LibreOffice %v; want the mark and the line", wantBands, gotBands)
	}
	mark, line := gotBands[0], gotBands[len(gotBands)-1]
	wmark, wline := wantBands[0], wantBands[len(wantBands)-1]
	t.Logf("red mark %.1f–%.1f mm (notice.pdf %.1f–%.1f), line %.1f mm (%.1f)", mark[0], mark[1], wmark[0], wmark[1], line[0], wline[0])
	if math.Abs(mark[0]-wmark[0]) > 2.5 || math.Abs(mark[1]-wmark[1]) > 2.5 {
		t.Errorf("red mark from %.1f to %.1f mm; notice.pdf has it from %.1f to %.1f mm", mark[0], mark[1], wmark[0], wmark[1])
	}
	if math.Abs(gotX[0]-wantX[0]) > 3 {
		t.Errorf("red mark centred at %.1f mm; notice.pdf at %.1f mm", gotX[0], wantX[0])
	}
	if math.Abs(line[0]-wline[0]) > 1.5 || line[1]-line[0] > 1.5 {
		t.Errorf("red line at %.1f–%.1f mm; notice.pdf has it at %.1f–%.1f mm", line[0], line[1], wline[0], wline[1])
	}
}

func clip(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 60)])
}
