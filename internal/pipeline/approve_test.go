package pipeline_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pdfsign"
	"github.com/bulletin-gov/bulletin/internal/pdfsign/pdfsigntest"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// approvalReport copies the bundled report (its data too) to a temporary
// folder as report id with `approval: required` (and extra YAML).
func approvalReport(t *testing.T, id, extra string) *report.Definition {
	t.Helper()
	dir := filepath.Join(t.TempDir(), id)
	if out, err := exec.Command("cp", "-r", sample, dir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	yml, err := os.ReadFile(filepath.Join(dir, report.FileName))
	if err != nil {
		t.Fatal(err)
	}
	yml = bytes.Replace(yml, []byte("id: hengyang-county\n"), []byte("id: "+id+"\n"), 1)
	yml = append(yml, []byte("\napproval: required\n"+extra)...)
	if err := os.WriteFile(filepath.Join(dir, report.FileName), yml, 0o644); err != nil {
		t.Fatal(err)
	}
	def, err := report.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return def
}

var q3 = report.Period{Year: 2022, Quarter: 3}
var day = time.Date(2022, 11, 4, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))

func readArchived(t *testing.T, arch, id, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(arch, id, "2022Q3", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A draft is the notice with the mark and without its number; the
// approved notice is the same but for those two, numbered from the
// office's register.
func TestDraftApprove(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	def := approvalReport(t, "hengyang-county", "")
	out := issue(t, pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: day})
	if out.Status != archive.StatusDraft || out.Version != 1 || out.DocNumber != "衡县政务公开办〔2022〕 号" {
		t.Fatalf("draft: status %q version %d number %q", out.Status, out.Version, out.DocNumber)
	}
	draftText := string(readArchived(t, arch, def.ID, "notice.txt"))
	draftPDF := readArchived(t, arch, def.ID, "notice.pdf")
	if m := manifest(t, arch, "2022Q3"); m.Status != archive.StatusDraft {
		t.Errorf("manifest status %q", m.Status)
	}
	if !strings.Contains(pdfText(t, draftPDF), pipeline.DraftMark) {
		t.Error("the draft PDF has no draft mark")
	}
	// Running again: the draft waits.
	if again := issue(t, pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: day}); again.Committed || again.Decision.Plan != pipeline.NothingNew {
		t.Errorf("a second run over a pending draft: %+v", again.Decision)
	}

	ok, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: def, Period: q3, ArchiveDir: arch, By: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	if ok.Status != archive.StatusIssued || ok.Version != 1 || ok.DocNumber != "衡县政务公开办〔2022〕1号" {
		t.Fatalf("approved: status %q version %d number %q", ok.Status, ok.Version, ok.DocNumber)
	}
	m := manifest(t, arch, "2022Q3")
	if m.Approval == nil || m.Approval.By != "张三" || m.Approval.At.IsZero() {
		t.Errorf("approval not recorded: %+v", m.Approval)
	}
	finalText := string(readArchived(t, arch, def.ID, "notice.txt"))
	finalPDF := readArchived(t, arch, def.ID, "notice.pdf")
	if want := strings.Replace(draftText, "衡县政务公开办〔2022〕 号", "衡县政务公开办〔2022〕1号", 1); finalText != want {
		t.Errorf("the approved notice.txt differs from the draft's beyond the number")
	}
	if strings.Contains(pdfText(t, finalPDF), pipeline.DraftMark) {
		t.Error("the approved PDF keeps the draft mark")
	}
	samePagesButMarkAndNumber(t, draftPDF, finalPDF)
	if sig, _ := exec.Command("pdfsig", "-nocert", filepath.Join(arch, def.ID, "2022Q3", "notice.pdf")).CombinedOutput(); !strings.Contains(string(sig), "Signature Field Name: Seal") {
		t.Errorf("pdfsig lists no field:\n%s", sig)
	}
	if tags := gitOut(t, arch, "tag", "-l"); tags != "hengyang-county/2022Q3/v1\n" {
		t.Errorf("tags %q", tags)
	}
	if _, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: def, Period: q3, ArchiveDir: arch, By: "张三"}); !errors.As(err, new(*pipeline.NoDraftError)) {
		t.Errorf("approving twice: %v", err)
	}

	// A second report of the same office takes the next number; an
	// explicit number already used is refused.
	other := approvalReport(t, "hengyang-county-2", "")
	issue(t, pipeline.Options{Report: other, Period: q3, ArchiveDir: arch, Date: day})
	_, err = pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: other, Period: q3, ArchiveDir: arch, By: "李四", DocNumber: "衡县政务公开办〔2022〕1号"})
	var taken *pipeline.DocNumberTakenError
	if !errors.As(err, &taken) || !strings.Contains(err.Error(), "已被 hengyang-county 2022Q3 第1版使用") {
		t.Errorf("an explicit number in use: %v", err)
	}
	ok2, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: other, Period: q3, ArchiveDir: arch, By: "李四"})
	if err != nil || ok2.DocNumber != "衡县政务公开办〔2022〕2号" {
		t.Fatalf("the second report's number: %q %v", ok2.DocNumber, err)
	}
	third := approvalReport(t, "hengyang-county-3", "")
	issue(t, pipeline.Options{Report: third, Period: q3, ArchiveDir: arch, Date: day})
	ok3, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: third, Period: q3, ArchiveDir: arch, By: "王五", DocNumber: "衡县政务公开办〔2022〕12号"})
	if err != nil || ok3.DocNumber != "衡县政务公开办〔2022〕12号" {
		t.Fatalf("an explicit number: %q %v", ok3.DocNumber, err)
	}
}

