package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/schedule"
)

// syncBuffer is a log sink safe for the service's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestScheduleIssuesThroughPipeline runs the service with the real wiring
// (pipeline, archive) on the sample report's spreadsheets renamed to the
// period due now: last period's file under this period's name is held back
// as not there yet, the real export is issued once, and a restart finds it
// in the archive.
func TestScheduleIssuesThroughPipeline(t *testing.T) {
	due := report.PeriodOf(time.Now().In(scheduleZone(t, "Asia/Shanghai"))).Prev()
	reports := scheduledReports(t, "0 0 1 * *", "data/{{period}}.xlsx")
	data := filepath.Join(reports, "hengyang-county", "data")
	os.MkdirAll(data, 0o755)
	copyFile := func(from, to string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(sampleReport, "data", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	archiveDir := filepath.Join(t.TempDir(), "archive")

	// Last period is issued by hand; this period's file is still last
	// period's export.
	copyFile("2022Q2.xlsx", due.Prev().String()+".xlsx")
	copyFile("2022Q2.xlsx", due.String()+".xlsx")
	r := bulletin(t, "run", "--report", filepath.Join(reports, "hengyang-county"), "--period", due.Prev().String(), "--archive", archiveDir)
	if r.code != 0 {
		t.Fatalf("manual run of %s: %s", due.Prev(), r.stderr)
	}

	defs, err := loadReportFolders(reports)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	logger := slog.New(zhHandler{slog.NewTextHandler(logs, nil)})       // as the service logs
	issued, issue, err := pipelineScheduleFuncs(archiveDir, "", logger) // creates the archive, as the command does
	if err != nil {
		t.Fatal(err)
	}
	svc := &schedule.Service{Reports: defs, Issued: issued, Issue: issue, Logger: logger,
		Backoff: schedule.Backoff{Initial: 100 * time.Millisecond, Max: 100 * time.Millisecond}}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer svc.Close(context.Background())
	waitLog := func(want string) {
		t.Helper()
		end := time.Now().Add(10 * time.Second)
		for !strings.Contains(logs.String(), want) {
			if time.Now().After(end) {
				t.Fatalf("no %q in the log:\n%s", want, logs)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitLog("完全相同")
	copyFile("2022Q3.xlsx", due.String()+".xlsx") // the real export lands
	waitLog("event=issued")
	if err := svc.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	commits := git(t, archiveDir, "log", "--format=%s")
	if n := strings.Count(commits, due.String()); n != 1 {
		t.Errorf("%d commits for %s, want 1:\n%s", n, due, commits)
	}
	git(t, archiveDir, "fsck")
	if st := git(t, archiveDir, "status", "--porcelain"); st != "" {
		t.Errorf("archive not clean:\n%s", st)
	}

	// A restart finds the period in the archive.
	logs2 := &syncBuffer{}
	logger2 := slog.New(zhHandler{slog.NewTextHandler(logs2, nil)})
	issued, issue, err = pipelineScheduleFuncs(archiveDir, "", logger2)
	if err != nil {
		t.Fatal(err)
	}
	svc2 := &schedule.Service{Reports: defs, Issued: issued, Issue: issue, Logger: logger2}
	if err := svc2.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer svc2.Close(context.Background())
	end := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs2.String(), `event="skip: already issued"`) {
		if time.Now().After(end) {
			t.Fatalf("restart did not skip:\n%s", logs2)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestScheduleSIGTERMThroughPipeline sends SIGTERM to a real `bulletin
// schedule` process while it issues through the real pipeline: it finishes
// the issuance, exits 0, and leaves one commit, git fsck clean and a clean
// worktree.
func TestScheduleSIGTERMThroughPipeline(t *testing.T) {
	due := report.PeriodOf(time.Now().In(scheduleZone(t, "Asia/Shanghai"))).Prev()
	reports := scheduledReports(t, "0 0 1 * *", "data/{{period}}.xlsx")
	data := filepath.Join(reports, "hengyang-county", "data")
	os.MkdirAll(data, 0o755)
	b, err := os.ReadFile(filepath.Join(sampleReport, "data", "2022Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(data, due.String()+".xlsx"), b, 0o644)
	archiveDir := filepath.Join(t.TempDir(), "archive")

	cmd := exec.Command(os.Args[0], "-test.run=^TestScheduleHelperProcess$")
	cmd.Env = append(os.Environ(), scheduleHelperEnv+"="+archiveDir, scheduleHelperEnv+"_REAL=1",
		scheduleHelperEnv+"_ARGS=--reports "+reports+" --archive "+archiveDir)
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	end := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "event=pipeline") { // the issuance has begun
		if time.Now().After(end) {
			t.Fatalf("the issuance never started:\n%s", logs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, logs)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no exit after SIGTERM:\n%s", logs)
	}
	out := logs.String()
	if i, j := strings.Index(out, "event=issued"), strings.Index(out, "event=stopped"); i < 0 || j < i {
		t.Errorf("want issued, then stopped:\n%s", out)
	}
	if n := strings.Count(git(t, archiveDir, "log", "--format=%s"), due.String()); n != 1 {
		t.Errorf("%d commits for %s, want 1", n, due)
	}
	git(t, archiveDir, "fsck")
	if st := git(t, archiveDir, "status", "--porcelain"); st != "" {
		t.Errorf("archive not clean:\n%s", st)
	}
}

// TestScheduleAndManualRunRace starts the service and a manual `bulletin
// run` of the same period at the same moment: the archive lock lets one
// write, and the period is committed once.
func TestScheduleAndManualRunRace(t *testing.T) {
	due := report.PeriodOf(time.Now().In(scheduleZone(t, "Asia/Shanghai"))).Prev()
	reports := scheduledReports(t, "0 0 1 * *", "data/{{period}}.xlsx")
	data := filepath.Join(reports, "hengyang-county", "data")
	os.MkdirAll(data, 0o755)
	b, err := os.ReadFile(filepath.Join(sampleReport, "data", "2022Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(data, due.String()+".xlsx"), b, 0o644)
	archiveDir := filepath.Join(t.TempDir(), "archive")

	defs, err := loadReportFolders(reports)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	logger := slog.New(zhHandler{slog.NewTextHandler(logs, nil)})       // as the service logs
	issued, issue, err := pipelineScheduleFuncs(archiveDir, "", logger) // creates the archive, as the command does
	if err != nil {
		t.Fatal(err)
	}
	svc := &schedule.Service{Reports: defs, Issued: issued, Issue: issue, Logger: logger,
		Backoff: schedule.Backoff{Initial: 50 * time.Millisecond, Max: 50 * time.Millisecond}}
	manual := make(chan result, 1)
	go func() {
		manual <- bulletin(t, "run", "--report", filepath.Join(reports, "hengyang-county"), "--period", due.String(), "--archive", archiveDir)
	}()
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := <-manual
	end := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "event=issued") && !strings.Contains(logs.String(), `event="skip: already issued"`) &&
		!strings.Contains(logs.String(), `event="issuance failed"`) {
		if time.Now().After(end) {
			t.Fatalf("the service's trigger did not end:\n%s", logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := svc.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(git(t, archiveDir, "log", "--format=%s"), due.String()); n != 1 {
		t.Errorf("%d commits for %s, want 1\nmanual run: %d %s\nservice:\n%s", n, due, r.code, r.stderr, logs)
	}
	git(t, archiveDir, "fsck")
}
