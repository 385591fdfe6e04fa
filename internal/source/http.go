package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Defaults of the HTTP source (report.yaml source.timeout, retries,
// backoff).
const (
	DefaultTimeout = 30 * time.Second
	DefaultRetries = 3
	DefaultBackoff = 2 * time.Second
	// maxBackoff caps the doubled wait and a server's Retry-After.
	maxBackoff = 5 * time.Minute
)

// httpSettings are a source's download settings with defaults applied.
type httpSettings struct {
	timeout, backoff time.Duration
	retries          int
	header, token    string
}

func settings(s report.Source) (httpSettings, error) {
	h := httpSettings{timeout: DefaultTimeout, backoff: DefaultBackoff, retries: DefaultRetries, header: "Authorization"}
	var err error
	if s.Timeout != "" {
		if h.timeout, err = time.ParseDuration(s.Timeout); err != nil {
			return h, fmt.Errorf("source.timeout %q 应为时长，如 30s", s.Timeout)
		}
	}
	if s.Backoff != "" {
		if h.backoff, err = time.ParseDuration(s.Backoff); err != nil {
			return h, fmt.Errorf("source.backoff %q 应为时长，如 2s", s.Backoff)
		}
	}
	if s.Retries != nil {
		h.retries = max(0, *s.Retries)
	}
	if s.Header != "" {
		h.header = s.Header
	}
	if s.TokenEnv != "" {
		h.token = os.Getenv(s.TokenEnv)
		if h.token == "" {
			return h, fmt.Errorf("环境变量 %s 未设置：source.token_env 要求用它作为下载令牌", s.TokenEnv)
		}
	}
	return h, nil
}

// statusError is a response the download cannot use.
type statusError struct {
	code  int
	retry time.Duration // the server's Retry-After, if any
}

func (e *statusError) Error() string {
	return fmt.Sprintf("服务器返回 %d %s", e.code, http.StatusText(e.code))
}

// fetchURL downloads the export of p. Each attempt has its own timeout;
// failed attempts (network errors, timeouts, 5xx, 429) are tried again
// after a wait that doubles each time (or the server's Retry-After). 404
// (and 204, 410) mean the export is not there yet; 401 and 403 mean the
// token is wrong; neither is retried.
func fetchURL(ctx context.Context, s report.Source, p report.Period) (string, []byte, error) {
	addr := Expand(s.URL, p)
	u, err := url.Parse(addr)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", nil, fmt.Errorf("source.url %q 不是有效的 http(s) 地址", RedactString(s.URL))
	}
	h, err := settings(s)
	if err != nil {
		return "", nil, err
	}
	wait := h.backoff
	for attempt := 0; ; attempt++ {
		name, data, err := get(ctx, u, h)
		if err == nil {
			return name, data, nil
		}
		var se *statusError
		isStatus := errors.As(err, &se)
		switch {
		case isStatus && (se.code == http.StatusNotFound || se.code == http.StatusNoContent || se.code == http.StatusGone):
			return "", nil, &NotYetError{Period: p, Where: redact(u)}
		case isStatus && (se.code == http.StatusUnauthorized || se.code == http.StatusForbidden):
			hint := "地址不需要令牌时请检查地址"
			if s.TokenEnv != "" {
				hint = "请检查环境变量 " + s.TokenEnv + " 中的令牌"
			}
			return "", nil, fmt.Errorf("下载 %s 被拒绝（%d）：%s", redact(u), se.code, hint)
		case isStatus && se.code != http.StatusTooManyRequests && se.code < 500:
			return "", nil, fmt.Errorf("下载 %s 失败：%w", redact(u), err)
		case ctx.Err() != nil:
			return "", nil, fmt.Errorf("下载 %s 已取消：%w", redact(u), ctx.Err())
		}
		if attempt >= h.retries {
			return "", nil, fmt.Errorf("下载 %s 失败（已重试 %d 次）：%w", redact(u), h.retries, err)
		}
		pause := wait
		if isStatus && se.retry > 0 {
			pause = se.retry
		}
		pause = min(pause, maxBackoff)
		slog.Warn("download failed, retrying", "url", redact(u), "attempt", attempt+1, "wait", pause, "err", err)
		select {
		case <-ctx.Done():
			return "", nil, fmt.Errorf("下载 %s 已取消：%w", redact(u), ctx.Err())
		case <-time.After(pause):
		}
		wait = min(wait*2, maxBackoff)
	}
}

