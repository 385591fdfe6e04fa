package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// robotTextLimit keeps a robot's text under WeCom's 2048-byte limit.
const robotTextLimit = 2000

// post sends m to one webhook; *id receives the id the JSON body
// carries (the same across retries).
func (n *Notifier) post(ctx context.Context, w report.Webhook, m Message, id *string) error {
	var missing []string
	addr := os.Expand(w.URL, func(k string) string {
		v := n.getenv(k)
		if v == "" {
			missing = append(missing, k)
		}
		return url.QueryEscape(v)
	})
	if len(missing) > 0 {
		return permanent{fmt.Errorf("环境变量 %s 未设置（webhook 地址需要）", strings.Join(missing, "、"))}
	}
	if *id == "" && (w.Format == "" || w.Format == "json") { // robots' bodies carry no id
		b := make([]byte, 8)
		rand.Read(b)
		*id = hex.EncodeToString(b)
	}
	text := m.Subject
	if m.Text != "" {
		text += "\n" + m.Text
	}
	if m.Link != "" {
		text += "\n" + m.Link
	}
	var body any
	switch w.Format {
	case "wecom", "dingtalk":
		body = map[string]any{"msgtype": "text", "text": map[string]string{"content": truncate(text, robotTextLimit)}}
	default:
		body = map[string]string{"id": *id, "event": string(m.Event), "report": m.Report, "period": m.Period,
			"subject": m.Subject, "text": m.Text, "link": m.Link}
	}
	if w.Format == "dingtalk" && w.SecretEnv != "" {
		secret := n.getenv(w.SecretEnv)
		if secret == "" {
			return permanent{fmt.Errorf("环境变量 %s（钉钉加签密钥）未设置", w.SecretEnv)}
		}
		ts := strconv.FormatInt(n.now().UnixMilli(), 10)
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(ts + "\n" + secret))
		sep := "?"
		if strings.Contains(addr, "?") {
			sep = "&"
		}
		addr += sep + "timestamp=" + ts + "&sign=" + url.QueryEscape(base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	}
	data, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, addr, bytes.NewReader(data))
	if err != nil {
		return permanent{fmt.Errorf("webhook 地址无效：%v", err)}
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	client := n.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("无法连接：%v", scrub(err, addr))
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fmt.Errorf("对方暂时无法接收：HTTP %d", resp.StatusCode)
	case resp.StatusCode >= 300:
		return permanent{fmt.Errorf("对方拒绝：HTTP %d %s", resp.StatusCode, truncate(string(reply), 200))}
	}
	// WeCom and DingTalk answer 200 with {"errcode":…,"errmsg":…}.
	var robot struct {
		Errcode *int   `json:"errcode"`
		Errmsg  string `json:"errmsg"`
	}
	if json.Unmarshal(reply, &robot) == nil && robot.Errcode != nil && *robot.Errcode != 0 {
		err := fmt.Errorf("机器人拒绝：errcode %d %s", *robot.Errcode, robot.Errmsg)
		switch *robot.Errcode {
		case 45009, 130101, -1: // rate limited, system busy: try again later
			return err
		}
		return permanent{err}
	}
	return nil
}

// redact drops the query (where robots keep their keys) from a webhook
// address for the record.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "webhook"
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	return u.String()
}

// scrub keeps the expanded address (with its key) out of an error text.
func scrub(err error, addr string) string {
	return strings.ReplaceAll(err.Error(), addr, redact(addr))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
