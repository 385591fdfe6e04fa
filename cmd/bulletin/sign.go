package main

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pdfsign"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// signCommand is `bulletin sign --in notice.pdf --out signed.pdf --cert
// CERT.pem --key KEY.pem [--seal seal.png]`: sign the notice's empty
// signature field with a detached CMS signature, appended as an
// incremental update, the seal image as its appearance. With REPORT
// PERIOD instead of --in/--out it signs the archived latest version and
// stores the signed copy in the archive (status 已用印).
func signCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sign", stderr)
	in := fs.String("in", "", "要签名的通报 PDF `文件`（带签名域，如 notice.pdf）")
	out := fs.String("out", "", "签名后的 PDF 写到这个`文件`")
	certPath := fs.String("cert", "", "签名`证书`（PEM，可含证书链：先签名证书，后签发者）")
	keyPath := fs.String("key", "", "证书的`私钥`（PEM，未加密的 PKCS#8、PKCS#1 或 EC）")
	sealPath := fs.String("seal", "", "`印章图片`（PNG，透明背景），显示在签名域中")
	field := fs.String("field", "", "签名域`名称`；默认为第一个空白签名域")
	reason := fs.String("reason", "签发", "签名`原因`")
	location := fs.String("location", "", "签名`地点`")
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（签名档案库中的通报时）")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 2 && *in == "" && *out == "" {
		if *certPath == "" || *keyPath == "" {
			return usageError{"缺少必需的选项。" + usageOf("sign")}
		}
		return signArchived(*archiveDir, pos[0], pos[1], *certPath, *keyPath, *sealPath, *field, *reason, *location, stdout, stderr)
	}
	if len(pos) > 0 || *in == "" || *out == "" || *certPath == "" || *keyPath == "" {
		return usageError{"缺少必需的选项。" + usageOf("sign")}
	}
	if abs(*in) == abs(*out) {
		return usageError{"--out 不能与 --in 相同：原文件保持不变"}
	}
	pdf, err := os.ReadFile(*in)
	if err != nil {
		return fmt.Errorf("读取 %s：%w", *in, err)
	}
	s, err := loadSigner(*certPath, *keyPath, *sealPath, *field, *reason, *location)
	if err != nil {
		return err
	}
	signed, err := pdfsign.Sign(pdf, s)
	if err != nil {
		var pe *pdfsign.Error
		if errors.As(err, &pe) {
			return fmt.Errorf("%s：%w", *in, err)
		}
		return err
	}
	if err := archive.WriteFileOut(*out, signed); err != nil {
		return fmt.Errorf("写入 %s：%w", *out, err)
	}
	fmt.Fprintln(stdout, *out)
	return nil
}

// loadSigner reads the certificate, key and seal image.
func loadSigner(certPath, keyPath, sealPath, field, reason, location string) (pdfsign.Signer, error) {
	certs, err := readCertificates(certPath)
	if err != nil {
		return pdfsign.Signer{}, err
	}
	key, err := readKey(keyPath, certs[0])
	if err != nil {
		return pdfsign.Signer{}, err
	}
	s := pdfsign.Signer{Certificate: certs[0], Chain: certs[1:], Key: key, Field: field,
		Reason: reason, Location: location, Time: time.Now()}
	if sealPath != "" {
		f, err := os.Open(sealPath)
		if err != nil {
			return s, fmt.Errorf("读取印章图片 %s：%w", sealPath, err)
		}
		s.Seal, err = png.Decode(f)
		f.Close()
		if err != nil {
			return s, fmt.Errorf("%s：不是有效的 PNG 图片（%v）", sealPath, err)
		}
	}
	return s, nil
}

// signArchived signs the archived latest version of a period and stores
// the signed copy (`bulletin sign REPORT PERIOD`).
func signArchived(archiveDir, id, period, certPath, keyPath, sealPath, field, reason, location string, stdout, stderr io.Writer) error {
	p, err := report.ParsePeriod(period)
	if err != nil {
		return usageError{err.Error()}
	}
	s, err := loadSigner(certPath, keyPath, sealPath, field, reason, location)
	if err != nil {
		return err
	}
	m, c, err := pipeline.SignArchived(archiveDir, reportID(id), p, func(pdf []byte) ([]byte, string, error) {
		signed, err := pdfsign.Sign(pdf, s)
		if err != nil {
			return nil, "", err
		}
		return signed, s.Certificate.Subject.CommonName, nil
	}, s.Time)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "已用印 %s %s 第 %d 版（签名人 %s）：用印件 %s，提交 %.12s\n", m.Report, m.Period, m.Version, m.Signed.Signer, m.Signed.File, c)
	fmt.Fprintln(stdout, filepath.Join(archiveDir, m.Report, m.Period.String(), m.Signed.File))
	return nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// readCertificates reads the signer's certificate and its chain.
func readCertificates(path string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读取证书 %s：%w", path, err)
	}
	var certs []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s：第 %d 个证书无法解析（%v）", path, len(certs)+1, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("%s：没有 PEM 格式的证书（-----BEGIN CERTIFICATE-----）", path)
	}
	return certs, nil
}

// readKey reads a private key and checks that it belongs to cert.
func readKey(path string, cert *x509.Certificate) (crypto.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读取私钥 %s：%w", path, err)
	}
	var key any
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		switch b.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(b.Bytes)
		case "ENCRYPTED PRIVATE KEY":
			return nil, fmt.Errorf("%s：私钥已加密；请先解密（openssl pkcs8 -in %s -out 明文私钥.pem）并妥善保管", path, path)
		default:
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s：私钥无法解析（%v）", path, err)
		}
		break
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("%s：没有 PEM 格式的私钥（-----BEGIN PRIVATE KEY-----）", path)
	}
	type equaler interface{ Equal(crypto.PublicKey) bool }
	if pub, ok := signer.Public().(equaler); !ok || !pub.Equal(cert.PublicKey) {
		return nil, fmt.Errorf("%s：私钥与证书（%s）不匹配", path, cert.Subject.CommonName)
	}
	return signer, nil
}