// samePagesButMarkAndNumber renders both PDFs and compares every pixel
// but those of the top margin (the mark) and of the 发文字号's line.
func samePagesButMarkAndNumber(t *testing.T, draft, final []byte) {
	t.Helper()
	dir := t.TempDir()
	render := func(name string, pdf []byte) []image.Image {
		p := filepath.Join(dir, name+".pdf")
		os.WriteFile(p, pdf, 0o644)
		if out, err := exec.Command("pdftoppm", "-png", "-r", "40", p, filepath.Join(dir, name)).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		files, _ := filepath.Glob(filepath.Join(dir, name+"-*.png"))
		var imgs []image.Image
		for _, f := range files {
			fh, _ := os.Open(f)
			img, err := png.Decode(fh)
			fh.Close()
			if err != nil {
				t.Fatal(err)
			}
			imgs = append(imgs, img)
		}
		return imgs
	}
	a, b := render("draft", draft), render("final", final)
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("pages: draft %d, final %d", len(a), len(b))
	}
	for i := range a {
		bd := a[i].Bounds()
		mm := float64(bd.Dy()) / 297
		differs := 0
		for y := bd.Min.Y; y < bd.Max.Y; y++ {
			ymm := float64(y) / mm
			if ymm < 37 || (i == 0 && ymm > 100 && ymm < 118) {
				continue // the mark; the 发文字号 (page 1, its line about 105–117 mm down)
			}
			for x := bd.Min.X; x < bd.Max.X; x++ {
				r1, g1, b1, _ := a[i].At(x, y).RGBA()
				r2, g2, b2, _ := b[i].At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 {
					if differs == 0 {
						t.Logf("page %d: first difference at %.1f mm, %.1f mm", i+1, float64(x)/mm, ymm)
					}
					differs++
				}
			}
		}
		if differs > 0 {
			t.Errorf("page %d: %d pixels differ outside the mark and the number", i+1, differs)
		}
	}
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "n.pdf")
	os.WriteFile(p, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v %s", args, err, out)
	}
	return string(out)
}

