package main

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/pdfsign/pdfsigntest"
)

// TestSignNotice renders the sample with `bulletin run --dry-run` (which
// puts the empty signature field over the seal's place: pdfsig lists it)
// and signs it with `bulletin sign`; pdfsig checks the result.
func TestSignNotice(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if r := bulletin(t, "run", "--report", sampleReport, "--dry-run", "--out", out, "--date", "2022-11-04"); r.code != 0 {
		t.Fatalf("run: %d %s", r.code, r.stderr)
	}
	withField, err := os.ReadFile(filepath.Join(out, "notice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	listed, _ := exec.Command("pdfsig", "-nocert", filepath.Join(out, "notice.pdf")).CombinedOutput()
	if !strings.Contains(string(listed), "Signature Field Name: Seal") || !strings.Contains(string(listed), "not signed") {
		t.Errorf("pdfsig does not list the empty field of the issued notice:\n%s", listed)
	}
	// The field lies over the date, where pdftotext finds it: within a few
	// points of the seal's place worked out from the date's position.
	_, want := pdfsigntest.SealPlace(t, withField)
	update := withField[bytes.Index(withField, []byte("%%EOF")):]
	m := regexp.MustCompile(`/Rect \[([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\]`).FindSubmatch(update)
	if m == nil {
		t.Fatalf("no field rectangle in the update:\n%.600s", update)
	}
	got := make([]float64, 4)
	for i := range got {
		got[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
	}
	for i, w := range []float64{want.LLX, want.LLY, want.URX, want.URY} {
		if d := got[i] - w; d > 15 || d < -15 {
			t.Errorf("the field %v is not over the date's seal place %+v", got, want)
			break
		}
	}
	in := filepath.Join(dir, "notice.pdf")
	os.WriteFile(in, withField, 0o644)
	bare := filepath.Join(dir, "bare.pdf")
	os.WriteFile(bare, withField[:bytes.Index(withField, []byte("%%EOF"))+6], 0o644)
	id := pdfsigntest.NewIdentity(t, true)
	certPath, keyPath := id.WritePEM(t, dir)
	sealPath := filepath.Join(dir, "seal.png")
	var buf bytes.Buffer
	png.Encode(&buf, pdfsigntest.Seal(300))
	os.WriteFile(sealPath, buf.Bytes(), 0o644)

	signed := filepath.Join(dir, "signed.pdf")
	r := bulletin(t, "sign", "--in", in, "--out", signed, "--cert", certPath, "--key", keyPath, "--seal", sealPath, "--location", "衡阳县")
	if r.code != 0 || strings.TrimSpace(r.stdout) != signed {
		t.Fatalf("sign: exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
	}
	check, _ := exec.Command("pdfsig", "-nocert", signed).CombinedOutput()
	for _, want := range []string{"Signature is Valid", "Total document signed"} {
		if !strings.Contains(string(check), want) {
			t.Errorf("pdfsig lacks %q:\n%s", want, check)
		}
	}
	if after, _ := os.ReadFile(in); !bytes.Equal(after, withField) {
		t.Error("the input file changed")
	}
	if text := pdfText(t, signed); !strings.Contains(text, "2022年11月4日") {
		t.Error("the signed notice's text does not extract")
	}

	// Signing it again, a notice without a field, a key of another
	// certificate: exit 1 with a Chinese message naming the file.
	other := pdfsigntest.NewIdentity(t, false)
	otherDir := t.TempDir()
	_, otherKey := other.WritePEM(t, otherDir)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--in", signed, "--out", filepath.Join(dir, "twice.pdf"), "--cert", certPath, "--key", keyPath}, "没有空白的签名域"},
		{[]string{"--in", bare, "--out", filepath.Join(dir, "x.pdf"), "--cert", certPath, "--key", keyPath}, "bare.pdf：PDF 没有空白的签名域"},
		{[]string{"--in", in, "--out", filepath.Join(dir, "y.pdf"), "--cert", certPath, "--key", otherKey}, "私钥与证书"},
		{[]string{"--in", in, "--out", filepath.Join(dir, "z.pdf"), "--cert", keyPath, "--key", keyPath}, "没有 PEM 格式的证书"},
	} {
		r := bulletin(t, append([]string{"sign"}, tc.args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("sign %v: exit %d, stderr %q; want 1 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	if r := bulletin(t, "sign", "--in", in, "--out", in, "--cert", certPath, "--key", keyPath); r.code != 2 {
		t.Errorf("--out = --in: exit %d, want 2", r.code)
	}
	if r := bulletin(t, "sign", "--in", in); r.code != 2 || !strings.Contains(r.stderr, "用法") {
		t.Errorf("missing flags: exit %d %q", r.code, r.stderr)
	}
}
