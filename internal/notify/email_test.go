package notify_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/notify"
	"github.com/bulletin-gov/bulletin/internal/notify/notifytest"
	"github.com/bulletin-gov/bulletin/internal/report"
)

func config(port int) report.Notify {
	return report.Notify{
		SMTP: &report.SMTP{Host: "127.0.0.1", Port: port, Security: "none", From: "衡阳县政务公开办 <gongkai@example.gov.cn>",
			UsernameEnv: "TEST_SMTP_USER", PasswordEnv: "TEST_SMTP_PASS"},
		Staff:      report.Audience{Email: []string{"wenshu@example.gov.cn"}},
		Recipients: report.Audience{Email: []string{"县公安局 <gaj@example.gov.cn>", "xzj@example.gov.cn"}},
	}
}

func env(k string) string {
	return map[string]string{"TEST_SMTP_USER": "bulletin", "TEST_SMTP_PASS": "s3cret"}[k]
}

var fastRetry = notify.Retry{Attempts: 3, Initial: 10 * time.Millisecond, Max: 20 * time.Millisecond}

var pdf = []byte("%PDF-1.3\n% the notice\n%%EOF\n")

func issued() notify.Message {
	return notify.Message{
		Event: report.EventIssued, Report: "hengyang-county", Period: "2022Q3",
		Subject:     "关于2022年第三季度全县“互联网+监管”工作情况的通报",
		Text:        "衡县政务公开办〔2022〕7号已印发，见附件。",
		Attachments: []notify.Attachment{{Name: "notice.pdf", ContentType: "application/pdf", Data: pdf}},
	}
}

func TestIssuedMailWithPDF(t *testing.T) {
	srv := &notifytest.Server{User: "bulletin", Pass: "s3cret"}
	n := notify.Notifier{Config: config(srv.Start(t)), Getenv: env, Retry: fastRetry}
	ds := n.Notify(context.Background(), issued())
	if len(ds) != 2 {
		t.Fatalf("got %d deliveries, want one per recipient (2): %+v", len(ds), ds)
	}
	for _, d := range ds {
		if !d.OK || d.Channel != "email" || d.MessageID == "" || d.Attempts != 1 || d.At.IsZero() || d.Event != report.EventIssued {
			t.Errorf("delivery record %+v", d)
		}
	}
	if ds[0].To != "县公安局 <gaj@example.gov.cn>" {
		t.Errorf("record names %q", ds[0].To)
	}
	mails := srv.Mails()
	if len(mails) != 2 || srv.Logins() != 2 {
		t.Fatalf("server got %d mails, %d logins; want 2, 2", len(mails), srv.Logins())
	}
	got := mails[0]
	if got.From != "gongkai@example.gov.cn" || got.To[0] != "gaj@example.gov.cn" {
		t.Errorf("envelope %s → %v", got.From, got.To)
	}
	msg, err := got.Read()
	if err != nil {
		t.Fatal(err)
	}
	if msg.Subject != issued().Subject {
		t.Errorf("subject %q", msg.Subject)
	}
	if id := msg.Header.Get("Message-ID"); id != ds[0].MessageID {
		t.Errorf("Message-ID %q, recorded %q", id, ds[0].MessageID)
	}
	if !strings.Contains(msg.Body, "〔2022〕7号已印发") {
		t.Errorf("body %q", msg.Body)
	}
	var attached []byte
	for _, f := range msg.Files {
		if f.Name == "notice.pdf" {
			attached = f.Data
		}
	}
	if !bytes.Equal(attached, pdf) {
		t.Errorf("notice.pdf not attached intact: %q", attached)
	}
}

func TestMailRetriedAfterTemporaryFailure(t *testing.T) {
	srv := &notifytest.Server{User: "bulletin", Pass: "s3cret", FailFirst: 1}
	cfg := config(srv.Start(t))
	n := notify.Notifier{Config: cfg, Getenv: env, Retry: fastRetry}
	ds := n.Notify(context.Background(), notify.Message{Event: report.EventFailed, Subject: "运行失败", Text: "2022Q3.xlsx 统计表!I9: 应为数字"})
	if len(ds) != 1 || !ds[0].OK || ds[0].Attempts != 2 || ds[0].To != "wenshu@example.gov.cn" {
		t.Fatalf("deliveries %+v; want one to staff, delivered on the second attempt", ds)
	}
	mails := srv.Mails()
	if len(mails) != 1 {
		t.Fatalf("server kept %d mails", len(mails))
	}
	msg, err := mails[0].Read()
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("Message-ID") != ds[0].MessageID {
		t.Errorf("the retry changed the Message-ID")
	}
}

func TestMailPermanentFailureNotRetried(t *testing.T) {
	srv := &notifytest.Server{User: "bulletin", Pass: "s3cret", Reject: "xzj@example.gov.cn"}
	n := notify.Notifier{Config: config(srv.Start(t)), Getenv: env, Retry: fastRetry}
	ds := n.Notify(context.Background(), issued())
	if len(ds) != 2 || !ds[0].OK {
		t.Fatalf("deliveries %+v", ds)
	}
	if d := ds[1]; d.OK || d.Attempts != 1 || !strings.Contains(d.Result, "拒绝") {
		t.Errorf("a rejected address: %+v; want one attempt, not OK, 拒绝 in the result", d)
	}
}

func TestMailCredentialsFromEnvironment(t *testing.T) {
	srv := &notifytest.Server{User: "bulletin", Pass: "s3cret"}
	n := notify.Notifier{Config: config(srv.Start(t)), Getenv: func(string) string { return "" }, Retry: fastRetry}
	ds := n.Notify(context.Background(), notify.Message{Event: report.EventLate, Subject: "数据逾期"})
	if len(ds) != 1 || ds[0].OK || ds[0].Attempts != 1 || !strings.Contains(ds[0].Result, "TEST_SMTP_USER") {
		t.Errorf("missing credentials: %+v; want a failure naming the variable", ds)
	}
	if len(srv.Mails()) != 0 {
		t.Errorf("mail sent without credentials")
	}
}
