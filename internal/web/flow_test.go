package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pdfsign"
	"github.com/bulletin-gov/bulletin/internal/pdfsign/pdfsigntest"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/web"
)

// approvalSample is a copy of the sample that requires approval and tells
// staff and recipients through a webhook on 127.0.0.1.
func approvalSample(t *testing.T, hook string) *report.Definition {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "hengyang-county")
	if err := os.CopyFS(dir, os.DirFS(sample)); err != nil {
		t.Fatal(err)
	}
	yml, err := os.ReadFile(filepath.Join(dir, report.FileName))
	if err != nil {
		t.Fatal(err)
	}
	yml = append(yml, []byte("\napproval: required\nnotify:\n  staff:\n    webhooks: [{url: '"+hook+"/staff'}]\n  recipients:\n    webhooks: [{url: '"+hook+"/recipients'}]\n")...)
	if err := os.WriteFile(filepath.Join(dir, report.FileName), yml, 0o644); err != nil {
		t.Fatal(err)
	}
	def, err := report.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return def
}

// pdfWords is the text pdftotext reads from a PDF.
func pdfWords(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(p, data, 0o644)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Issue 17 in the web view, on an archive the real pipeline makes: run
// (a draft) → approve → sign. Each version is listed once, in its newest
// state; the version page says the state, offers the signed copy and
// lists the notifications; a notification recorded later (a commit that
// is no issuance) shows without a restart.
func TestDraftApprovedSignedOnTheWeb(t *testing.T) {
	var hooks atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		hooks.Add(1)
		w.Write([]byte(`{"ok":true}`))
	}))
	defer hook.Close()
	def := approvalSample(t, hook.URL)
	arch := filepath.Join(t.TempDir(), "archive")
	q3, _ := report.ParsePeriod("2022Q3")
	if _, err := pipeline.Issue(context.Background(), pipeline.Options{Report: def, Period: q3, ArchiveDir: arch,
		Date: time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, arch, web.Options{RefreshEvery: -1})
	const page = "/v/hengyang-county/2022Q3/1"

	// The draft.
	cat := mustOK(t, s, "/")
	contains(t, "catalogue of the draft", cat, "档案共 1 个版本", "草稿 · 待签发")
	ver := mustOK(t, s, page)
	contains(t, "draft page", ver, "这是送审稿", "草稿 · 待签发", "通知记录", "待签发")
	res, body := get(t, s, page+"/notice.pdf")
	if res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("a draft's PDF is served with Cache-Control %q; approval replaces it", res.Header.Get("Cache-Control"))
	}
	if !strings.Contains(pdfWords(t, []byte(body)), pipeline.DraftMark) {
		t.Error("the draft's PDF lacks its mark")
	}

	// Approved: the same version, now issued.
	if _, err := pipeline.Approve(context.Background(), pipeline.ApproveOptions{Report: def, Period: q3, ArchiveDir: arch, By: "张三"}); err != nil {
		t.Fatal(err)
	}
	cat = mustOK(t, s, "/")
	contains(t, "catalogue after approval", cat, "档案共 1 个版本", "已签发 · 现行", "衡县政务公开办〔2022〕1号")
	if strings.Count(cat, `href="/v/hengyang-county/2022Q3/1"`) != 2 { // the period's heading and its one row
		t.Errorf("the version is listed %d times:\n%s", strings.Count(cat, `href="/v/hengyang-county/2022Q3/1"`)-1, cat)
	}
	ver = mustOK(t, s, page)
	contains(t, "approved page", ver, "已签发 · 现行", "签发人：张三", "已印发")
	if strings.Contains(ver, "这是送审稿") {
		t.Error("the approved version's page still says it is a draft")
	}
	res, body = get(t, s, page+"/notice.pdf")
	if text := pdfWords(t, []byte(body)); strings.Contains(text, pipeline.DraftMark) || !strings.Contains(squashSpace(text), "衡县政务公开办〔2022〕1号") {
		t.Errorf("the PDF served after approval is the draft's:\n%.300s", text)
	}
	if !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("an issued version's PDF: Cache-Control %q", res.Header.Get("Cache-Control"))
	}

	// Signed with a test certificate and seal.
	id := pdfsigntest.NewIdentity(t, true)
	sg := pdfsign.Signer{Certificate: id.Cert, Key: id.Key, Seal: pdfsigntest.Seal(200), Time: time.Date(2022, 11, 5, 9, 0, 0, 0, time.UTC)}
	if _, _, err := pipeline.SignArchived(arch, def.ID, q3, func(pdf []byte) ([]byte, string, error) {
		out, err := pdfsign.Sign(pdf, sg)
		return out, id.Cert.Subject.CommonName, err
	}, sg.Time); err != nil {
		t.Fatal(err)
	}
	cat = mustOK(t, s, "/")
	contains(t, "catalogue after signing", cat, "档案共 1 个版本", "已用印 · 现行")
	ver = mustOK(t, s, page)
	contains(t, "signed page", ver, "已用印 · 现行", "用印件", `href="/v/hengyang-county/2022Q3/1/notice-signed.pdf?download=1"`,
		"签名证书 "+id.Cert.Subject.CommonName)
	signed, err := os.ReadFile(filepath.Join(arch, "hengyang-county", "2022Q3", "notice-signed.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if got := mustOK(t, s, page+"/notice-signed.pdf?download=1"); !bytes.Equal([]byte(got), signed) {
		t.Error("the signed copy served differs from the archived one")
	}

	// A notification recorded later: a commit that is no issuance. The
	// page built before it is not served again.
	a, err := archive.Open(arch)
	if err != nil {
		t.Fatal(err)
	}
	v, err := a.View()
	if err != nil {
		t.Fatal(err)
	}
	rel := pipeline.NotifyRecordPath(def.ID, q3)
	old, _, _ := v.ReadRecord(rel)
	late := strings.Replace(string(old), "\n]", `,
  {"report": "hengyang-county", "period": "2022Q3", "version": 1, "event": "issued", "channel": "email",
   "to": "late@example.gov.cn", "at": "2022-11-06T08:00:00Z", "attempts": 4, "ok": false, "result": "连接被拒绝"}
]`, 1)
	if _, err := a.PutRecord(archive.Record{Path: rel, Data: []byte(late), Subject: "通知记录"}, v.Commit()); err != nil {
		t.Fatal(err)
	}
	a.Close()
	contains(t, "page after a late record", mustOK(t, s, page), "late@example.gov.cn", "连接被拒绝")
	contains(t, "catalogue after a late record", mustOK(t, s, "/"), "档案共 1 个版本")
	if hooks.Load() < 2 {
		t.Errorf("the webhook was called %d times", hooks.Load())
	}
}

func squashSpace(s string) string { return strings.Join(strings.Fields(s), "") }
