package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/notify/notifytest"
	"github.com/bulletin-gov/bulletin/internal/pdfsign/pdfsigntest"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// received returns the mails the server kept for addr: subject and
// attachments.
func received(t *testing.T, box *notifytest.Server, addr string) (subjects []string, attachments [][]byte) {
	t.Helper()
	for _, m := range box.Mails() {
		if !strings.Contains(strings.Join(m.To, ","), addr) {
			continue
		}
		msg, err := m.Read()
		if err != nil {
			t.Fatalf("mail to %s: %v", addr, err)
		}
		subjects = append(subjects, msg.Subject)
		for _, f := range msg.Files {
			attachments = append(attachments, f.Data)
		}
	}
	return subjects, attachments
}

// TestDraftToSignedAndSent is the whole path on the bundled sample: a
// report requiring approval makes a draft (staff told by mail), the leader
// approves it (number from the register; recipients get the PDF), the
// office signs it with its certificate and seal (pdfsig: valid), and
// log/show tell each version's state; every delivery is in the archive.
func TestDraftToSignedAndSent(t *testing.T) {
	box := &notifytest.Server{User: "bulletin", Pass: "s3cret"}
	port := box.Start(t)
	t.Setenv("TEST_SMTP_USER", "bulletin")
	t.Setenv("TEST_SMTP_PASS", "s3cret")
	reports := filepath.Join(t.TempDir(), "reports")
	dir := filepath.Join(reports, "hengyang-county")
	os.MkdirAll(reports, 0o755)
	if out, err := exec.Command("cp", "-r", sampleReport, dir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	yml, _ := os.ReadFile(filepath.Join(dir, "report.yaml"))
	yml = append(yml, []byte(`
approval: required
notify:
  smtp:
    host: 127.0.0.1
    port: `+strconv.Itoa(port)+`
    security: none
    from: 衡阳县政务公开办 <gongkai@example.gov.cn>
    username_env: TEST_SMTP_USER
    password_env: TEST_SMTP_PASS
  staff:
    email: [wenshu@example.gov.cn]
  recipients:
    email: ["县公安局 <gaj@example.gov.cn>"]
`)...)
	os.WriteFile(filepath.Join(dir, "report.yaml"), yml, 0o644)
	arch := filepath.Join(t.TempDir(), "archive")
	folder := filepath.Join(arch, "hengyang-county", "2022Q3")

	// 1. run: a draft; the 文书 is told.
	r := bulletin(t, "run", "--report", dir, "--archive", arch, "--date", "2022-11-04")
	if r.code != 0 || !strings.Contains(r.stderr, "送审稿") {
		t.Fatalf("run: %d\n%s", r.code, r.stderr)
	}
	if text := pdfText(t, filepath.Join(folder, "notice.pdf")); !strings.Contains(text, "送审稿") || !strings.Contains(text, "衡县政务公开办〔2022〕 号") {
		t.Errorf("the draft lacks its mark or its blank number:\n%.400s", text)
	}
	if subj, _ := received(t, box, "wenshu@example.gov.cn"); len(subj) != 1 || !strings.HasPrefix(subj[0], "【待签发】") {
		t.Errorf("staff mails: %q", subj)
	}

	// 2. approve: numbered from the register; recipients get the PDF.
	r = bulletin(t, "approve", "--reports", reports, "--archive", arch, "--by", "张三", "hengyang-county", "2022Q3")
	if r.code != 0 || !strings.Contains(r.stderr, "衡县政务公开办〔2022〕1号") {
		t.Fatalf("approve: %d\n%s", r.code, r.stderr)
	}
	issued, _ := os.ReadFile(filepath.Join(folder, "notice.pdf"))
	if text := pdfText(t, filepath.Join(folder, "notice.pdf")); strings.Contains(text, "送审稿") || !strings.Contains(text, "衡县政务公开办〔2022〕1号") {
		t.Errorf("the issued notice:\n%.400s", text)
	}
	subj, att := received(t, box, "gaj@example.gov.cn")
	if len(subj) != 1 || !strings.Contains(subj[0], "衡县政务公开办〔2022〕1号") || len(att) != 1 || !bytes.Equal(att[0], issued) {
		t.Errorf("recipients: subjects %q, %d attachments (the PDF: %v)", subj, len(att), len(att) == 1 && bytes.Equal(att[0], issued))
	}

	// 3. sign with a test certificate and seal: the signed copy.
	id := pdfsigntest.NewIdentity(t, true)
	keys := t.TempDir()
	certPath, keyPath := id.WritePEM(t, keys)
	var seal bytes.Buffer
	png.Encode(&seal, pdfsigntest.Seal(300))
	sealPath := filepath.Join(keys, "seal.png")
	os.WriteFile(sealPath, seal.Bytes(), 0o644)
	r = bulletin(t, "sign", "--archive", arch, "--cert", certPath, "--key", keyPath, "--seal", sealPath, "hengyang-county", "2022Q3")
	signed := filepath.Join(folder, "notice-signed.pdf")
	if r.code != 0 || strings.TrimSpace(r.stdout) != signed {
		t.Fatalf("sign: %d %q\n%s", r.code, r.stdout, r.stderr)
	}
	check := pdftest.Sig(t, pdftest.File(t, signed), "-nocert")
	for _, want := range []string{"Signature is Valid", "Total document signed"} {
		if !strings.Contains(check, want) {
			t.Errorf("pdfsig lacks %q:\n%s", want, check)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(folder, "notice.pdf")); !bytes.Equal(after, issued) {
		t.Error("signing changed the issued notice.pdf")
	}

	// 4. log and show tell the states.
	r = bulletin(t, "log", "--archive", arch)
	var states []string
	for _, line := range strings.Split(r.stdout, "\n") {
		if line == "" || strings.HasPrefix(line, "\t") {
			continue // a warning of the version above
		}
		cols := strings.Split(line, "\t")
		states = append(states, cols[5])
	}
	if got := strings.Join(states, " "); got != "已用印 已签发 草稿" {
		t.Errorf("log states %q:\n%s", got, r.stdout)
	}
	if !strings.Contains(r.stdout, "签发人：张三") {
		t.Errorf("log does not name the 签发人:\n%s", r.stdout)
	}
	r = bulletin(t, "show", "--archive", arch, "hengyang-county", "2022Q3")
	for _, want := range []string{"已用印", "签发人：张三", "用印件：notice-signed.pdf", "notice-signed.pdf\t", "待签发 wenshu@example.gov.cn（email）已送达", "已印发 县公安局 <gaj@example.gov.cn>（email）已送达"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("show lacks %q:\n%s", want, r.stdout)
		}
	}
	out := filepath.Join(t.TempDir(), "signed.pdf")
	if r := bulletin(t, "show", "--archive", arch, "--out", out, "hengyang-county", "2022Q3", "notice-signed.pdf"); r.code != 0 {
		t.Errorf("show the signed copy: %d %s", r.code, r.stderr)
	}

	// 5. every delivery is recorded in the archive.
	data, err := os.ReadFile(filepath.Join(arch, filepath.FromSlash(pipeline.NotifyRecordPath("hengyang-county", q3(t)))))
	if err != nil {
		t.Fatal(err)
	}
	var recs []pipeline.DeliveryRecord
	if err := json.Unmarshal(data, &recs); err != nil || len(recs) != 2 {
		t.Fatalf("records: %v %s", err, data)
	}
	for _, rec := range recs {
		if !rec.OK || rec.MessageID == "" || rec.At.IsZero() || rec.To == "" {
			t.Errorf("record %+v", rec)
		}
	}
	if recs[0].Event != "draft" || recs[1].Event != "issued" {
		t.Errorf("events %s, %s", recs[0].Event, recs[1].Event)
	}
	if git(t, arch, "status", "--porcelain") != "" {
		t.Error("git status is not clean")
	}
}

func q3(t *testing.T) report.Period {
	t.Helper()
	p, err := report.ParsePeriod("2022Q3")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// reject and attach-signed from the command line, and their usage.
func TestRejectAndAttachCommands(t *testing.T) {
	reports := filepath.Join(t.TempDir(), "reports")
	dir := filepath.Join(reports, "hengyang-county")
	os.MkdirAll(reports, 0o755)
	if out, err := exec.Command("cp", "-r", sampleReport, dir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	yml, _ := os.ReadFile(filepath.Join(dir, "report.yaml"))
	os.WriteFile(filepath.Join(dir, "report.yaml"), append(yml, "\napproval: required\n"...), 0o644)
	arch := filepath.Join(t.TempDir(), "archive")
	if r := bulletin(t, "run", "--report", dir, "--archive", arch, "--date", "2022-11-04"); r.code != 0 {
		t.Fatalf("run: %s", r.stderr)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"approve", "--archive", arch, "--reports", reports, "hengyang-county", "2022Q3"}, 2, "请用 --by 写明签发人"},
		{[]string{"reject", "--archive", arch, "hengyang-county", "2022Q3"}, 2, "请用 --reason 说明退回原因"},
		{[]string{"attach-signed", "--archive", arch, "hengyang-county", "2022Q3", filepath.Join(dir, "report.yaml")}, 1, "report.yaml：既不是 PDF（%PDF-）也不是 OFD；用印件应为 PDF 或 OFD 文件"},
		{[]string{"approve", "--archive", arch, "--reports", reports, "--by", "张三", "hengyang-county", "2022Q2"}, 1, "没有待签发的送审稿（尚未运行）\n请先运行 bulletin run 生成送审稿"},
	} {
		r := bulletin(t, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, r.code, r.stderr, c.code, c.want)
		}
	}
	if r := bulletin(t, "reject", "--archive", arch, "--reason", "请补充县公安局的情况", "--by", "张三", "hengyang-county", "2022Q3"); r.code != 0 || !strings.Contains(r.stderr, "已退回") {
		t.Fatalf("reject: %d %s", r.code, r.stderr)
	}
	r := bulletin(t, "show", "--archive", arch, "hengyang-county", "2022Q3")
	if !strings.Contains(r.stdout, "已撤回") || !strings.Contains(r.stdout, "退回原因：请补充县公安局的情况") {
		t.Errorf("show after reject:\n%s", r.stdout)
	}
	if r := bulletin(t, "run", "--report", dir, "--archive", arch, "--date", "2022-11-04"); r.code != 0 || !strings.Contains(r.stderr, "送审稿") {
		t.Fatalf("run after reject: %s", r.stderr)
	}
	if r := bulletin(t, "approve", "--archive", arch, "--by", "张三", "--doc-number", "衡县政务公开办〔2022〕5号", dir, "2022Q3"); r.code != 0 {
		t.Fatalf("approve with a folder and an explicit number: %s", r.stderr)
	}
	scan := filepath.Join(t.TempDir(), "盖章扫描件.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4\n% a scan of the sealed paper copy\n%%EOF\n"), 0o644)
	r = bulletin(t, "attach-signed", "--archive", arch, "hengyang-county", "2022Q3", scan)
	if r.code != 0 || !strings.HasSuffix(strings.TrimSpace(r.stdout), "notice-signed.pdf") {
		t.Fatalf("attach-signed: %d %s", r.code, r.stderr)
	}
	r = bulletin(t, "log", "--archive", arch)
	versions := 0
	for _, line := range strings.Split(r.stdout, "\n") {
		if line != "" && !strings.HasPrefix(line, "\t") {
			versions++
		}
	}
	if !strings.Contains(r.stdout, "衡县政务公开办〔2022〕5号") || versions != 5 {
		t.Errorf("log:\n%s", r.stdout)
	}
}
