// Package pdfsigntest provides what tests of signing need: a test CA and
// signing certificate made in code, a red test seal with transparency,
// the bundled sample notice rendered by the real command, and the seal's
// place on it found with pdftotext -bbox.
package pdfsigntest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Identity is a test signer: a certificate issued by a test CA, its key.
type Identity struct {
	CA   *x509.Certificate
	Cert *x509.Certificate
	Key  crypto.Signer
}

// NewIdentity makes a CA and a signing certificate issued by it; rsaKey
// chooses RSA 2048 over ECDSA P-256 for the signer.
func NewIdentity(t testing.TB, rsaKey bool) Identity {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "测试电子印章 CA", Organization: []string{"bulletin tests"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	var key crypto.Signer
	if rsaKey {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	} else {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:   big.NewInt(2),
		Subject:        pkix.Name{CommonName: "衡阳县政务公开政务服务领导小组办公室", Organization: []string{"bulletin tests"}},
		NotBefore:      now.Add(-time.Hour),
		NotAfter:       now.Add(24 * time.Hour),
		KeyUsage:       x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:    []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		AuthorityKeyId: ca.SubjectKeyId,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return Identity{CA: ca, Cert: cert, Key: key}
}

// WritePEM writes the certificate (followed by the CA) and the key as PEM
// files in dir and returns their paths.
func (id Identity) WritePEM(t testing.TB, dir string) (certPath, keyPath string) {
	t.Helper()
	keyDER, err := x509.MarshalPKCS8PrivateKey(id.Key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: id.Cert.Raw}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: id.CA.Raw})...)
	certPath, keyPath = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certPath, certPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certPath, keyPath
}

// sealRed is the red of official seals.
var sealRed = color.NRGBA{R: 0xE6, G: 0x00, B: 0x12, A: 0xFF}

// Seal draws a round red test seal, size pixels wide: a ring and a
// five-pointed star on a transparent ground, edges anti-aliased.
func Seal(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	outer, inner := c*0.98, c*0.88
	star := starPolygon(c, c, c*0.42)
	const ss = 4 // samples per axis
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			hits := 0
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					px := float64(x) + (float64(sx)+0.5)/ss
					py := float64(y) + (float64(sy)+0.5)/ss
					r := math.Hypot(px-c, py-c)
					if (r <= outer && r >= inner) || inPolygon(star, px, py) {
						hits++
					}
				}
			}
			if hits > 0 {
				col := sealRed
				col.A = uint8(hits * 255 / (ss * ss))
				img.SetNRGBA(x, y, col)
			}
		}
	}
	return img
}

func starPolygon(cx, cy, r float64) [][2]float64 {
	var pts [][2]float64
	for i := 0; i < 10; i++ {
		rr := r
		if i%2 == 1 {
			rr = r * 0.382
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, [2]float64{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
	}
	return pts
}

func inPolygon(poly [][2]float64, x, y float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

var notice struct {
	once sync.Once
	pdf  []byte
	err  error
}

// Notice returns the bundled sample notice (衡阳县 2022Q3, dated
// 2022-11-04) as the typesetter wrote it, before bulletin adds its
// signature field: `bulletin run --dry-run` renders it (the real program,
// built once per test binary) and the field's incremental update is cut
// off. IssuedNotice is the notice with its field, as run writes it.
func Notice(t testing.TB) []byte {
	pdf := IssuedNotice(t)
	if i := bytes.Index(pdf, []byte("%%EOF")); i >= 0 {
		end := i + len("%%EOF")
		for end < len(pdf) && (pdf[end] == '\r' || pdf[end] == '\n') {
			end++
		}
		pdf = pdf[:end]
	}
	return pdf
}

// IssuedNotice returns the bundled sample notice as `bulletin run` writes
// it, with the empty signature field over the seal's place.
func IssuedNotice(t testing.TB) []byte {
	t.Helper()
	notice.once.Do(func() {
		notice.pdf, notice.err = renderNotice()
	})
	if notice.err != nil {
		t.Fatalf("rendering the sample notice: %v", notice.err)
	}
	return append([]byte(nil), notice.pdf...)
}

func renderNotice() ([]byte, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return nil, err
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	dir, err := os.MkdirTemp("", "pdfsigntest")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("go", "run", "./cmd/bulletin", "run", "--dry-run", "--date", "2022-11-04", "--out", dir)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go run ./cmd/bulletin run: %v\n%s", err, out)
	}
	return os.ReadFile(filepath.Join(dir, "notice.pdf"))
}
