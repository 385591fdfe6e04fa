//go:build unix

package schedule_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/schedule"
)

// lockedIssue is an issuance as the archive does it: take the archive's
// writer lock (a real flock on <archive>/.lock) without waiting, and under
// it write the period unless it is there already (same inputs, no commit).
// A busy lock is ErrBusy, which the service retries after re-checking
// Issued.
func lockedIssue(arch *testArchive, writes *atomic.Int32) func(context.Context, *report.Definition, report.Period) error {
	return func(ctx context.Context, d *report.Definition, p report.Period) error {
		unlock, err := flock(filepath.Join(arch.dir, ".lock"))
		if err != nil {
			return err
		}
		defer unlock()
		if ok, err := arch.Issued(ctx, d.ID, p); ok || err != nil {
			return err
		}
		writes.Add(1)
		return arch.write(d.ID, p)
	}
}

func flock(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("档案库正被另一个程序写入（%s）: %w", path, schedule.ErrBusy)
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}

func TestManualRunAndServiceRaceIssueOnce(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	var writes atomic.Int32
	d := def(t, "a", "@every 1s", "10s")
	p := duePeriod()

	// A manual `bulletin run` holds the lock as the service starts.
	unlock, err := flock(filepath.Join(arch.dir, ".lock"))
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	svc := &schedule.Service{
		Reports: []*report.Definition{d},
		Issued:  arch.Issued,
		Issue:   lockedIssue(arch, &writes),
		Logger:  logs.logger(),
		Backoff: fast,
	}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer svc.Close(context.Background())
	waitFor(t, 2*time.Second, "the service to meet the lock", func() bool {
		return len(logs.records("retry", "report=a")) >= 1
	})
	// The manual run issues the period and lets go.
	writes.Add(1)
	if err := arch.write("a", p); err != nil {
		t.Fatal(err)
	}
	unlock()

	waitFor(t, 3*time.Second, "the service to find the period issued", func() bool {
		return len(logs.records("skip: already issued", "report=a", "trigger=start-up")) == 1
	})
	// Let a couple of triggers race too.
	time.Sleep(1500 * time.Millisecond)
	if n := writes.Load(); n != 1 {
		t.Errorf("period written %d times, want once:\n%s", n, logs)
	}
	if len(logs.records("issued")) != 0 {
		t.Errorf("the service claims an issuance it did not make:\n%s", logs)
	}
}
