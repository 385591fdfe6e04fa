package source_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/source"
)

// platform is a stand-in for the provincial platform on 127.0.0.1: it
// serves /export/2022Q3.xlsx to requests carrying the token, after
// failing the first `fail` requests with status failWith.
type platform struct {
	requests atomic.Int32
	fail     int32
	failWith int
	delay    time.Duration
	header   http.Header
}

const token = "Bearer s3cret"

func (p *platform) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := p.requests.Add(1)
	p.header = r.Header.Clone()
	if p.delay > 0 {
		select {
		case <-time.After(p.delay):
		case <-r.Context().Done():
			return
		}
	}
	if n <= p.fail {
		if p.failWith == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "0")
		}
		http.Error(w, "busy", p.failWith)
		return
	}
	if r.Header.Get("Authorization") != token && r.Header.Get("X-Api-Key") != token {
		http.Error(w, "no", http.StatusUnauthorized)
		return
	}
	switch r.URL.Path {
	case "/export/2022Q3.xlsx":
		w.Header().Set("Content-Disposition", `attachment; filename*=UTF-8''%E8%A1%A1%E9%98%B3%E5%8E%BF2022Q3.xlsx`)
		w.Write([]byte("the 2022Q3 export"))
	case "/plain/2022Q3":
		w.Write([]byte("plain"))
	case "/short/2022Q3":
		w.Header().Set("Content-Length", "100")
		w.Write([]byte("only part"))
	default:
		http.NotFound(w, r)
	}
}

func httpDef(srv *httptest.Server, path string, tweak func(s *report.Source)) *report.Definition {
	retries := 2
	s := report.Source{URL: srv.URL + path, TokenEnv: "BULLETIN_TEST_TOKEN", Timeout: "2s", Backoff: "10ms", Retries: &retries}
	if tweak != nil {
		tweak(&s)
	}
	return &report.Definition{Source: s, Schedule: report.Schedule{TimeZone: "UTC"}}
}

