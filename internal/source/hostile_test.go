package source_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/source"
)

// headerLog records the headers of every request a server gets.
type headerLog struct {
	mu  sync.Mutex
	got []http.Header
}

func (l *headerLog) add(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, r.Header.Clone())
}

func (l *headerLog) all() []http.Header {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.got
}

// TestTokenOnlyToConfiguredHost: the platform (one server on 127.0.0.1)
// redirects the download to storage (another server, on another port of
// 127.0.0.1). A different port is a different origin, as browsers count
// them: the token, in a custom header or in Authorization, reaches the
// platform only; the download still succeeds. A redirect within the
// platform keeps the token.
func TestTokenOnlyToConfiguredHost(t *testing.T) {
	for _, header := range []string{"X-Api-Token", ""} {
		t.Run("header "+header, func(t *testing.T) {
			var storageLog, platformLog headerLog
			storage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				storageLog.add(r)
				w.Write([]byte("the export"))
			}))
			defer storage.Close()
			platform := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				platformLog.add(r)
				name := header
				if name == "" {
					name = "Authorization"
				}
				if r.Header.Get(name) != token {
					http.Error(w, "no", http.StatusUnauthorized)
					return
				}
				switch r.URL.Path {
				case "/export/2022Q3.xlsx":
					http.Redirect(w, r, "/signed/2022Q3.xlsx", http.StatusFound)
				case "/signed/2022Q3.xlsx":
					http.Redirect(w, r, storage.URL+"/bucket/2022Q3.xlsx?X-Amz-Signature=SIGNATURE", http.StatusFound)
				}
			}))
			defer platform.Close()
			t.Setenv("BULLETIN_TEST_TOKEN", token)
			def := httpDef(platform, "/export/{{period}}.xlsx", func(s *report.Source) { s.Header = header })
			name, data, err := source.Fetch(context.Background(), def, q3)
			if err != nil {
				t.Fatal(err)
			}
			if name != "2022Q3.xlsx" || string(data) != "the export" {
				t.Errorf("got %q %q", name, data)
			}
			if n := len(platformLog.all()); n != 2 {
				t.Errorf("platform got %d requests, want 2 (the token kept within the platform)", n)
			}
			for _, h := range storageLog.all() {
				for k, v := range h {
					if strings.Contains(strings.Join(v, ","), "s3cret") {
						t.Errorf("storage got the token in %s", k)
					}
				}
			}
			if len(storageLog.all()) != 1 {
				t.Errorf("storage got %d requests", len(storageLog.all()))
			}
		})
	}
}

// TestRedirectTargetsRedacted: an address bulletin prints or logs never
// shows its query, even when it is a redirect target named by an error.
func TestRedirectTargetsRedacted(t *testing.T) {
	var logs bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	defer slog.SetDefault(old)

	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close() // nothing listens there now
	platform := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, deadURL+"/bucket/2022Q3.xlsx?X-Amz-Signature=SIGNATURE", http.StatusFound)
	}))
	defer platform.Close()
	t.Setenv("BULLETIN_TEST_TOKEN", token)
	def := httpDef(platform, "/export/{{period}}.xlsx?key=KEY", nil)
	_, _, err := source.Fetch(context.Background(), def, q3)
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), "/bucket/2022Q3.xlsx?…") {
		t.Errorf("error does not name the target: %v", err)
	}
	for what, text := range map[string]string{"error": err.Error(), "log": logs.String()} {
		for _, secret := range []string{"SIGNATURE", "KEY", "s3cret"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s shows %s:\n%s", what, secret, text)
			}
		}
	}
	_, err = source.Latest(context.Background(), httpDef(platform, "/none/{{period}}?key=KEY", func(s *report.Source) {
		zero := 0
		s.Retries = &zero
		s.URL = "http://127.0.0.1:1/none/{{period}}?key=KEY"
	}), day(2023, 2, 1))
	if err == nil || strings.Contains(err.Error(), "KEY") {
		t.Errorf("Latest: %v", err)
	}
	for _, tt := range []struct{ in, want string }{
		{"https://u:p@host/x?sig=1#frag", "https://host/x?…"},
		{"https://host/x?", "https://host/x?…"},
		{"not a url?sig=1", "not a url…"},
	} {
		if got := source.RedactString(tt.in); got != tt.want {
			t.Errorf("RedactString(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReadFileBounded: a device that never ends and a file over MaxSize
// are refused, naming the file, without being read whole.
func TestReadFileBounded(t *testing.T) {
	big := filepath.Join(t.TempDir(), "2022Q3.xlsx")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(source.MaxSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	for _, tt := range []struct{ path, has string }{
		{"/dev/zero", "zero: 文件过大（超过 64 MB）"},
		{big, "2022Q3.xlsx: 文件过大（64 MB，最大 64 MB）"},
		{t.TempDir(), "是文件夹"},
	} {
		_, err := source.ReadFile(tt.path)
		var ps report.Problems
		if !errors.As(err, &ps) || !strings.Contains(err.Error(), tt.has) {
			t.Errorf("%s: error %v, want report.Problems saying %q", tt.path, err, tt.has)
		}
	}
	_, err = source.ReadFile(filepath.Join(t.TempDir(), "none.xlsx"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("missing file: %v", err)
	}
}

// BenchmarkReadFileDevZero measures the refusal of `--snapshot
// /dev/zero`: MaxSize read through the limit, then refused.
func BenchmarkReadFileDevZero(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := source.ReadFile("/dev/zero"); err == nil {
			b.Fatal("not refused")
		}
	}
}

// TestReadAtMost: a reader longer than stated is read to its end up to
// the limit; one beyond the limit is ErrTooLarge.
func TestReadAtMost(t *testing.T) {
	for _, tt := range []struct {
		data        string
		size, limit int64
		err         error
	}{
		{"hello", 5, 10, nil},
		{"hello, world", 2, 20, nil},
		{"hello", -1, 5, nil},
		{"hello!", -1, 5, source.ErrTooLarge},
		{"hello!", 1, 5, source.ErrTooLarge},
	} {
		got, err := source.ReadAtMost(strings.NewReader(tt.data), tt.size, tt.limit)
		if err != tt.err || err == nil && string(got) != tt.data {
			t.Errorf("%q size %d limit %d: %q, %v", tt.data, tt.size, tt.limit, got, err)
		}
	}
}
