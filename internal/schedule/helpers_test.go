package schedule_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/schedule"
)

// shanghai is the default zone; the tests compute due periods in it.
var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// duePeriod is the period a schedule that fired in the current period
// issues now: the last complete quarter in Shanghai.
func duePeriod() report.Period {
	return report.PeriodOf(time.Now().In(shanghai)).Prev()
}

// logBuffer collects the service's JSON log records.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// records returns the records whose message starts with msg and whose
// attributes include every key=value pair of attrs ("report=a").
func (b *logBuffer) records(msg string, attrs ...string) []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(b.buf.String(), "\n") {
		var r map[string]any
		if json.Unmarshal([]byte(line), &r) != nil {
			continue
		}
		if m, _ := r["msg"].(string); !strings.HasPrefix(m, msg) {
			continue
		}
		ok := true
		for _, a := range attrs {
			k, v, _ := strings.Cut(a, "=")
			if fmt.Sprint(r[k]) != v {
				ok = false
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls cond until it holds or within passes; it fails the test
// with what on timeout.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(within)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("timed out after %v waiting for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// testArchive is an archive folder standing in for the git archive: a
// period is issued when <id>/<period>/manifest.json exists. Issue writes
// the manifest last and by rename, as the real archive commits last, so
// the folder is consistent at every instant.
type testArchive struct {
	dir string
	// ready reports whether the period's snapshot has landed.
	ready func(id string, p report.Period) bool
	// during runs inside Issue, before the manifest is written.
	during func(ctx context.Context) error

	mu     sync.Mutex
	calls  []string // "id period" per Issue call
	issued []string // "id period" per completed issuance
}

func newTestArchive(t *testing.T) *testArchive {
	return &testArchive{dir: t.TempDir(), ready: func(string, report.Period) bool { return true }}
}

func (a *testArchive) manifest(id string, p report.Period) string {
	return filepath.Join(a.dir, id, p.String(), "manifest.json")
}

func (a *testArchive) Issued(ctx context.Context, id string, p report.Period) (bool, error) {
	_, err := os.Stat(a.manifest(id, p))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

func (a *testArchive) Issue(ctx context.Context, def *report.Definition, p report.Period) error {
	a.mu.Lock()
	a.calls = append(a.calls, def.ID+" "+p.String())
	a.mu.Unlock()
	if !a.ready(def.ID, p) {
		return fmt.Errorf("read %s data/%s.xlsx: %w", def.ID, p, schedule.ErrNotYet)
	}
	if a.during != nil {
		if err := a.during(ctx); err != nil {
			return err
		}
	}
	if err := a.write(def.ID, p); err != nil {
		return err
	}
	a.mu.Lock()
	a.issued = append(a.issued, def.ID+" "+p.String())
	a.mu.Unlock()
	return nil
}

func (a *testArchive) write(id string, p report.Period) error {
	m := a.manifest(id, p)
	if err := os.MkdirAll(filepath.Dir(m), 0o755); err != nil {
		return err
	}
	tmp := m + ".tmp"
	if err := os.WriteFile(tmp, []byte(`{"period":"`+p.String()+`"}`), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, m)
}

func (a *testArchive) counts() (calls, issued []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.calls...), append([]string(nil), a.issued...)
}

// def returns a report definition scheduled with spec and deadline.
func def(t testing.TB, id, spec, deadline string) *report.Definition {
	return &report.Definition{
		Dir:      t.TempDir(),
		ID:       id,
		Name:     id + " 情况通报",
		Schedule: report.Schedule{Cron: spec, TimeZone: "Asia/Shanghai", Deadline: deadline},
	}
}

// monthly fires at midnight on the 1st: it fired this quarter already at
// any time of the test (a quarter starts on a 1st), and it will not fire
// during a test run except at the turn of a month.
const monthly = "0 0 1 * *"

// start starts a service over arch and closes it when the test ends.
func start(t *testing.T, arch *testArchive, logs *logBuffer, b schedule.Backoff, defs ...*report.Definition) *schedule.Service {
	t.Helper()
	svc := &schedule.Service{
		Reports: defs,
		Issued:  arch.Issued,
		Issue:   arch.Issue,
		Logger:  logs.logger(),
		Backoff: b,
	}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := svc.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return svc
}

var fast = schedule.Backoff{Initial: 50 * time.Millisecond, Max: 200 * time.Millisecond}
