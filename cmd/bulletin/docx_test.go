package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
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
