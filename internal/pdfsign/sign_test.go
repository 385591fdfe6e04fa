package pdfsign_test

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/pdfsign"
	"github.com/bulletin-gov/bulletin/internal/pdfsign/pdfsigntest"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// withField returns the sample notice with the seal's signature field.
func withField(t *testing.T) (orig, pdf []byte, page int, rect pdfsign.Rect) {
	t.Helper()
	orig = pdfsigntest.Notice(t)
	page, rect = pdfsigntest.SealPlace(t, orig)
	pdf, err := pdfsign.AddField(orig, pdfsign.Field{Page: page, Rect: rect})
	if err != nil {
		t.Fatal(err)
	}
	return orig, pdf, page, rect
}

func TestAddFieldListedByPdfsig(t *testing.T) {
	orig, pdf, page, rect := withField(t)
	if page != 3 {
		t.Errorf("the 成文日期 of the sample is on page 3, found on page %d", page)
	}
	if !bytes.HasPrefix(pdf, orig) {
		t.Fatal("the field is not an incremental update: the original bytes changed")
	}
	out := pdftest.Sig(t, pdf, "-nocert")
	if !strings.Contains(out, "Signature #1") || !strings.Contains(out, "The signature form field is not signed") {
		t.Errorf("pdfsig does not list an unsigned signature field:\n%s", out)
	}
	// The field covers the 署名 and the date, and the page still reads.
	p := strconv.Itoa(page)
	text := pdftest.Text(t, pdf, "-f", p, "-l", p, "-layout")
	for _, want := range []string{"衡阳县政务公开政务服务领导小组办公室", "2022年11月4日"} {
		if !strings.Contains(text, want) {
			t.Errorf("page %d text lost %q after adding the field", page, want)
		}
	}
	if d := rect.Width(); d < 100 || d > 140 {
		t.Errorf("seal field %.0f pt wide, want about 119 (42 mm)", d)
	}
	pdftest.Check(t, pdf)
	// A second field of the same name is refused.
	if _, err := pdfsign.AddField(pdf, pdfsign.Field{Page: page, Rect: rect}); !errors.Is(err, pdfsign.ErrFieldExists) {
		t.Errorf("second field named Seal: got %v, want ErrFieldExists", err)
	}
}

func TestSignValidWholeDocument(t *testing.T) {
	for _, tc := range []struct {
		name string
		rsa  bool
	}{{"RSA", true}, {"ECDSA", false}} {
		t.Run(tc.name, func(t *testing.T) {
			_, unsigned, _, _ := withField(t)
			id := pdfsigntest.NewIdentity(t, tc.rsa)
			signed, err := pdfsign.Sign(unsigned, pdfsign.Signer{
				Certificate: id.Cert, Chain: []*x509.Certificate{id.CA}, Key: id.Key,
				Seal: pdfsigntest.Seal(400), Reason: "签发", Location: "衡阳县",
				Time: time.Date(2022, 11, 4, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
			})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(signed, unsigned) {
				t.Fatal("signing rewrote earlier bytes; it must append an incremental update")
			}
			out := pdftest.Sig(t, signed, "-nocert")
			for _, want := range []string{"Signature is Valid", "Total document signed", "adbe.pkcs7.detached", "衡阳县政务公开政务服务领导小组办公室"} {
				if !strings.Contains(out, want) {
					t.Errorf("pdfsig output lacks %q:\n%s", want, out)
				}
			}
			pdftest.Check(t, signed)
			// Flip one byte of the signed content: the digest no longer matches.
			bad := append([]byte(nil), signed...)
			i := bytes.Index(bad, []byte("/Producer"))
			bad[i+1] ^= 0x01
			if out := pdftest.Sig(t, bad, "-nocert"); !strings.Contains(out, "Digest Mismatch") {
				t.Errorf("a flipped byte should give a digest mismatch:\n%s", out)
			}
			// The text still extracts.
			if text := pdftest.Text(t, signed); !strings.Contains(text, "2022年11月4日") || !strings.Contains(text, "互联网+监管") {
				t.Errorf("text of the signed notice does not extract")
			}
		})
	}
}

func TestSignRefusesWithoutFieldAndTwice(t *testing.T) {
	id := pdfsigntest.NewIdentity(t, false)
	s := pdfsign.Signer{Certificate: id.Cert, Key: id.Key}
	if _, err := pdfsign.Sign(pdfsigntest.Notice(t), s); !errors.Is(err, pdfsign.ErrNoField) {
		t.Errorf("signing a notice without a field: got %v, want ErrNoField", err)
	}
	_, unsigned, _, _ := withField(t)
	signed, err := pdfsign.Sign(unsigned, s)
	if err != nil {
		t.Fatal(err)
	}
	s.Field = pdfsign.DefaultFieldName
	if _, err := pdfsign.Sign(signed, s); !errors.Is(err, pdfsign.ErrSigned) {
		t.Errorf("signing the same field twice: got %v, want ErrSigned", err)
	}
}

func TestRefusesWhatItCannotRead(t *testing.T) {
	notice := pdfsigntest.Notice(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "xrefstream.pdf")
	os.WriteFile(in, notice, 0o644)
	// A compressed PDF (cross-reference stream) as qpdf writes it; without
	// qpdf, a hand-made file whose startxref points at an xref stream.
	compressed := []byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 1 /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n")
	if _, err := exec.LookPath("qpdf"); err == nil {
		if b, err := exec.Command("qpdf", "--object-streams=generate", in, out).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v\n%s", err, b)
		}
		compressed, _ = os.ReadFile(out)
	}
	field := pdfsign.Field{Page: 1, Rect: pdfsign.Rect{LLX: 100, LLY: 100, URX: 200, URY: 200}}
	for name, tc := range map[string]struct {
		pdf  []byte
		kind error
		msg  string
	}{
		"xref stream": {compressed, pdfsign.ErrUnsupported, "交叉引用流"},
		"not a PDF":   {[]byte("PK\x03\x04 a zip"), pdfsign.ErrMalformed, "不是 PDF"},
		"truncated":   {notice[:len(notice)/2], pdfsign.ErrMalformed, "startxref"},
	} {
		_, err := pdfsign.AddField(tc.pdf, field)
		if !errors.Is(err, tc.kind) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: got %v, want %v mentioning %q", name, err, tc.kind, tc.msg)
		}
	}
	if _, err := pdfsign.AddField(notice, pdfsign.Field{Page: 99, Rect: field.Rect}); !errors.Is(err, pdfsign.ErrBadInput) || !strings.Contains(err.Error(), "第 99 页") {
		t.Errorf("page 99 of 8: got %v", err)
	}
}

