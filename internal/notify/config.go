// Package notify tells people about a report's notices: staff when a
// draft waits for approval, when the export is late past its deadline or
// a run failed; recipients when a notice is issued. It sends e-mail over
// SMTP (with the PDF attached) and posts to webhooks (generic JSON, or the
// bodies WeCom and DingTalk group robots accept), retries a failed
// delivery with a bounded, cancellable backoff, and returns one record
// per delivery for the archive to keep. Credentials come from the
// environment, never from report.yaml or the archive.
package notify

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
)

// Event is what happened.
type Event string

// The events a report can tell people about.
const (
	Draft  Event = "draft"  // a draft waits for approval (送审稿待签发)
	Late   Event = "late"   // the period's export is late past its deadline
	Failed Event = "failed" // a run failed
	Issued Event = "issued" // a notice was issued (印发)
)

var events = []Event{Draft, Late, Failed, Issued}

// Config is the `notify:` section of report.yaml: who is told what, and
// how. The report definition embeds it as
//
//	Notify notify.Config `yaml:"notify"`
//
// and internal/report decodes it with the rest of the file (this package
// reads no YAML) and calls Validate, naming the line of a mistake.
type Config struct {
	SMTP       *SMTP    `yaml:"smtp"`       // the mail server; needed if anyone is told by e-mail
	Staff      Audience `yaml:"staff"`      // default events: draft, late, failed
	Recipients Audience `yaml:"recipients"` // default events: issued
}

// Audience is one group of people and what they are told.
type Audience struct {
	On       []Event   `yaml:"on"`       // the events; empty: the group's default
	Email    []string  `yaml:"email"`    // addresses, "名字 <addr@example.gov.cn>" allowed
	Webhooks []Webhook `yaml:"webhooks"` // group robots or other receivers
	// Attach is what mails carry: "pdf" (the notice attached; the
	// default for recipients), "link" (only the message's link; the
	// default for staff).
	Attach string `yaml:"attach"`
}

// SMTP is the outgoing mail server. The user name and password are read
// from the environment variables named here.
type SMTP struct {
	Host        string `yaml:"host"`
	Port        int    `yaml:"port"`     // default by security: 587, 465 or 25
	Security    string `yaml:"security"` // starttls (default), tls, none
	From        string `yaml:"from"`     // "衡阳县政务公开办 <gongkai@example.gov.cn>"
	UsernameEnv string `yaml:"username_env"`
	PasswordEnv string `yaml:"password_env"`
}

// Webhook is an HTTP(S) address that receives a JSON POST per event.
type Webhook struct {
	// URL may name environment variables as ${NAME}: a robot's key is a
	// credential and belongs in the environment, e.g.
	// https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${BULLETIN_WECOM_KEY}
	URL string `yaml:"url"`
	// Format of the body: json (default, every field), wecom or dingtalk
	// (a text message their group robots accept).
	Format string `yaml:"format"`
	// SecretEnv names the variable holding a DingTalk robot's 加签 secret.
	SecretEnv string `yaml:"secret_env"`
}

// ConfigError is a problem in the notify section; Field is its path in
// report.yaml (notify.staff.email[1]) and Msg says what was expected.
type ConfigError struct {
	Field string
	Msg   string
}

func (e *ConfigError) Error() string { return e.Field + ": " + e.Msg }

// Validate checks the section and returns the first problem as a
// *ConfigError.
func (c *Config) Validate() error {
	for _, g := range []struct {
		path string
		a    *Audience
	}{{"notify.staff", &c.Staff}, {"notify.recipients", &c.Recipients}} {
		for i, e := range g.a.On {
			if !known(e) {
				return &ConfigError{fmt.Sprintf("%s.on[%d]", g.path, i), fmt.Sprintf("未知的事件 %q，可用：draft（待签发）、late（数据逾期）、failed（运行失败）、issued（已印发）", e)}
			}
		}
		for i, addr := range g.a.Email {
			if _, err := mail.ParseAddress(addr); err != nil {
				return &ConfigError{fmt.Sprintf("%s.email[%d]", g.path, i), fmt.Sprintf("%q 不是有效的电子邮件地址", addr)}
			}
		}
		if len(g.a.Email) > 0 && c.SMTP == nil {
			return &ConfigError{"notify.smtp", "有电子邮件收件人，但没有配置发信服务器（host、from）"}
		}
		switch g.a.Attach {
		case "", "pdf", "link":
		default:
			return &ConfigError{g.path + ".attach", fmt.Sprintf("应为 pdf 或 link，而不是 %q", g.a.Attach)}
		}
		for i, w := range g.a.Webhooks {
			path := fmt.Sprintf("%s.webhooks[%d]", g.path, i)
			u, err := url.Parse(w.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return &ConfigError{path + ".url", fmt.Sprintf("%q 不是 http(s) 地址", w.URL)}
			}
			switch w.Format {
			case "", "json", "wecom", "dingtalk":
			default:
				return &ConfigError{path + ".format", fmt.Sprintf("应为 json、wecom 或 dingtalk，而不是 %q", w.Format)}
			}
			if u.User != nil {
				return &ConfigError{path + ".url", "地址中不能写用户名或密码；请用 ${环境变量}"}
			}
		}
	}
	if s := c.SMTP; s != nil {
		if s.Host == "" {
			return &ConfigError{"notify.smtp.host", "缺少发信服务器地址"}
		}
		if _, err := mail.ParseAddress(s.From); err != nil {
			return &ConfigError{"notify.smtp.from", fmt.Sprintf("%q 不是有效的发件人地址", s.From)}
		}
		switch strings.ToLower(s.Security) {
		case "", "starttls", "tls", "none":
		default:
			return &ConfigError{"notify.smtp.security", fmt.Sprintf("应为 starttls、tls 或 none，而不是 %q", s.Security)}
		}
		if s.Port < 0 || s.Port > 65535 {
			return &ConfigError{"notify.smtp.port", fmt.Sprintf("端口 %d 无效", s.Port)}
		}
	}
	return nil
}

func known(e Event) bool {
	for _, k := range events {
		if e == k {
			return true
		}
	}
	return false
}

// wants reports whether the audience is told about e.
func (a *Audience) wants(e Event, defaults ...Event) bool {
	on := a.On
	if len(on) == 0 {
		on = defaults
	}
	for _, x := range on {
		if x == e {
			return true
		}
	}
	return false
}
