package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"image"
	"strings"
	"time"

	"github.com/smallstep/pkcs7"
)

// SubFilter is the signature's encoding: a detached CMS (PKCS #7)
// SignedData over the signed byte ranges, SHA-256.
const SubFilter = "adbe.pkcs7.detached"

// Signer is who signs, with what, and how the signature looks.
type Signer struct {
	Certificate *x509.Certificate   // the signer's certificate
	Chain       []*x509.Certificate // issuing certificates, nearest first (optional)
	Key         crypto.Signer       // the certificate's private key (RSA or ECDSA)

	Field string      // the signature field to fill; empty: the first unsigned one
	Seal  image.Image // the seal drawn in the field (a PNG with transparency); nil: none drawn

	Name     string    // the signer's name (/Name); default: the certificate's subject CN
	Reason   string    // why (/Reason), e.g. "签发"
	Location string    // where (/Location)
	Time     time.Time // signing time written in /M; default: now
}

// Sign fills an empty signature field of pdf with a detached CMS
// signature covering the whole file but the signature itself, written as
// an incremental update: the original bytes are the prefix of the result,
// so a signature already in pdf stays valid. The seal image, if given,
// becomes the field's visible appearance.
func Sign(pdf []byte, s Signer) ([]byte, error) {
	if s.Certificate == nil || s.Key == nil {
		return nil, errorf(ErrBadInput, "签名需要证书和私钥")
	}
	d, err := readDocument(pdf)
	if err != nil {
		return nil, err
	}
	fields, err := d.fields()
	if err != nil {
		return nil, err
	}
	var f *fieldInfo
	for i := range fields {
		fi := &fields[i]
		if !fi.isSig || (s.Field != "" && fi.name != s.Field) {
			continue
		}
		if fi.signed {
			if s.Field != "" {
				return nil, errorf(ErrSigned, "签名域 %q 已经签过名", s.Field)
			}
			continue
		}
		f = fi
		break
	}
	if f == nil {
		if s.Field != "" {
			return nil, errorf(ErrNoField, "PDF 没有名为 %q 的签名域", s.Field)
		}
		return nil, errorf(ErrNoField, "PDF 没有空白的签名域（印发的通报在印章位置带有签名域）")
	}
	rect, ok := widgetRect(f.wdict)
	if !ok {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：签名域 %q 没有有效的 /Rect", f.name)
	}
	if s.Time.IsZero() {
		s.Time = time.Now()
	}
	if s.Name == "" {
		s.Name = s.Certificate.Subject.CommonName
	}

	u := newUpdate(d)
	var ap ref
	if s.Seal != nil {
		if ap, err = sealAppearance(u, rect, s.Seal); err != nil {
			return nil, err
		}
	} else {
		ap = emptyAppearance(u, rect)
	}
	capacity := contentsCapacity(s)
	sig := newDict()
	sig.set("Type", name("Sig"))
	sig.set("Filter", name("Adobe.PPKLite"))
	sig.set("SubFilter", name(SubFilter))
	sig.set("ByteRange", raw(byteRangePlaceholder))
	sig.set("Contents", raw("<"+strings.Repeat("0", 2*capacity)+">"))
	sig.set("M", raw(pdfDate(s.Time)))
	if s.Name != "" {
		sig.set("Name", textString(s.Name))
	}
	if s.Reason != "" {
		sig.set("Reason", textString(s.Reason))
	}
	if s.Location != "" {
		sig.set("Location", textString(s.Location))
	}
	sigRef := u.add(sig)

	fd := f.dict.clone()
	fd.set("V", sigRef)
	if f.widget == f.ref {
		fd.set("AP", apDict(ap))
		fd.set("F", 4)
	} else {
		wd := f.wdict.clone()
		wd.set("AP", apDict(ap))
		u.set(f.widget, wd)
	}
	u.set(f.ref, fd)
	if err := editAcroForm(d, u, func(form *dict) error {
		flags, _ := number(form.get("SigFlags"))
		form.set("SigFlags", int(flags)|3) // SignaturesExist, AppendOnly
		return nil
	}); err != nil {
		return nil, err
	}
	out := u.bytes()
	return fillSignature(out, u.offsets[sigRef.num], capacity, s)
}

// byteRangePlaceholder reserves room for the four numbers of /ByteRange.
var byteRangePlaceholder = "[0 " + strings.Repeat(" ", 3*11) + "]"

// fillSignature writes /ByteRange and /Contents into the signature
// dictionary, which starts at from in out.
func fillSignature(out []byte, from, capacity int, s Signer) ([]byte, error) {
	br := bytes.Index(out[from:], []byte("/ByteRange "+byteRangePlaceholder))
	ct := bytes.Index(out[from:], []byte("/Contents <"))
	if br < 0 || ct < 0 {
		return nil, fmt.Errorf("pdfsign: signature placeholders not found")
	}
	br += from + len("/ByteRange ")
	start := from + ct + len("/Contents ") // at '<'
	end := start + 2 + 2*capacity          // after '>'
	ranges := fmt.Sprintf("[0 %d %d %d", start, end, len(out)-end)
	if len(ranges) > len(byteRangePlaceholder)-1 {
		return nil, fmt.Errorf("pdfsign: file too large for the byte range")
	}
	copy(out[br:], ranges)

	signed := make([]byte, 0, len(out)-(end-start))
	signed = append(append(signed, out[:start]...), out[end:]...)
	sd, err := pkcs7.NewSignedData(signed)
	if err != nil {
		return nil, err
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	if err := sd.AddSignerChain(s.Certificate, s.Key, s.Chain, pkcs7.SignerInfoConfig{}); err != nil {
		return nil, errorf(ErrBadInput, "无法用该证书和私钥签名：%v", err)
	}
	for _, c := range s.Chain {
		sd.AddCertificate(c)
	}
	sd.Detach()
	der, err := sd.Finish()
	if err != nil {
		return nil, err
	}
	if len(der) > capacity {
		return nil, fmt.Errorf("pdfsign: signature of %d bytes exceeds the %d reserved", len(der), capacity)
	}
	copy(out[start+1:], strings.ToUpper(hex.EncodeToString(der)))
	return out, nil
}

// contentsCapacity is the room reserved for the CMS signature: the
// certificates it carries plus ample room for the signer info.
func contentsCapacity(s Signer) int {
	n := 8192 + len(s.Certificate.Raw)
	for _, c := range s.Chain {
		n += len(c.Raw)
	}
	return n
}

func widgetRect(w *dict) (Rect, bool) {
	f, ok := fourNumbers(w.get("Rect"))
	if !ok {
		return Rect{}, false
	}
	r := Rect{min(f[0], f[2]), min(f[1], f[3]), max(f[0], f[2]), max(f[1], f[3])}
	return r, r.Width() > 0 && r.Height() > 0
}

// pdfDate writes t as a PDF date string, (D:20221104093000+08'00').
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("(D:%s%c%02d'%02d')", t.Format("20060102150405"), sign, off/3600, off/60%60)
}
