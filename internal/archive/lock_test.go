package archive_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
)

const envHold = "BULLETIN_HOLD_LOCK"

// TestHoldLockChild is run by TestLockDiesWithHolder: it takes the lock
// and waits to be killed.
func TestHoldLockChild(t *testing.T) {
	dir := os.Getenv(envHold)
	if dir == "" {
		t.Skip("run by TestLockDiesWithHolder")
	}
	a, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The parent polls the lock meanwhile: retry until it is free.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		_, err := a.Lock("hengyang-county 2022Q3")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
	}
	fmt.Println("locked")
	time.Sleep(time.Minute)
}

// The writer lock is an OS lock: a holder killed with SIGKILL frees it at
// once (no stale lock, whatever its PID or host, even while the holder is
// a zombie not yet waited for), and a refused writer is told the real
// holder.
func TestLockDiesWithHolder(t *testing.T) {
	lockDiesWithHolder(t, nil, 0)
}

// The same with the holder as PID 1 of its own PID namespace, as the
// service runs in a container (issue 13 item 12): a pid-file lock from PID
// 1 looked alive forever; an flock does not care.
func TestLockOfPID1DiesWithIt(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("unshare --pid needs root")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare (util-linux) not installed")
	}
	if out, err := exec.Command(unshare, "--pid", "--mount-proc", "--kill-child=SIGKILL", "true").CombinedOutput(); err != nil {
		t.Skipf("no PID namespaces here (a container without CAP_SYS_ADMIN?): %v %s", err, out)
	}
	lockDiesWithHolder(t, []string{unshare, "--pid", "--mount-proc", "--kill-child=SIGKILL"}, 1)
}

// lockDiesWithHolder runs the holder child (through wrap, if any), waits
// until the lock names it (pid, or wantPID when set), kills it with
// SIGKILL and takes the lock.
func lockDiesWithHolder(t *testing.T, wrap []string, wantPID int) {
	a := open(t)
	argv := append(append([]string{}, wrap...), os.Args[0], "-test.run=^TestHoldLockChild$", "-test.count=1", "-test.v")
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), envHold+"="+a.Dir)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var le *archive.LockedError
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the child never took the lock:\n%s", out)
		}
		unlock, err := a.Lock()
		if err == nil {
			unlock()
			continue
		}
		if wantPID == 0 {
			wantPID = cmd.Process.Pid
		}
		if errors.As(err, &le) && le.PID == wantPID {
			break
		}
	}
	if le.Self || le.Doing != "hengyang-county 2022Q3" || !strings.Contains(le.Error(), fmt.Sprint(wantPID)) || !strings.Contains(le.Error(), "正在写入 hengyang-county 2022Q3") {
		t.Errorf("LockedError does not name the real holder: %+v: %v", le, le)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	// The child is a zombie until waited for; its lock is gone already.
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var unlock func()
		if unlock, err = a.Lock(); err == nil {
			unlock()
			break
		}
	}
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	cmd.Wait()
}

// An archive identifies itself: Open refuses any other git repository and
// any non-empty folder, naming it and what is there; an archive made before
// the marker existed is recognised by its layout and given the marker.
func TestOpenRefusesWhatIsNotAnArchive(t *testing.T) {
	project := t.TempDir()
	git(t, project, "init", "-q")
	os.WriteFile(filepath.Join(project, "README.md"), []byte("# my project\n"), 0o644)
	git(t, project, "add", "README.md")
	git(t, project, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "my work")
	os.WriteFile(filepath.Join(project, "README.md"), []byte("# my project, edited\n"), 0o644)
	var na *archive.NotArchiveError
	for _, open := range []func(string) (*archive.Archive, error){archive.Open, archive.OpenExisting} {
		_, err := open(project)
		if !errors.As(err, &na) || !strings.Contains(err.Error(), project) || !strings.Contains(err.Error(), "my work") {
			t.Errorf("opening a project repository: %v", err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(project, "README.md")); string(b) != "# my project, edited\n" {
		t.Errorf("the project's uncommitted edit is gone: %q", b)
	}

	folder := t.TempDir()
	os.WriteFile(filepath.Join(folder, "工作总结.docx"), []byte("x"), 0o644)
	if _, err := archive.Open(folder); !errors.As(err, &na) || !strings.Contains(err.Error(), "工作总结.docx") {
		t.Errorf("opening a folder of documents: %v", err)
	}

	// An archive of an earlier version: no marker, bulletin's layout.
	a := open(t)
	mustCommit(t, a, issuance("r", "2022Q1", "x", day))
	a.Close()
	marker := filepath.Join(a.Dir, ".git", archive.MarkerName)
	if err := os.Remove(marker); err != nil {
		t.Fatal(err)
	}
	r, err := archive.OpenExisting(a.Dir)
	if err != nil {
		t.Fatalf("reading an archive of an earlier version: %v", err)
	}
	r.Close()
	if _, err := os.Stat(marker); !os.IsNotExist(err) {
		t.Error("OpenExisting wrote the marker")
	}
	w, err := archive.Open(a.Dir)
	if err != nil {
		t.Fatalf("opening an archive of an earlier version: %v", err)
	}
	w.Close()
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the earlier archive was not given the marker: %v", err)
	}
}
