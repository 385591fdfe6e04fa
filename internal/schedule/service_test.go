package schedule_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/schedule"
)

// The service tests run real cron schedulers in real time: "@every 1s" to
// see triggers, or a monthly schedule that fired already this quarter to see
// the start-up catch-up alone. Waits are bounded polls.

func TestCatchesUpOnStartAndIsIdempotent(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	d := def(t, "a", monthly, "1h")
	want := "a " + duePeriod().String()

	// The service was down when the schedule fired: starting it issues
	// the due period at once, before any firing.
	logs := &logBuffer{}
	svc := start(t, arch, logs, fast, d)
	waitFor(t, 2*time.Second, "the start-up catch-up", func() bool {
		_, issued := arch.counts()
		return len(issued) == 1
	})
	if _, issued := arch.counts(); issued[0] != want {
		t.Errorf("issued %q, want %q", issued[0], want)
	}
	if len(logs.records("issued", "trigger=start-up", "report=a", "period="+duePeriod().String())) != 1 {
		t.Errorf("no issued record for the start-up:\n%s", logs)
	}
	if err := svc.Close(context.Background()); err != nil {
		t.Fatal(err)
	}

	// Restarted: the archive holds the period, so nothing is issued again.
	logs2 := &logBuffer{}
	start(t, arch, logs2, fast, d)
	waitFor(t, 2*time.Second, "the skip", func() bool {
		return len(logs2.records("skip: already issued", "report=a")) == 1
	})
	if calls, _ := arch.counts(); len(calls) != 1 {
		t.Errorf("Issue called %d times over two starts, want 1: %v", len(calls), calls)
	}
}

func TestIssuesOnTrigger(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	var landed atomic.Bool
	arch.ready = func(string, report.Period) bool { return landed.Load() }
	// Deadline 0: one attempt per trigger, so only a firing can issue
	// once the data lands.
	d := def(t, "a", "@every 1s", "0s")
	logs := &logBuffer{}
	start(t, arch, logs, fast, d)

	waitFor(t, 2*time.Second, "the start-up attempt to give up", func() bool {
		return len(logs.records("deadline passed: notice not issued", "trigger=start-up")) == 1
	})
	landed.Store(true)
	waitFor(t, 3*time.Second, "a triggered issuance", func() bool {
		_, issued := arch.counts()
		return len(issued) == 1
	})
	if len(logs.records("issued", "trigger=schedule", "period="+duePeriod().String())) != 1 {
		t.Errorf("want one issued record from a schedule trigger:\n%s", logs)
	}
	// Later firings find it in the archive.
	waitFor(t, 3*time.Second, "a later skip", func() bool {
		return len(logs.records("skip: already issued", "trigger=schedule")) >= 1
	})
	if _, issued := arch.counts(); len(issued) != 1 {
		t.Errorf("issued %v, want exactly once", issued)
	}
}

func TestWaitsForLateData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		deadline   string
		landsAfter time.Duration // 0: never
		wantIssued bool
		wantLog    string
	}{
		{"data lands before the deadline", "10s", 400 * time.Millisecond, true, "issued"},
		{"deadline passes first", "400ms", 0, false, "deadline passed: notice not issued"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arch := newTestArchive(t)
			begin := time.Now()
			arch.ready = func(string, report.Period) bool {
				return tt.landsAfter > 0 && time.Since(begin) > tt.landsAfter
			}
			logs := &logBuffer{}
			start(t, arch, logs, fast, def(t, "a", monthly, tt.deadline))
			waitFor(t, 3*time.Second, tt.wantLog, func() bool {
				return len(logs.records(tt.wantLog, "report=a")) == 1
			})
			calls, issued := arch.counts()
			if got := len(issued) == 1; got != tt.wantIssued {
				t.Errorf("issued %v, want issued=%v", issued, tt.wantIssued)
			}
			if len(logs.records("retry", "report=a")) < 2 {
				t.Errorf("want at least two retry records:\n%s", logs)
			}
			// Every attempt asked for the due period; never another one.
			for _, c := range calls {
				if c != "a "+duePeriod().String() {
					t.Errorf("Issue called for %q, want only the due period %s", c, duePeriod())
				}
			}
		})
	}
}