// TestSecondSignature adds a second field to a signed notice and signs
// it: the first signature still verifies (over the bytes it signed), the
// second covers the whole file. This walks a /Prev chain of three updates.
func TestSecondSignature(t *testing.T) {
	_, unsigned, page, rect := withField(t)
	id := pdfsigntest.NewIdentity(t, false)
	first, err := pdfsign.Sign(unsigned, pdfsign.Signer{Certificate: id.Cert, Key: id.Key, Seal: pdfsigntest.Seal(200)})
	if err != nil {
		t.Fatal(err)
	}
	rect.LLX, rect.URX = rect.LLX-150, rect.URX-150
	two, err := pdfsign.AddField(first, pdfsign.Field{Name: "签发人", Page: page, Rect: rect})
	if err != nil {
		t.Fatal(err)
	}
	second, err := pdfsign.Sign(two, pdfsign.Signer{Certificate: id.Cert, Key: id.Key, Field: "签发人", Reason: "签发"})
	if err != nil {
		t.Fatal(err)
	}
	out := pdftest.Sig(t, second, "-nocert")
	if strings.Count(out, "Signature is Valid") != 2 || strings.Count(out, "Total document signed") != 1 || !strings.Contains(out, "签发人") {
		t.Errorf("want two valid signatures, the second over the whole file:\n%s", out)
	}
}

// TestOtherProducers adds and signs a field in the notice as ghostscript
// and qpdf rewrite it: other writers' object layouts, an /ID, /Annots.
func TestOtherProducers(t *testing.T) {
	notice := pdfsigntest.Notice(t)
	page, rect := pdfsigntest.SealPlace(t, notice)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	os.WriteFile(in, notice, 0o644)
	id := pdfsigntest.NewIdentity(t, true)
	// ghostscript rewrites only the signature page (it is slow), so the
	// field goes on its page 1 there.
	gsPage := fmt.Sprint(page)
	for name, args := range map[string][]string{
		"ghostscript": {"gs", "-q", "-o", filepath.Join(dir, "gs.pdf"), "-sDEVICE=pdfwrite", "-dFirstPage=" + gsPage, "-dLastPage=" + gsPage, in},
		"qpdf":        {"qpdf", "--object-streams=disable", "--qdf", in, filepath.Join(dir, "qpdf.pdf")},
	} {
		if _, err := exec.LookPath(args[0]); err != nil {
			t.Logf("%s not installed; skipped", args[0])
			continue
		}
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		b, err := os.ReadFile(filepath.Join(dir, map[string]string{"ghostscript": "gs.pdf", "qpdf": "qpdf.pdf"}[name]))
		if err != nil {
			t.Fatal(err)
		}
		p := page
		if name == "ghostscript" {
			p = 1
		}
		withField, err := pdfsign.AddField(b, pdfsign.Field{Page: p, Rect: rect})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		signed, err := pdfsign.Sign(withField, pdfsign.Signer{Certificate: id.Cert, Key: id.Key, Seal: pdfsigntest.Seal(200)})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if out := pdftest.Sig(t, signed, "-nocert"); !strings.Contains(out, "Signature is Valid") || !strings.Contains(out, "Total document signed") {
			t.Errorf("%s: pdfsig:\n%s", name, out)
		}
	}
}