func TestFetchURL(t *testing.T) {
	tests := []struct {
		name     string
		srv      *platform
		path     string
		tweak    func(s *report.Source)
		env      string
		wantName string
		wantErr  string // part of the message; "" for success
		notYet   bool
		requests int32
	}{
		{name: "downloads with the token", path: "/export/{{period}}.xlsx", env: token, wantName: "衡阳县2022Q3.xlsx", requests: 1},
		{name: "name from the path", path: "/plain/{{year}}Q{{quarter}}", env: token, wantName: "2022Q3", requests: 1},
		{name: "token in another header", path: "/plain/{{period}}", env: token, wantName: "2022Q3", requests: 1,
			tweak: func(s *report.Source) { s.Header = "X-Api-Key" }},
		{name: "not there yet", path: "/export/2022Q4.xlsx", env: token, notYet: true, wantErr: "2022Q3 的导出文件还没有", requests: 1},
		{name: "wrong token is not retried", path: "/export/{{period}}.xlsx", env: "Bearer wrong", wantErr: "被拒绝（401）：请检查环境变量 BULLETIN_TEST_TOKEN", requests: 1},
		{name: "token variable unset", path: "/export/{{period}}.xlsx", env: "", wantErr: "环境变量 BULLETIN_TEST_TOKEN 未设置", requests: 0},
		{name: "server errors are retried", srv: &platform{fail: 2, failWith: 503}, path: "/export/{{period}}.xlsx", env: token, wantName: "衡阳县2022Q3.xlsx", requests: 3},
		{name: "429 honours Retry-After", srv: &platform{fail: 1, failWith: 429}, path: "/export/{{period}}.xlsx", env: token, wantName: "衡阳县2022Q3.xlsx", requests: 2},
		{name: "retries run out", srv: &platform{fail: 10, failWith: 500}, path: "/export/{{period}}.xlsx", env: token, wantErr: "失败（已重试 2 次）：服务器返回 500", requests: 3},
		{name: "timeout per attempt", srv: &platform{delay: time.Second}, path: "/export/{{period}}.xlsx", env: token,
			tweak: func(s *report.Source) { s.Timeout = "50ms"; zero := 0; s.Retries = &zero }, wantErr: "超过 50ms 没有完成", requests: 1},
		{name: "truncated body", path: "/short/{{period}}", env: token,
			tweak: func(s *report.Source) { zero := 0; s.Retries = &zero }, wantErr: "下载", requests: 1},
		{name: "client error is not retried", srv: &platform{fail: 5, failWith: 400}, path: "/export/{{period}}.xlsx", env: token, wantErr: "服务器返回 400", requests: 1},
		{name: "not http", path: "", env: token, tweak: func(s *report.Source) { s.URL = "ftp://127.0.0.1/x" }, wantErr: "不是有效的 http(s) 地址", requests: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.srv == nil {
				tt.srv = &platform{}
			}
			srv := httptest.NewServer(tt.srv)
			defer srv.Close()
			t.Setenv("BULLETIN_TEST_TOKEN", tt.env)
			name, data, err := source.Fetch(context.Background(), httpDef(srv, tt.path, tt.tweak), q3)
			if got := tt.srv.requests.Load(); got != tt.requests {
				t.Errorf("%d requests, want %d", got, tt.requests)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if errors.Is(err, source.ErrNotYet) != tt.notYet {
					t.Errorf("errors.Is(ErrNotYet) = %v", !tt.notYet)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("error shows the token: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.wantName || len(data) == 0 {
				t.Errorf("got %q (%q), want %q", name, data, tt.wantName)
			}
			if ua := tt.srv.header.Get("User-Agent"); ua != "bulletin" {
				t.Errorf("User-Agent %q", ua)
			}
		})
	}
}

// TestFetchURLBackoff checks that the waits between attempts double.
func TestFetchURLBackoff(t *testing.T) {
	p := &platform{fail: 3, failWith: 502}
	srv := httptest.NewServer(p)
	defer srv.Close()
	t.Setenv("BULLETIN_TEST_TOKEN", token)
	def := httpDef(srv, "/export/{{period}}.xlsx", func(s *report.Source) { three := 3; s.Retries = &three; s.Backoff = "40ms" })
	start := time.Now()
	if _, _, err := source.Fetch(context.Background(), def, q3); err != nil {
		t.Fatal(err)
	}
	// 40ms + 80ms + 160ms between the four attempts.
	if el := time.Since(start); el < 280*time.Millisecond {
		t.Errorf("took %v, want at least 280ms of backoff", el)
	}
}

func TestFetchURLCancel(t *testing.T) {
	p := &platform{fail: 100, failWith: 503}
	srv := httptest.NewServer(p)
	defer srv.Close()
	t.Setenv("BULLETIN_TEST_TOKEN", token)
	def := httpDef(srv, "/export/{{period}}.xlsx", func(s *report.Source) { s.Backoff = "10s" })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := source.Fetch(ctx, def, q3)
	if err == nil || !strings.Contains(err.Error(), "已取消") || time.Since(start) > 5*time.Second {
		t.Errorf("error %v after %v", err, time.Since(start))
	}
}

func TestLatestURL(t *testing.T) {
	p := &platform{}
	srv := httptest.NewServer(p)
	defer srv.Close()
	t.Setenv("BULLETIN_TEST_TOKEN", token)
	def := httpDef(srv, "/export/{{period}}.xlsx", nil)
	got, err := source.Latest(context.Background(), def, day(2023, 2, 1))
	if err != nil || got != q3 {
		t.Errorf("got %v, %v; want 2022Q3", got, err)
	}
	if n := p.requests.Load(); n != 3 {
		t.Errorf("%d requests, want 3 (2023Q1, 2022Q4, 2022Q3)", n)
	}
	_, err = source.Latest(context.Background(), def, day(2025, 1, 1))
	if !errors.Is(err, source.ErrNotYet) {
		t.Errorf("nothing in the last five quarters: %v", err)
	}
}