func TestSurvivesPanickingJob(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	var booms atomic.Int32
	issue := arch.Issue
	svc := &schedule.Service{
		Reports: []*report.Definition{def(t, "boom", "@every 1s", "0s"), def(t, "ok", "@every 1s", "0s")},
		Issued:  arch.Issued,
		Issue: func(ctx context.Context, d *report.Definition, p report.Period) error {
			if d.ID == "boom" {
				booms.Add(1)
				var m map[string]int
				m["template"]++ // a bug: nil map write
			}
			return issue(ctx, d, p)
		},
	}
	logs := &logBuffer{}
	svc.Logger = logs.logger()
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer svc.Close(context.Background())

	// The panicking report runs again at later firings: the service and
	// its skip-if-running slot survived.
	waitFor(t, 4*time.Second, "boom to run three times", func() bool { return booms.Load() >= 3 })
	if _, issued := arch.counts(); !slices.Equal(issued, []string{"ok " + duePeriod().String()}) {
		t.Errorf("issued %v, want only ok's period", issued)
	}
	panics := logs.records("panic in job", "report=boom")
	if len(panics) < 3 {
		t.Fatalf("want a panic record per run of boom:\n%s", logs)
	}
	if s, _ := panics[0]["stack"].(string); s == "" {
		t.Errorf("panic record has no stack: %v", panics[0])
	}
}

func TestCloseWaitsForRunningIssuance(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	started := make(chan struct{})
	release := make(chan struct{})
	var ctxErr atomic.Value
	arch.during = func(ctx context.Context) error {
		close(started)
		<-release
		if err := ctx.Err(); err != nil {
			ctxErr.Store(err)
		}
		return nil
	}
	logs := &logBuffer{}
	svc := start(t, arch, logs, fast, def(t, "a", "@every 1s", "1h"))
	<-started

	closed := make(chan error, 1)
	go func() { closed <- svc.Close(context.Background()) }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned %v during the issuance", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not return after the issuance ended")
	}
	if err := ctxErr.Load(); err != nil {
		t.Errorf("the graceful stop cancelled the issuance's context: %v", err)
	}
	// The issuance completed; the archive holds it whole.
	if ok, err := arch.Issued(context.Background(), "a", duePeriod()); !ok || err != nil {
		t.Errorf("period not in the archive after Close: %v %v", ok, err)
	}
	// No new work after Close, though the schedule fires every second.
	time.Sleep(1200 * time.Millisecond)
	if calls, _ := arch.counts(); len(calls) != 1 {
		t.Errorf("Issue calls %v, want one", calls)
	}
}

func TestCloseEndsRetryWaitAtOnce(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	arch.ready = func(string, report.Period) bool { return false }
	logs := &logBuffer{}
	svc := start(t, arch, logs, schedule.Backoff{Initial: time.Hour}, def(t, "a", monthly, "72h"))
	waitFor(t, 2*time.Second, "the first retry", func() bool { return len(logs.records("retry")) == 1 })
	begin := time.Now()
	if err := svc.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(begin); d > 500*time.Millisecond {
		t.Errorf("Close took %v with only a retry wait running", d)
	}
	if len(logs.records("skip: service stopping, retry abandoned")) != 1 {
		t.Errorf("no record of the abandoned retry:\n%s", logs)
	}
}

func TestCloseCutShortCancelsIssuance(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	started := make(chan struct{})
	arch.during = func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}
	logs := &logBuffer{}
	svc := start(t, arch, logs, fast, def(t, "a", monthly, "1h"))
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := svc.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close = %v, want the deadline error", err)
	}
	waitFor(t, time.Second, "the cancelled record", func() bool {
		return len(logs.records("issuance cancelled by shutdown")) == 1
	})
	if ok, _ := arch.Issued(context.Background(), "a", duePeriod()); ok {
		t.Error("a cancelled issuance left the period in the archive")
	}
}

