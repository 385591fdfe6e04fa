package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/schedule"
)

// scheduledReports writes a reports folder holding the bundled sample
// report with its schedule replaced by spec and its source by source.
func scheduledReports(t *testing.T, spec, source string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sampleReport, report.FileName))
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`(?m)^  cron: .*$`).ReplaceAllString(string(data), fmt.Sprintf("  cron: %q", spec))
	text = regexp.MustCompile(`(?m)^  file: .*$`).ReplaceAllString(text, "  file: "+source)
	dir := t.TempDir()
	rdir := filepath.Join(dir, "hengyang-county")
	if err := os.MkdirAll(rdir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rdir, report.FileName), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestScheduleList(t *testing.T) {
	var out, errb bytes.Buffer
	if err := scheduleCommand([]string{"--reports", "../../reports", "--list", "--next", "2"}, &out, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	t.Log("\n" + out.String())
	// The sample fires at 09:00 on the 10th of each quarter's first month,
	// Shanghai time, and each firing issues the quarter before it.
	runs := regexp.MustCompile(`下次运行：(\d{4})-(\d\d)-10 09:00:00 \+08:00  印发 (\d{4}Q[1-4])`).FindAllStringSubmatch(out.String(), -1)
	if len(runs) < 2 || !strings.Contains(out.String(), "报告 hengyang-county") {
		t.Fatalf("want two runs of hengyang-county (and of any other bundled report):\n%s", out.String())
	}
	for _, r := range runs {
		var y, m int
		fmt.Sscan(r[1], &y)
		fmt.Sscan(r[2], &m)
		want := report.PeriodOf(time.Date(y, time.Month(m), 10, 0, 0, 0, 0, time.UTC)).Prev().String()
		if r[3] != want {
			t.Errorf("run on %s-%s issues %s, want %s", r[1], r[2], r[3], want)
		}
	}
}

func TestScheduleRefuses(t *testing.T) {
	tests := []struct {
		name  string
		args  func(t *testing.T) []string
		usage bool
		want  string
	}{
		{"unknown log format", func(t *testing.T) []string { return []string{"--log-format", "xml", "--list"} }, true, `--log-format "xml" 应为 text 或 json`},
		{"no reports", func(t *testing.T) []string { return []string{"--reports", t.TempDir(), "--list"} }, false, "没有含 report.yaml 的报告文件夹"},
		{"bad cron", func(t *testing.T) []string {
			return []string{"--reports", scheduledReports(t, "0 9 10 13 *", "data/{{period}}.xlsx"), "--list"}
		}, false, `schedule.cron "0 9 10 13 *" 无法解析`},
		{"source without period", func(t *testing.T) []string {
			return []string{"--reports", scheduledReports(t, "@daily", "data/latest.xlsx"), "--list"}
		}, false, `source.file "data/latest.xlsx" 不含 {{period}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := scheduleCommand(tt.args(t), &out, &errb)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if got := errors.Is(err, errUsage); got != tt.usage {
				t.Errorf("usage error = %v, want %v", got, tt.usage)
			}
		})
	}
}

func TestSnapshotNotThereYet(t *testing.T) {
	def, err := report.Load(sampleReport)
	if err != nil {
		t.Fatal(err)
	}
	archiveDir := filepath.Join(t.TempDir(), "archive")
	_, issue, err := pipelineScheduleFuncs(archiveDir, "", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = issue(ctx, def, report.Period{Year: 2025, Quarter: 2})
	if !errors.Is(err, schedule.ErrNotYet) || !strings.Contains(err.Error(), "2025Q2 的导出文件还没有") {
		t.Errorf("err = %v, want ErrNotYet naming 2025Q2", err)
	}

	// Last quarter's export served again under this quarter's name is
	// not there yet either: the service waits instead of issuing it.
	if err := issue(ctx, def, report.Period{Year: 2022, Quarter: 2}); err != nil {
		t.Fatal(err)
	}
	copied := *def
	copied.Source.File = "data/2022Q2.xlsx"
	err = issue(ctx, &copied, report.Period{Year: 2022, Quarter: 3})
	if !errors.Is(err, schedule.ErrNotYet) || !strings.Contains(err.Error(), "完全相同") {
		t.Errorf("err = %v, want ErrNotYet saying the file is last quarter's", err)
	}
}

// The SIGTERM test runs `bulletin schedule` as a real process: this test
// binary re-executed with BULLETIN_SCHEDULE_HELPER set runs scheduleCommand
// with an issuance that takes a second and writes the archive's manifest
// last, by rename.
const scheduleHelperEnv = "BULLETIN_SCHEDULE_HELPER"

func TestScheduleHelperProcess(t *testing.T) {
	archiveDir := os.Getenv(scheduleHelperEnv)
	if archiveDir == "" {
		t.Skip("helper process for TestScheduleStopsOnSIGTERMMidIssuance")
	}
	if os.Getenv(scheduleHelperEnv+"_REAL") != "" {
		err := scheduleCommand(strings.Fields(os.Getenv(scheduleHelperEnv+"_ARGS")), os.Stdout, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	scheduleFuncs = func(archiveDir, _ string, logger *slog.Logger) (
		func(context.Context, string, report.Period) (bool, error),
		func(context.Context, *report.Definition, report.Period) error,
		error,
	) {
		manifest := func(id string, p report.Period) string {
			return filepath.Join(archiveDir, id, p.String(), "manifest.json")
		}
		issued := func(_ context.Context, id string, p report.Period) (bool, error) {
			_, err := os.Stat(manifest(id, p))
			return err == nil, nil
		}
		issue := func(ctx context.Context, def *report.Definition, p report.Period) error {
			m := manifest(def.ID, p)
			os.MkdirAll(filepath.Dir(m), 0o755)
			os.WriteFile(filepath.Join(archiveDir, "started"), nil, 0o644)
			select {
			case <-time.After(time.Second):
			case <-ctx.Done():
				return ctx.Err()
			}
			if err := os.WriteFile(m+".tmp", []byte(p.String()), 0o644); err != nil {
				return err
			}
			return os.Rename(m+".tmp", m)
		}
		return issued, issue, nil
	}
	err := scheduleCommand(strings.Fields(os.Getenv(scheduleHelperEnv+"_ARGS")), os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func TestScheduleStopsOnSIGTERMMidIssuance(t *testing.T) {
	archiveDir := t.TempDir()
	reports := scheduledReports(t, "0 0 1 * *", "data/{{period}}.xlsx") // fired this quarter: start-up issues
	cmd := exec.Command(os.Args[0], "-test.run=^TestScheduleHelperProcess$")
	cmd.Env = append(os.Environ(), scheduleHelperEnv+"="+archiveDir,
		scheduleHelperEnv+"_ARGS=--reports "+reports+" --archive "+archiveDir+" --log-format json")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	end := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(archiveDir, "started")); err == nil {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the issuance never started:\n%s", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, errb.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no exit 5s after SIGTERM:\n%s", errb.String())
	}
	if d := time.Since(signalled); d > 3*time.Second {
		t.Errorf("took %v to stop", d)
	}
	// The running issuance finished before the exit: the archive is whole.
	p := report.PeriodOf(time.Now().In(scheduleZone(t, "Asia/Shanghai"))).Prev()
	if got, err := os.ReadFile(filepath.Join(archiveDir, "hengyang-county", p.String(), "manifest.json")); err != nil || string(got) != p.String() {
		t.Errorf("manifest after SIGTERM: %q, %v", got, err)
	}
	logs := errb.String()
	t.Log(logs)
	for _, want := range []string{`"event":"signal received, stopping`, `"event":"issued"`, `"event":"stopped"`, `"msg":"已印发"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s:\n%s", want, logs)
		}
	}
	if strings.Index(logs, `"event":"issued"`) > strings.Index(logs, `"event":"stopped"`) {
		t.Errorf("stopped before the issuance finished:\n%s", logs)
	}
}

func scheduleZone(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
