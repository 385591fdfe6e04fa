package pipeline

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// Signed copies (用印件). An issued version gets one signed copy, stored
// beside its notice.pdf as notice-signed.pdf (or .ofd) with its SHA-256
// in the manifest, as a new commit of the same version with status sealed
// (已用印), tagged <report>/<period>/v<N>-signed. The issued notice.pdf is
// never re-rendered or changed.

// SignedName is the signed copy's file name for an extension (.pdf, .ofd).
func SignedName(ext string) string { return "notice-signed" + ext }

// Sealer signs an issued notice: it returns the signed PDF and the
// signer's name (the certificate's subject).
type Sealer func(pdf []byte) (signed []byte, signer string, err error)

// SignArchived signs the latest version of a period, which must be
// issued and not yet sealed, and stores the signed copy.
func SignArchived(archiveDir, reportID string, p report.Period, sign Sealer, now time.Time) (archive.Manifest, string, error) {
	return restate(archiveDir, reportID, p, func(m *archive.Manifest, files []archive.File) ([]archive.File, string, error) {
		if err := sealable(m); err != nil {
			return nil, "", err
		}
		var notice []byte
		for _, f := range files {
			if f.Name == "notice.pdf" {
				notice = f.Data
			}
		}
		if notice == nil {
			return nil, "", fmt.Errorf("%s %s 第%d版没有 notice.pdf", m.Report, m.Period, m.Version)
		}
		signed, signer, err := sign(notice)
		if err != nil {
			return nil, "", err
		}
		name := SignedName(".pdf")
		m.Status = archive.StatusSealed
		m.Signed = &archive.SignedCopy{File: name, SHA256: sha(signed), At: now, Source: "sign", Signer: signer}
		return append(files, archive.File{Name: name, Data: signed}), archive.EventSigned, nil
	})
}

// AttachSigned stores a copy signed or sealed elsewhere (a scan sealed on
// paper, the province's e-seal client): a PDF or an OFD file, named from
// what it is, not from its extension.
func AttachSigned(archiveDir, reportID string, p report.Period, file string, data []byte, now time.Time) (archive.Manifest, string, error) {
	ext, err := signedKind(file, data)
	if err != nil {
		return archive.Manifest{}, "", err
	}
	return restate(archiveDir, reportID, p, func(m *archive.Manifest, files []archive.File) ([]archive.File, string, error) {
		if err := sealable(m); err != nil {
			return nil, "", err
		}
		name := SignedName(ext)
		m.Status = archive.StatusSealed
		m.Signed = &archive.SignedCopy{File: name, SHA256: sha(data), At: now, Source: "attach"}
		return append(files, archive.File{Name: name, Data: data}), archive.EventSigned, nil
	})
}

// sealable refuses a version that is not an issued notice without a
// signed copy.
func sealable(m *archive.Manifest) error {
	switch {
	case m.Imported:
		return &NotSealableError{Report: m.Report, Period: m.Period, Version: m.Version, Why: "只有历史数据，没有通报"}
	case m.Status == archive.StatusDraft:
		return &NotSealableError{Report: m.Report, Period: m.Period, Version: m.Version, Why: "是送审稿，尚未签发"}
	case m.Status == archive.StatusWithdrawn:
		return &NotSealableError{Report: m.Report, Period: m.Period, Version: m.Version, Why: "是已退回的送审稿"}
	case m.Signed != nil:
		return &NotSealableError{Report: m.Report, Period: m.Period, Version: m.Version, Why: "已有用印件 " + m.Signed.File}
	case m.Status == archive.StatusSealed:
		return &NotSealableError{Report: m.Report, Period: m.Period, Version: m.Version, Why: "已用印"}
	}
	return nil
}

// signedKind tells a PDF from an OFD (a zip package with OFD.xml) by its
// content.
func signedKind(file string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return ".pdf", nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			for _, f := range zr.File {
				if strings.EqualFold(f.Name, "OFD.xml") {
					return ".ofd", nil
				}
			}
		}
		return "", &SignedKindError{File: filepath.Base(file), Got: "ZIP 压缩包，但其中没有 OFD.xml"}
	}
	return "", &SignedKindError{File: filepath.Base(file), Got: "既不是 PDF（%PDF-）也不是 OFD"}
}

// NotSealableError is returned when a version cannot get a signed copy.
type NotSealableError struct {
	Report  string
	Period  report.Period
	Version int
	Why     string
}

func (e *NotSealableError) Error() string {
	return fmt.Sprintf("%s %s 第%d版%s，不能用印", e.Report, e.Period, e.Version, e.Why)
}

// SignedKindError is returned for a signed copy that is neither PDF nor
// OFD.
type SignedKindError struct{ File, Got string }

func (e *SignedKindError) Error() string {
	return fmt.Sprintf("%s：%s；用印件应为 PDF 或 OFD 文件", e.File, e.Got)
}