func TestStartRefusesBadSchedules(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	svc := &schedule.Service{
		Reports: []*report.Definition{def(t, "a", "0 9 10 13 *", ""), def(t, "b", "@daily", "soon")},
		Issued:  arch.Issued,
		Issue:   arch.Issue,
	}
	err := svc.Start(context.Background())
	if err == nil {
		svc.Close(context.Background())
		t.Fatal("Start accepted bad schedules")
	}
	for _, want := range []string{"schedule.cron", "schedule.deadline"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	svc2 := &schedule.Service{Reports: []*report.Definition{def(t, "a", "", "")}, Issued: arch.Issued, Issue: arch.Issue}
	if err := svc2.Start(context.Background()); err == nil || !strings.Contains(err.Error(), "schedule.cron") {
		t.Errorf("Start with no scheduled report = %v", err)
	}
}

func TestRunStopsGracefullyOnContextCancel(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	started := make(chan struct{})
	var issueErr atomic.Value
	arch.during = func(ctx context.Context) error {
		close(started)
		time.Sleep(300 * time.Millisecond) // mid-issuance when ctx is cancelled
		if err := ctx.Err(); err != nil {
			issueErr.Store(err)
		}
		return nil
	}
	logs := &logBuffer{}
	svc := &schedule.Service{
		Reports: []*report.Definition{def(t, "a", "@every 1s", "1h")},
		Issued:  arch.Issued, Issue: arch.Issue, Logger: logs.logger(), Backoff: fast,
	}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- svc.Run(ctx) }()
	<-started
	cancel()
	select {
	case err := <-ran:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if err := issueErr.Load(); err != nil {
		t.Errorf("the issuance's context was cancelled: %v", err)
	}
	if ok, _ := arch.Issued(context.Background(), "a", duePeriod()); !ok {
		t.Error("the issuance in progress was not completed")
	}
	if len(logs.records("issued")) != 1 || len(logs.records("stopped")) != 1 {
		t.Errorf("want issued then stopped:\n%s", logs)
	}
}

func TestStartContextCancelIsHardStop(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	started := make(chan struct{})
	arch.during = func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}
	logs := &logBuffer{}
	svc := &schedule.Service{
		Reports: []*report.Definition{def(t, "a", "@every 1s", "1h")},
		Issued:  arch.Issued, Issue: arch.Issue, Logger: logs.logger(), Backoff: fast,
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	<-started
	cancel()
	waitFor(t, time.Second, "the cancelled issuance", func() bool {
		return len(logs.records("issuance cancelled by shutdown")) == 1
	})
	time.Sleep(1200 * time.Millisecond) // a firing would come here
	if calls, _ := arch.counts(); len(calls) != 1 {
		t.Errorf("Issue calls after a hard stop: %v", calls)
	}
	if err := svc.Close(context.Background()); err != nil {
		t.Errorf("Close after a hard stop: %v", err)
	}
}

func TestRetriesUnreadableArchive(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	var checks atomic.Int32
	logs := &logBuffer{}
	svc := &schedule.Service{
		Reports: []*report.Definition{def(t, "a", monthly, "10s")},
		Issued: func(ctx context.Context, id string, p report.Period) (bool, error) {
			if checks.Add(1) <= 2 {
				return false, errors.New("open archive: repository already exists")
			}
			return arch.Issued(ctx, id, p)
		},
		Issue: arch.Issue, Logger: logs.logger(), Backoff: fast,
	}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer svc.Close(context.Background())
	waitFor(t, 3*time.Second, "the issuance", func() bool { return len(logs.records("issued", "attempt=3")) == 1 })
	if r := logs.records("retry"); len(r) != 2 || !strings.Contains(fmt.Sprint(r[0]["err"]), "无法读取档案库：open archive") {
		t.Errorf("want two retries naming the archive error:\n%s", logs)
	}
}

func TestIssuanceFailureEndsTrigger(t *testing.T) {
	t.Parallel()
	logs := &logBuffer{}
	var calls atomic.Int32
	svc := &schedule.Service{
		Reports: []*report.Definition{def(t, "a", monthly, "10s")},
		Issued:  func(context.Context, string, report.Period) (bool, error) { return false, nil },
		Issue: func(context.Context, *report.Definition, report.Period) error {
			calls.Add(1)
			return errors.New("2026Q3.xlsx 统计表!C12: 应为数字")
		},
		Logger: logs.logger(), Backoff: fast,
	}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer svc.Close(context.Background())
	waitFor(t, 2*time.Second, "the failure", func() bool { return len(logs.records("issuance failed")) == 1 })
	time.Sleep(300 * time.Millisecond)
	if n := calls.Load(); n != 1 {
		t.Errorf("a bad spreadsheet was retried: %d calls", n)
	}
	r := logs.records("issuance failed")[0]
	if r["level"] != "ERROR" || !strings.Contains(fmt.Sprint(r["err"]), "C12") || r["next"] == nil {
		t.Errorf("failure record %v: want ERROR naming the cell and the next run", r)
	}
}
