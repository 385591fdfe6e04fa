package archive_test

import (
	"context"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// freePort returns a TCP port on 127.0.0.1 nobody listens on.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// gitDaemon serves base over git:// on 127.0.0.1 with pushes enabled and
// returns the URL of base.
func gitDaemon(t *testing.T, base string) string {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command("git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
		"--listen=127.0.0.1", "--port="+strconv.Itoa(port), "--base-path="+base, base)
	if err := cmd.Start(); err != nil {
		t.Fatalf("git daemon: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := "127.0.0.1:" + strconv.Itoa(port)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("git daemon did not start listening")
		}
	}
	return "git://" + addr + "/"
}

func bareRepo(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("git", "init", "-q", "--bare", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init --bare: %v\n%s", err, out)
	}
}

func TestPush(t *testing.T) {
	tests := []struct {
		name   string
		remote func(t *testing.T, bare string) string
	}{
		{"bare repository over file://", func(t *testing.T, bare string) string { return "file://" + bare }},
		{"git daemon on 127.0.0.1", func(t *testing.T, bare string) string {
			return gitDaemon(t, filepath.Dir(bare)) + filepath.Base(bare)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bare := filepath.Join(t.TempDir(), "archive.git")
			bareRepo(t, bare)
			url := tc.remote(t, bare)
			a := open(t)
			ctx := context.Background()
			mustCommit(t, a, issuance("hengyang-county", "2022Q2", "甲,1", day))

			// The remote is down: the push fails after its attempts and
			// the local commit stays.
			down := "git://127.0.0.1:" + strconv.Itoa(freePort(t)) + "/archive.git"
			err := a.Push(ctx, archive.PushOptions{URL: down, Attempts: 2, Backoff: 10 * time.Millisecond})
			if err == nil || !strings.Contains(err.Error(), "共尝试 2 次") || !strings.Contains(err.Error(), "本地提交已保存") {
				t.Fatalf("push to a closed port: err = %v", err)
			}
			local := mustCommit(t, a, issuance("hengyang-county", "2022Q3", "甲,2", day))

			// The next run pushes both issuances, tags included.
			if err := a.Push(ctx, archive.PushOptions{URL: url}); err != nil {
				t.Fatalf("Push: %v", err)
			}
			if got := strings.TrimSpace(git(t, bare, "rev-parse", "refs/heads/main")); got != local {
				t.Errorf("remote main = %s, want %s", got, local)
			}
			if got := strings.Fields(git(t, bare, "tag", "-l")); strings.Join(got, " ") != "hengyang-county/2022Q2/v1 hengyang-county/2022Q3/v1" {
				t.Errorf("remote tags = %v", got)
			}
			git(t, bare, "fsck", "--full", "--strict")
			if got := git(t, bare, "show", "hengyang-county/2022Q2/v1:hengyang-county/2022Q2/notice.txt"); !strings.Contains(got, "甲,1") {
				t.Errorf("remote notice = %q", got)
			}
			// Nothing new: pushing again is quiet.
			if err := a.Push(ctx, archive.PushOptions{URL: url}); err != nil {
				t.Errorf("Push when up to date: %v", err)
			}

			// History elsewhere is never overwritten: a remote that moved on
			// refuses the push.
			other := open(t)
			mustCommit(t, other, issuance("other", "2022Q1", "x", day))
			err = other.Push(ctx, archive.PushOptions{URL: url, Attempts: 3, Backoff: time.Millisecond})
			if err == nil || !strings.Contains(err.Error(), "从不强制推送") {
				t.Errorf("non-fast-forward push: err = %v", err)
			}
			if got := strings.TrimSpace(git(t, bare, "rev-parse", "refs/heads/main")); got != local {
				t.Errorf("remote main moved to %s", got)
			}
		})
	}
}

func TestPushOptionsFor(t *testing.T) {
	t.Setenv("TEST_ARCHIVE_TOKEN", "s3cret")
	zero := 0
	tests := []struct {
		name string
		in   report.ArchiveSettings
		want archive.PushOptions
	}{
		{"defaults", report.ArchiveSettings{Remote: "https://h/a.git"},
			archive.PushOptions{URL: "https://h/a.git", Username: "bulletin", Attempts: 4, Backoff: 2 * time.Second}},
		{"token and no retries", report.ArchiveSettings{Remote: "https://h/a.git", User: "zwgk", TokenEnv: "TEST_ARCHIVE_TOKEN", Retries: &zero},
			archive.PushOptions{URL: "https://h/a.git", Username: "zwgk", Password: "s3cret", Attempts: 1, Backoff: 2 * time.Second}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := archive.PushOptionsFor(tc.in); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
