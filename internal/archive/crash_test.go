package archive_test

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// The crash tests run this test binary again as a child that commits into
// an archive and is killed with SIGKILL: either by itself at a named point
// of Commit, or by the parent at a random moment of a commit loop. The
// parent then checks what an archivist would: git fsck is clean, HEAD is a
// complete commit, and after the next Lock the tags and `git status` are
// right.

const (
	envDir   = "BULLETIN_CRASH_ARCHIVE"
	envPoint = "BULLETIN_CRASH_AT" // a crash point, or "loop"
)

func TestCrashChild(t *testing.T) {
	dir := os.Getenv(envDir)
	if dir == "" {
		t.Skip("run by TestCrash")
	}
	point := os.Getenv(envPoint)
	archive.SetCrashHook(func(p string) {
		if p == point {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	})
	a, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := a.Lock()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if point != "loop" {
		iss := issuance("r", "2022Q3", "changed", day)
		iss.Manifest.Reason = "crash test"
		_, _, err := a.Put(iss)
		t.Fatalf("Commit returned (%v) instead of being killed at %s", err, point)
	}
	es, err := a.Log("")
	if err != nil {
		t.Fatal(err)
	}
	p := report.Period{Year: 2000, Quarter: 1}
	for range es {
		p = p.Next()
	}
	for ; ; p = p.Next() {
		if _, _, err := a.Put(issuance("r", p.String(), "loop "+p.String(), day)); err != nil {
			t.Fatal(err)
		}
	}
}

// crashChild runs the child; with killAfter > 0 it waits until the child
// has moved the branch at least once, then kills it killAfter later.
func crashChild(t *testing.T, dir, point string, killAfter time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envDir+"="+dir, envPoint+"="+point)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if killAfter > 0 {
		ref := filepath.Join(dir, ".git", "refs", "heads", "main")
		before, _ := os.ReadFile(ref)
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if now, _ := os.ReadFile(ref); string(now) != string(before) {
				break
			}
		}
		time.Sleep(killAfter)
		cmd.Process.Signal(syscall.SIGKILL)
	}
	err := cmd.Wait()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed (%v):\n%s", err, out)
	}
}

func head(t *testing.T, dir string) string {
	return strings.TrimSpace(git(t, dir, "rev-parse", "HEAD"))
}

func TestCrash(t *testing.T) {
	tests := []struct {
		point string
		// moved: the new commit is HEAD after the crash (its objects were
		// complete when the branch moved); else HEAD is the commit before.
		moved bool
	}{
		{"objects-written", false},
		{"branch-moved", true},
		{"tagged", true},
	}
	for _, tc := range tests {
		t.Run(tc.point, func(t *testing.T) {
			a := open(t)
			before := mustCommit(t, a, issuance("r", "2022Q3", "original", day))
			crashChild(t, a.Dir, tc.point, 0)

			git(t, a.Dir, "fsck", "--full", "--strict", "--no-dangling")
			after := head(t, a.Dir)
			if moved := after != before; moved != tc.moved {
				t.Fatalf("HEAD moved = %v, want %v", moved, tc.moved)
			}

			// Readers work before any repair, even without the new tag.
			r, err := archive.OpenExisting(a.Dir)
			if err != nil {
				t.Fatal(err)
			}
			e, err := r.Version("r", report.Period{Year: 2022, Quarter: 3}, 0)
			if want := map[bool]int{false: 1, true: 2}[tc.moved]; err != nil || e.Manifest.Version != want || e.Commit != after {
				t.Errorf("latest version before repair: %+v, %v; want v%d at %s", e.Manifest, err, want, after)
			}
			r.Close()

			// The next writer takes the lock (the dead child's died with
			// it) and repairs.
			b, err := archive.Open(a.Dir)
			if err != nil {
				t.Fatal(err)
			}
			unlock, err := b.Lock()
			if err != nil {
				t.Fatalf("Lock after crash: %v", err)
			}
			unlock()
			clean(t, a.Dir)
			tags := strings.Fields(git(t, a.Dir, "tag", "-l"))
			wantTags := 1
			if tc.moved {
				wantTags = 2
			}
			if len(tags) != wantTags {
				t.Errorf("tags after repair = %v, want %d", tags, wantTags)
			}
			if tc.moved {
				if got := git(t, a.Dir, "show", "r/2022Q3/v2:r/2022Q3/notice.txt"); !strings.Contains(got, "changed") {
					t.Errorf("v2 notice = %q", got)
				}
			}
		})
	}

	t.Run("random kills during a commit loop", func(t *testing.T) {
		a := open(t)
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range 3 {
			crashChild(t, a.Dir, "loop", time.Duration(1+rng.IntN(60))*time.Millisecond)
			git(t, a.Dir, "fsck", "--full", "--strict", "--no-dangling")
			b, err := archive.Open(a.Dir)
			if err != nil {
				t.Fatal(err)
			}
			unlock, err := b.Lock()
			if err != nil {
				t.Fatalf("kill %d: Lock: %v", i, err)
			}
			unlock()
			clean(t, a.Dir)
			commits := strings.Count(git(t, a.Dir, "log", "--oneline"), "\n")
			tags := strings.Count(git(t, a.Dir, "tag", "-l"), "\n")
			es, err := b.Log("r")
			if err != nil || len(es) != commits || tags != commits {
				t.Fatalf("kill %d: %d commits, %d tags, Log %d entries (%v)", i, commits, tags, len(es), err)
			}
			t.Logf("kill %d: %d issuances intact", i, commits)
		}
		if n, _ := strconv.Atoi(strings.TrimSpace(git(t, a.Dir, "rev-list", "--count", "HEAD"))); n == 0 {
			t.Error("no commit survived: the child never got going")
		}
	})
}