// A rejected draft is withdrawn; the next run makes a new draft of the
// same version. Signing needs an issued version, stores the signed copy
// once, and never changes notice.pdf.
func TestRejectAndSign(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	def := approvalReport(t, "hengyang-county", "")
	issue(t, pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: day})
	sign := func(pdf []byte) ([]byte, string, error) {
		id := pdfsigntest.NewIdentity(t, true)
		s, err := pdfsign.Sign(pdf, pdfsign.Signer{Certificate: id.Cert, Chain: []*x509.Certificate{id.CA}, Key: id.Key, Seal: pdfsigntest.Seal(200), Time: time.Now()})
		return s, id.Cert.Subject.CommonName, err
	}
	if _, _, err := pipeline.SignArchived(arch, def.ID, q3, sign, time.Now()); !errors.As(err, new(*pipeline.NotSealableError)) || !strings.Contains(err.Error(), "是送审稿，尚未签发") {
		t.Errorf("signing a draft: %v", err)
	}
	if _, _, err := pipeline.Reject(pipeline.RejectOptions{ArchiveDir: arch, ReportID: def.ID, Period: q3}); !errors.Is(err, pipeline.ErrNoRejectReason) {
		t.Errorf("a rejection without reason: %v", err)
	}
	m, _, err := pipeline.Reject(pipeline.RejectOptions{ArchiveDir: arch, ReportID: def.ID, Period: q3, Reason: "请补充县公安局情况", By: "张三"})
	if err != nil || m.Status != archive.StatusWithdrawn || m.Rejection == nil || m.Version != 1 {
		t.Fatalf("reject: %+v %v", m, err)
	}
	if _, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: def, Period: q3, ArchiveDir: arch, By: "张三"}); err == nil || !strings.Contains(err.Error(), "已撤回") {
		t.Errorf("approving a rejected draft: %v", err)
	}
	again := issue(t, pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: day})
	if !again.Committed || again.Status != archive.StatusDraft || again.Version != 1 {
		t.Fatalf("the run after a rejection: %+v", again)
	}
	if _, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: def, Period: q3, ArchiveDir: arch, By: "张三"}); err != nil {
		t.Fatal(err)
	}
	issued := readArchived(t, arch, def.ID, "notice.pdf")
	m, _, err = pipeline.SignArchived(arch, def.ID, q3, sign, time.Now())
	if err != nil || m.Status != archive.StatusSealed || m.Signed == nil || m.Signed.File != "notice-signed.pdf" {
		t.Fatalf("sign: %+v %v", m, err)
	}
	if !bytes.Equal(readArchived(t, arch, def.ID, "notice.pdf"), issued) {
		t.Error("signing changed notice.pdf")
	}
	signed := filepath.Join(arch, def.ID, "2022Q3", "notice-signed.pdf")
	if out, _ := exec.Command("pdfsig", "-nocert", signed).CombinedOutput(); !strings.Contains(string(out), "Signature is Valid") {
		t.Errorf("pdfsig:\n%s", out)
	}
	if _, _, err := pipeline.SignArchived(arch, def.ID, q3, sign, time.Now()); err == nil || !strings.Contains(err.Error(), "已有用印件") {
		t.Errorf("signing twice: %v", err)
	}
	if tags := gitOut(t, arch, "tag", "-l"); tags != "hengyang-county/2022Q3/v1\nhengyang-county/2022Q3/v1-signed\n" {
		t.Errorf("tags %q", tags)
	}
	var states []string
	h, _ := pipeline.History(arch, def.ID)
	for _, e := range h {
		states = append(states, e.Manifest.Status.Words())
	}
	if got := strings.Join(states, " "); got != "已用印 已签发 草稿 已撤回 草稿" {
		t.Errorf("history: %s", got)
	}
	if gitOut(t, arch, "status", "--porcelain") != "" {
		t.Error("git status not clean")
	}
}

// A copy sealed elsewhere is stored by content type; anything else is
// refused.
func TestAttachSigned(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	issue(t, pipeline.Options{Period: q3, ArchiveDir: arch, Date: day})
	if _, _, err := pipeline.AttachSigned(arch, "hengyang-county", q3, "scan.jpg", []byte("\xff\xd8\xff"), time.Now()); !errors.As(err, new(*pipeline.SignedKindError)) {
		t.Errorf("a JPEG: %v", err)
	}
	var ofd bytes.Buffer
	zipOFD(t, &ofd)
	m, _, err := pipeline.AttachSigned(arch, "hengyang-county", q3, "盖章件.ofd", ofd.Bytes(), time.Now())
	if err != nil || m.Signed == nil || m.Signed.File != "notice-signed.ofd" || m.Signed.Source != "attach" || m.Status != archive.StatusSealed {
		t.Fatalf("attach: %+v %v", m, err)
	}
}

func zipOFD(t *testing.T, w *bytes.Buffer) {
	t.Helper()
	z := zip.NewWriter(w)
	f, _ := z.Create("OFD.xml")
	f.Write([]byte(`<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>`))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
}
