package notify_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/bulletin-gov/bulletin/internal/notify"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// mailServer is a real SMTP server on 127.0.0.1 that keeps what it gets.
type mailServer struct {
	mu       sync.Mutex
	received []received
	// failFirst answers the first n DATA commands with a temporary 451.
	failFirst int
	// reject refuses this recipient for good (550).
	reject string
	user   string
	pass   string
	authed int
}

type received struct {
	from string
	to   []string
	data []byte
}

type session struct {
	s    *mailServer
	from string
	to   []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != s.s.user || pass != s.s.pass {
			return errors.New("invalid credentials")
		}
		s.s.mu.Lock()
		s.s.authed++
		s.s.mu.Unlock()
		return nil
	}), nil
}
func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == s.s.reject {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	s.to = append(s.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.s.mu.Lock()
	defer s.s.mu.Unlock()
	if s.s.failFirst > 0 {
		s.s.failFirst--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.s.received = append(s.s.received, received{s.from, s.to, b})
	return nil
}
func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// start runs the server until the test ends and returns its port.
func (m *mailServer) start(t *testing.T) int {
	t.Helper()
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: m}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

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
	srv := &mailServer{user: "bulletin", pass: "s3cret"}
	n := notify.Notifier{Config: config(srv.start(t)), Getenv: env, Retry: fastRetry}
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
	if len(srv.received) != 2 || srv.authed != 2 {
		t.Fatalf("server got %d mails, %d logins; want 2, 2", len(srv.received), srv.authed)
	}
	got := srv.received[0]
	if got.from != "gongkai@example.gov.cn" || got.to[0] != "gaj@example.gov.cn" {
		t.Errorf("envelope %s → %v", got.from, got.to)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(got.data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != issued().Subject {
		t.Errorf("subject %q", subject)
	}
	if id := msg.Header.Get("Message-ID"); id != ds[0].MessageID {
		t.Errorf("Message-ID %q, recorded %q", id, ds[0].MessageID)
	}
	body, attached := readParts(t, msg)
	if !strings.Contains(body, "〔2022〕7号已印发") {
		t.Errorf("body %q", body)
	}
	if !bytes.Equal(attached["notice.pdf"], pdf) {
		t.Errorf("notice.pdf not attached intact: %q", attached["notice.pdf"])
	}
}

// readParts returns the text body and the attachments by file name.
func readParts(t *testing.T, msg *mail.Message) (string, map[string][]byte) {
	t.Helper()
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var body string
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			data, _ = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(data)))
		} else if p.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			data, _ = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(data)))
		}
		if name := p.FileName(); name != "" {
			files[name] = data
		} else {
			body = string(data)
		}
	}
	return body, files
}

func TestMailRetriedAfterTemporaryFailure(t *testing.T) {
	srv := &mailServer{user: "bulletin", pass: "s3cret", failFirst: 1}
	cfg := config(srv.start(t))
	n := notify.Notifier{Config: cfg, Getenv: env, Retry: fastRetry}
	ds := n.Notify(context.Background(), notify.Message{Event: report.EventFailed, Subject: "运行失败", Text: "2022Q3.xlsx 统计表!I9: 应为数字"})
	if len(ds) != 1 || !ds[0].OK || ds[0].Attempts != 2 || ds[0].To != "wenshu@example.gov.cn" {
		t.Fatalf("deliveries %+v; want one to staff, delivered on the second attempt", ds)
	}
	if len(srv.received) != 1 {
		t.Fatalf("server kept %d mails", len(srv.received))
	}
	msg, _ := mail.ReadMessage(bytes.NewReader(srv.received[0].data))
	if msg.Header.Get("Message-ID") != ds[0].MessageID {
		t.Errorf("the retry changed the Message-ID")
	}
}

func TestMailPermanentFailureNotRetried(t *testing.T) {
	srv := &mailServer{user: "bulletin", pass: "s3cret", reject: "xzj@example.gov.cn"}
	n := notify.Notifier{Config: config(srv.start(t)), Getenv: env, Retry: fastRetry}
	ds := n.Notify(context.Background(), issued())
	if len(ds) != 2 || !ds[0].OK {
		t.Fatalf("deliveries %+v", ds)
	}
	if d := ds[1]; d.OK || d.Attempts != 1 || !strings.Contains(d.Result, "拒绝") {
		t.Errorf("a rejected address: %+v; want one attempt, not OK, 拒绝 in the result", d)
	}
}

func TestMailCredentialsFromEnvironment(t *testing.T) {
	srv := &mailServer{user: "bulletin", pass: "s3cret"}
	n := notify.Notifier{Config: config(srv.start(t)), Getenv: func(string) string { return "" }, Retry: fastRetry}
	ds := n.Notify(context.Background(), notify.Message{Event: report.EventLate, Subject: "数据逾期"})
	if len(ds) != 1 || ds[0].OK || ds[0].Attempts != 1 || !strings.Contains(ds[0].Result, "TEST_SMTP_USER") {
		t.Errorf("missing credentials: %+v; want a failure naming the variable", ds)
	}
	if len(srv.received) != 0 {
		t.Errorf("mail sent without credentials")
	}
}
