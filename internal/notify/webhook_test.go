package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/notify"
	"github.com/bulletin-gov/bulletin/internal/notify/notifytest"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// robot is a group robot on 127.0.0.1 that answers like WeCom/DingTalk.
type robot struct {
	mu     sync.Mutex
	bodies []map[string]any
	query  []string
	status []int // answers, in order; then 200
	errs   []int // errcodes, in order; then 0
}

func (r *robot) start(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		defer r.mu.Unlock()
		var body map[string]any
		b, _ := io.ReadAll(req.Body)
		json.Unmarshal(b, &body)
		r.bodies = append(r.bodies, body)
		r.query = append(r.query, req.URL.RawQuery)
		if req.Method != http.MethodPost || !strings.HasPrefix(req.Header.Get("Content-Type"), "application/json") {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if len(r.status) > 0 {
			s := r.status[0]
			r.status = r.status[1:]
			if s != 200 {
				w.WriteHeader(s)
				return
			}
		}
		code := 0
		if len(r.errs) > 0 {
			code, r.errs = r.errs[0], r.errs[1:]
		}
		json.NewEncoder(w).Encode(map[string]any{"errcode": code, "errmsg": "ok"})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestWebhookFormats(t *testing.T) {
	r := &robot{}
	srv := r.start(t)
	n := notify.Notifier{
		Config: report.Notify{Recipients: report.Audience{Webhooks: []report.Webhook{
			{URL: srv.URL + "/hook"},
			{URL: srv.URL + "/cgi-bin/webhook/send?key=${TEST_WECOM_KEY}", Format: "wecom"},
			{URL: srv.URL + "/robot/send?access_token=${TEST_DING_TOKEN}", Format: "dingtalk", SecretEnv: "TEST_DING_SECRET"},
		}}},
		Getenv: func(k string) string {
			return map[string]string{"TEST_WECOM_KEY": "wk-123", "TEST_DING_TOKEN": "dt-456", "TEST_DING_SECRET": "SEC789"}[k]
		},
		Retry: fastRetry,
		Now:   func() time.Time { return time.UnixMilli(1667525400000) },
	}
	m := issued()
	m.Link = "https://bulletin.example.gov.cn/hengyang-county/2022Q3"
	ds := n.Notify(context.Background(), m)
	if len(ds) != 3 {
		t.Fatalf("got %d deliveries, want 3", len(ds))
	}
	for _, d := range ds {
		if !d.OK || d.Channel != "webhook" || d.Attempts != 1 {
			t.Errorf("delivery %+v", d)
		}
		if strings.Contains(d.To, "wk-123") || strings.Contains(d.To, "dt-456") || strings.Contains(d.To, "?") {
			t.Errorf("the record keeps the robot's key: %q", d.To)
		}
	}
	generic := r.bodies[0]
	if generic["event"] != "issued" || generic["report"] != "hengyang-county" || generic["period"] != "2022Q3" || generic["id"] != ds[0].MessageID || generic["link"] != m.Link {
		t.Errorf("generic JSON body %v", generic)
	}
	for i, q := range []string{"key=wk-123", "access_token=dt-456"} {
		if !strings.HasPrefix(r.query[i+1], q) {
			t.Errorf("robot %d query %q, want %q", i+1, r.query[i+1], q)
		}
		body := r.bodies[i+1]
		text, _ := body["text"].(map[string]any)
		content, _ := text["content"].(string)
		if body["msgtype"] != "text" || !strings.Contains(content, m.Subject) || !strings.Contains(content, m.Link) {
			t.Errorf("robot body %v", body)
		}
	}
	// DingTalk 加签: sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
	mac := hmac.New(sha256.New, []byte("SEC789"))
	mac.Write([]byte("1667525400000\nSEC789"))
	want := "timestamp=1667525400000&sign=" + strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	if !strings.HasSuffix(r.query[2], want) {
		t.Errorf("dingtalk query %q, want suffix %q", r.query[2], want)
	}
}

func TestWebhookRetries(t *testing.T) {
	r := &robot{status: []int{503, 429}, errs: []int{45009}}
	srv := r.start(t)
	n := notify.Notifier{
		Config: report.Notify{Staff: report.Audience{Webhooks: []report.Webhook{{URL: srv.URL, Format: "wecom"}}}},
		Retry:  notify.Retry{Attempts: 5, Initial: time.Millisecond, Max: 5 * time.Millisecond},
	}
	ds := n.Notify(context.Background(), notify.Message{Event: report.EventDraft, Subject: "送审稿待签发"})
	if len(ds) != 1 || !ds[0].OK || ds[0].Attempts != 4 {
		t.Fatalf("deliveries %+v; want OK on the 4th attempt (503, 429, errcode 45009, then ok)", ds)
	}
	// Bounded: a robot that keeps failing is tried Attempts times.
	r = &robot{status: []int{500, 500, 500, 500, 500, 500}}
	srv = r.start(t)
	n.Config.Staff.Webhooks[0].URL = srv.URL
	n.Retry.Attempts = 3
	ds = n.Notify(context.Background(), notify.Message{Event: report.EventLate})
	if ds[0].OK || ds[0].Attempts != 3 || len(r.bodies) != 3 || !strings.Contains(ds[0].Result, "HTTP 500") {
		t.Errorf("always 500: %+v, %d posts; want 3 attempts and the status in the result", ds[0], len(r.bodies))
	}
	// A refusal (a bad key) is not retried.
	r = &robot{errs: []int{93000}}
	srv = r.start(t)
	n.Config.Staff.Webhooks[0].URL = srv.URL
	ds = n.Notify(context.Background(), notify.Message{Event: report.EventLate})
	if ds[0].OK || ds[0].Attempts != 1 || !strings.Contains(ds[0].Result, "93000") {
		t.Errorf("errcode 93000: %+v; want one attempt", ds[0])
	}
}

func TestNotifyCancelledPromptly(t *testing.T) {
	r := &robot{status: []int{503, 503, 503}}
	srv := r.start(t)
	n := notify.Notifier{
		Config: report.Notify{Staff: report.Audience{Webhooks: []report.Webhook{{URL: srv.URL}}}},
		Retry:  notify.Retry{Attempts: 3, Initial: time.Hour, Max: time.Hour},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	ds := n.Notify(ctx, notify.Message{Event: report.EventFailed})
	if time.Since(start) > 10*time.Second {
		t.Fatalf("Notify waited %v despite the context", time.Since(start))
	}
	if ds[0].OK || ds[0].Attempts != 1 || !strings.Contains(ds[0].Result, "已取消") || !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Errorf("cancelled delivery %+v", ds[0])
	}
}

func TestWhoIsToldWhat(t *testing.T) {
	r := &robot{}
	srv := r.start(t)
	n := notify.Notifier{Config: report.Notify{
		Staff:      report.Audience{Webhooks: []report.Webhook{{URL: srv.URL + "/staff"}}},
		Recipients: report.Audience{On: []report.Event{report.EventIssued, report.EventLate}, Webhooks: []report.Webhook{{URL: srv.URL + "/all"}}},
	}, Retry: fastRetry}
	count := func(e report.Event) (staff, recipients int) {
		for _, d := range n.Notify(context.Background(), notify.Message{Event: e}) {
			if strings.HasSuffix(d.To, "/staff") {
				staff++
			} else {
				recipients++
			}
		}
		return
	}
	for e, want := range map[report.Event][2]int{report.EventDraft: {1, 0}, report.EventFailed: {1, 0}, report.EventLate: {1, 1}, report.EventIssued: {0, 1}} {
		if s, rr := count(e); s != want[0] || rr != want[1] {
			t.Errorf("%s: staff %d, recipients %d; want %v", e, s, rr, want)
		}
	}
	// Staff get a link, not the PDF, unless attach: pdf.
	n.Config.Staff.Webhooks = nil
	srvMail := &notifytest.Server{}
	n.Config.SMTP = &report.SMTP{Host: "127.0.0.1", Port: srvMail.Start(t), Security: "none", From: "a@example.gov.cn"}
	n.Config.Staff.Email = []string{"wenshu@example.gov.cn"}
	m := issued()
	m.Event = report.EventDraft
	n.Notify(context.Background(), m)
	if mails := srvMail.Mails(); len(mails) != 1 || strings.Contains(string(mails[0].Data), "notice.pdf") {
		t.Errorf("staff mail for a draft should carry no attachment by default")
	}
}

// The notify section as report.yaml holds it: decoded by internal/report
// with the rest of the file, checked by Config.Validate, a mistake named
// with its line.
func TestParseConfig(t *testing.T) {
	sample, err := os.ReadFile("../../reports/hengyang-county/report.yaml")
	if err != nil {
		t.Fatal(err)
	}
	parse := func(section string) (*report.Definition, error) {
		var b strings.Builder
		b.WriteString("notify:\n")
		for _, l := range strings.Split(strings.TrimPrefix(section, "\n"), "\n") {
			if l != "" {
				b.WriteString("  " + l + "\n")
			}
		}
		dir := filepath.Join(t.TempDir(), "hengyang-county")
		if err := os.CopyFS(dir, os.DirFS("../../reports/hengyang-county")); err != nil {
			t.Fatal(err)
		}
		data := append(append([]byte{}, sample...), "\n"+b.String()...)
		if err := os.WriteFile(filepath.Join(dir, report.FileName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		return report.Load(dir)
	}
	good := `
smtp:
  host: smtp.example.gov.cn
  security: tls
  from: 衡阳县政务公开办 <gongkai@example.gov.cn>
  username_env: BULLETIN_SMTP_USER
  password_env: BULLETIN_SMTP_PASSWORD
staff:
  email: [wenshu@example.gov.cn]
  webhooks:
    - url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${BULLETIN_WECOM_KEY}
      format: wecom
recipients:
  on: [issued]
  email: ["县公安局 <gaj@example.gov.cn>"]
  attach: pdf
`
	def, err := parse(good)
	if err != nil {
		t.Fatal(err)
	}
	c := def.Notify
	if c.SMTP.Host != "smtp.example.gov.cn" || c.Staff.Webhooks[0].Format != "wecom" || c.Recipients.Email[0] != "县公安局 <gaj@example.gov.cn>" {
		t.Errorf("parsed %+v", c)
	}
	for bad, want := range map[string]string{
		"staff:\n  on: [drafts]\n":                               "notify.staff.on[0]: 未知的事件 \"drafts\"",
		"recipients:\n  email: [not-an-address]\n":               "notify.recipients.email[0]",
		"staff:\n  email: [a@example.gov.cn]\n":                  "notify.smtp",
		"staff:\n  webhooks: [{url: ftp://x}]\n":                 "notify.staff.webhooks[0].url",
		"staff:\n  webhooks: [{url: 'https://x', format: qq}]\n": "notify.staff.webhooks[0].format",
		"staff:\n  webhooks: [{url: 'https://u:p@x/'}]\n":        "环境变量",
		"smtp: {host: h, from: a@b.cn, security: ssl}\n":         "notify.smtp.security",
		"recipients:\n  attach: zip\n":                           "notify.recipients.attach",
		"staf:\n  email: []\n":                                   "staf",
	} {
		_, err := parse(bad)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error containing %q", bad, err, want)
		}
	}
}

// TestOneYAMLLibrary: the notify section is read with the rest of
// report.yaml (goccy/go-yaml, in internal/report), so the module needs no
// other YAML library.
func TestOneYAMLLibrary(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "gopkg.in/yaml.v3") {
		t.Error("go.mod still requires gopkg.in/yaml.v3")
	}
}
