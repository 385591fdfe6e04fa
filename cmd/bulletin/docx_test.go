package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// documentXML returns word/document.xml of a .docx.
func documentXML(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("notice.docx is not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatal("notice.docx has no word/document.xml")
	return ""
}

// TestRunWritesDocx: every issuance writes notice.docx beside notice.pdf,
// archives it, `bulletin show` lists and writes it, and the same inputs
// give the same bytes.
func TestRunWritesDocx(t *testing.T) {
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--date", "2022-11-04")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, filepath.Join(arch, "hengyang-county", "2022Q3", "notice.docx")) {
		t.Errorf("stdout does not list notice.docx:\n%s", r.stdout)
	}
	r = bulletin(t, "show", "--archive", arch, "hengyang-county", "2022Q3")
	if r.code != 0 || !strings.Contains(r.stdout, "notice.docx\t") {
		t.Errorf("bulletin show does not list notice.docx (exit %d):\n%s%s", r.code, r.stdout, r.stderr)
	}
	out := filepath.Join(tmp, "shown.docx")
	if r = bulletin(t, "show", "--archive", arch, "--out", out, "hengyang-county", "2022Q3", "notice.docx"); r.code != 0 {
		t.Fatalf("bulletin show notice.docx: exit %d\n%s", r.code, r.stderr)
	}
	shown, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if x := documentXML(t, shown); !strings.Contains(x, "衡县政务公开办〔2022〕1号") || !strings.Contains(x, "2022年11月4日") {
		t.Error("the archived notice.docx lacks the document number or the date")
	}

	dry := filepath.Join(tmp, "dry")
	if r = bulletin(t, "run", "--report", sampleReport, "--dry-run", "--out", dry, "--date", "2022-11-04", "--archive", arch); r.code != 0 {
		t.Fatalf("dry run: exit %d\n%s", r.code, r.stderr)
	}
	again, err := os.ReadFile(filepath.Join(dry, "notice.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shown, again) {
		t.Error("the same inputs gave a different notice.docx")
	}
}

// TestDocxTurnedOff: outputs.docx: false in report.yaml writes no .docx.
func TestDocxTurnedOff(t *testing.T) {
	tmp := t.TempDir()
	rep := filepath.Join(tmp, "hengyang-county")
	copyTree(t, sampleReport, rep)
	yml := filepath.Join(rep, "report.yaml")
	data, err := os.ReadFile(yml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yml, append(data, "\noutputs:\n  docx: false\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	r := bulletin(t, "run", "--report", rep, "--dry-run", "--out", out, "--date", "2022-11-04")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "notice.docx")); !os.IsNotExist(err) {
		t.Errorf("outputs.docx: false, yet notice.docx was written (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "notice.pdf")); err != nil {
		t.Errorf("no notice.pdf: %v", err)
	}
}

// TestSampleDocxInLibreOffice converts the bundled sample's notice.docx
// with LibreOffice: within a page of notice.pdf, and every line of
// notice.txt (each table row's cells run together) in the converted text,
// in order.
func TestSampleDocxInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not converting notice.docx with LibreOffice")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui): notice.docx was not opened by a word processor")
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("poppler-utils is not installed: the converted notice.docx cannot be read back")
	}
	out := filepath.Join(t.TempDir(), "out")
	if r := bulletin(t, "run", "--report", sampleReport, "--dry-run", "--out", out, "--date", "2022-11-04"); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	conv := t.TempDir()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", conv, filepath.Join(out, "notice.docx"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	pdf := filepath.Join(conv, "notice.pdf")
	pages := func(file string) int {
		info, err := exec.Command("pdfinfo", file).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(l, "Pages:"); ok {
				n, _ := strconv.Atoi(strings.TrimSpace(v))
				return n
			}
		}
		return 0
	}
	if got, want := pages(pdf), pages(filepath.Join(out, "notice.pdf")); got < want-1 || got > want+1 || got == 0 {
		t.Errorf("LibreOffice made %d pages of notice.docx; notice.pdf has %d", got, want)
	}
	txt, err := os.ReadFile(filepath.Join(out, "notice.txt"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Without the page numbers, which split paragraphs running over pages.
	text := regexp.MustCompile(`—\d+—`).ReplaceAllString(squash(string(raw)), "")
	at := 0
	for _, line := range strings.Split(string(txt), "\n") {
		if strings.Contains(line, "/") && strings.Contains(line, " | ") {
			continue // a header with groups: its rows read differently
		}
		want := squash(strings.ReplaceAll(line, " | ", ""))
		if want == "" {
			continue
		}
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Errorf("the converted notice.docx lacks, after byte %d, the line %q", at, line)
			continue
		}
		at += i + len(want)
	}
}
