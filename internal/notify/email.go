package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// sendMail sends m to one address; *id receives the Message-ID, kept
// the same across retries so that a receiver can drop duplicates.
func (n *Notifier) sendMail(ctx context.Context, to string, m Message, id *string) error {
	s := n.Config.SMTP
	if s == nil {
		return permanent{errors.New("没有配置发信服务器（notify.smtp）")}
	}
	opts := []mail.Option{mail.WithTimeout(30 * time.Second)}
	switch strings.ToLower(s.Security) {
	case "tls":
		opts = append(opts, mail.WithSSL(), mail.WithPort(portOr(s.Port, 465)))
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS), mail.WithPort(portOr(s.Port, 25)))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory), mail.WithPort(portOr(s.Port, 587)))
	}
	if s.UsernameEnv != "" {
		user, pass := n.getenv(s.UsernameEnv), n.getenv(s.PasswordEnv)
		if user == "" {
			return permanent{fmt.Errorf("环境变量 %s（发信用户名）未设置", s.UsernameEnv)}
		}
		if s.PasswordEnv != "" && pass == "" {
			return permanent{fmt.Errorf("环境变量 %s（发信密码）未设置", s.PasswordEnv)}
		}
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(pass))
	}
	c, err := mail.NewClient(s.Host, opts...)
	if err != nil {
		return permanent{fmt.Errorf("发信服务器配置无效：%v", err)}
	}
	msg := mail.NewMsg()
	if err := msg.From(s.From); err != nil {
		return permanent{fmt.Errorf("发件人 %q 无效：%v", s.From, err)}
	}
	if err := msg.To(to); err != nil {
		return permanent{fmt.Errorf("收件人 %q 无效：%v", to, err)}
	}
	msg.Subject(m.Subject)
	body := m.Text
	if m.Link != "" {
		body += "\n\n" + m.Link
	}
	msg.SetBodyString(mail.TypeTextPlain, body)
	for _, a := range m.Attachments {
		ct := mail.ContentType(a.ContentType)
		if ct == "" {
			ct = "application/octet-stream"
		}
		msg.AttachReadSeeker(a.Name, bytes.NewReader(a.Data), mail.WithFileContentType(ct))
	}
	if *id == "" {
		msg.SetMessageID()
		*id = msg.GetMessageID()
	} else {
		msg.SetMessageIDWithValue(strings.Trim(*id, "<>"))
	}
	msg.SetDate()
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		var se *mail.SendError
		if errors.As(err, &se) && se.ErrorCode() >= 500 { // the server said no for good
			return permanent{fmt.Errorf("发信服务器拒绝：%v", err)}
		}
		return fmt.Errorf("发送失败：%v", err)
	}
	return nil
}

func portOr(p, def int) int {
	if p > 0 {
		return p
	}
	return def
}