// get makes one attempt.
func get(ctx context.Context, u *url.URL, h httpSettings) (string, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", nil, err
	}
	if h.token != "" {
		req.Header.Set(h.header, h.token)
	}
	req.Header.Set("User-Agent", "bulletin")
	resp, err := newClient(u, h).Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return "", nil, fmt.Errorf("超过 %s 没有完成", h.timeout)
		}
		// The error quotes the address last asked, a redirect target
		// whose query may be a signature: name it redacted.
		var ue *url.Error
		if errors.As(err, &ue) {
			return "", nil, fmt.Errorf("无法连接服务器（%s）：%w", RedactString(ue.URL), ue.Err)
		}
		return "", nil, fmt.Errorf("无法连接服务器：%w", err)
	}
	if resp.Request != nil && resp.Request.URL.String() != u.String() {
		slog.Info("download redirected", "url", redact(u), "to", redact(resp.Request.URL))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		se := &statusError{code: resp.StatusCode}
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs >= 0 {
			se.retry = time.Duration(secs) * time.Second
		}
		return "", nil, se
	}
	if resp.ContentLength > MaxSize {
		return "", nil, fmt.Errorf("文件过大（%d MB），不像是统计表导出文件", resp.ContentLength>>20)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxSize+1))
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return "", nil, fmt.Errorf("超过 %s 没有下载完", h.timeout)
		}
		return "", nil, fmt.Errorf("下载中断：%w", err)
	}
	if len(data) > MaxSize {
		return "", nil, fmt.Errorf("文件过大（超过 %d MB），不像是统计表导出文件", MaxSize>>20)
	}
	if resp.ContentLength >= 0 && int64(len(data)) != resp.ContentLength {
		return "", nil, fmt.Errorf("下载不完整：收到 %d 字节，应为 %d", len(data), resp.ContentLength)
	}
	return fileName(resp, u), data, nil
}

// maxRedirects is how many redirects a download follows.
const maxRedirects = 10

// newClient returns the client of one download from u. The token goes
// only to u's origin (scheme, host and port, as a browser counts them):
// Go drops Authorization on a redirect to another domain, but not a
// custom header, and not on a redirect to another port of the same host.
// A redirect elsewhere (a pre-signed storage address) is followed without
// the token.
func newClient(u *url.URL, h httpSettings) *http.Client {
	return &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("重定向超过 %d 次", maxRedirects)
		}
		if h.token != "" && !sameOrigin(req.URL, u) {
			req.Header.Del(h.header)
			slog.Info("redirected to another host: token not sent", "to", redact(req.URL))
		}
		return nil
	}}
}

// sameOrigin reports whether a and b have the same scheme, host and port.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// fileName is the name the server gives the file (Content-Disposition,
// including RFC 5987 UTF-8 names), else the last element of the path.
func fileName(resp *http.Response, u *url.URL) string {
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil {
		if n := path.Base(params["filename"]); n != "." && n != "/" && n != "" {
			return n
		}
	}
	if n := path.Base(u.Path); n != "." && n != "/" && n != "" {
		return n
	}
	return "download.xlsx"
}

// redact drops the query, fragment and user info from an address before
// it is shown or logged: they may hold a token or a signature.
func redact(u *url.URL) string {
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	if c.RawQuery != "" || c.ForceQuery {
		c.RawQuery, c.ForceQuery = "…", false
	}
	return c.String()
}

// RedactString is redact for an address as text (a configured pattern,
// an address quoted by an error). Text that does not parse as an address
// loses everything from the first '?', '#' or '@' on.
func RedactString(s string) string {
	if u, err := url.Parse(s); err == nil && u.Scheme != "" {
		return redact(u)
	}
	if i := strings.IndexAny(s, "?#@"); i >= 0 {
		return s[:i] + "…"
	}
	return s
}
