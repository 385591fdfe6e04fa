package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/web"
)

// The handler tests read archives made by the real pipeline from the
// bundled sample: 2022Q2, 2022Q3, and 2022Q3 again with 县公安局's
// coverage corrected (version 2). Made once per test binary and copied
// for tests that add to it.

const sample = "../../reports/hengyang-county"

var (
	baseOnce sync.Once
	baseDir  string
	baseErr  error
	tmpRoot  string
)

func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.DiscardHandler))
	code := m.Run()
	if tmpRoot != "" {
		os.RemoveAll(tmpRoot)
	}
	os.Exit(code)
}

// issue runs the pipeline on the sample (or on snapshot, a changed copy).
func issue(dir, period, snapshot, reason string, day time.Time) error {
	def, err := report.Load(sample)
	if err != nil {
		return err
	}
	p, err := report.ParsePeriod(period)
	if err != nil {
		return err
	}
	_, err = pipeline.Issue(context.Background(), pipeline.Options{Report: def, Period: p, ArchiveDir: dir,
		SnapshotFile: snapshot, Reason: reason, Date: day})
	return err
}

// changedExport writes a copy of the sample's 2022Q3 export with cells
// set, into dir.
func changedExport(dir string, cells map[string]any) (string, error) {
	f, err := excelize.OpenFile(filepath.Join(sample, "data", "2022Q3.xlsx"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	for c, v := range cells {
		if err := f.SetCellValue(sheet, c, v); err != nil {
			return "", err
		}
	}
	out := filepath.Join(dir, "2022Q3.xlsx")
	return out, f.SaveAs(out)
}

func buildBase() (string, error) {
	var err error
	if tmpRoot, err = os.MkdirTemp("", "bulletin-web-"); err != nil {
		return "", err
	}
	dir := filepath.Join(tmpRoot, "archive")
	if err := issue(dir, "2022Q2", "", "", time.Date(2022, 7, 10, 0, 0, 0, 0, time.UTC)); err != nil {
		return "", err
	}
	if err := issue(dir, "2022Q3", "", "", time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)); err != nil {
		return "", err
	}
	fixDir := filepath.Join(tmpRoot, "fix")
	os.MkdirAll(fixDir, 0o755)
	// 县公安局 is row 8: 覆盖本级事项条数 (L) 11 → 20, 覆盖率 (N) 26.19% → 47.62%.
	fixed, err := changedExport(fixDir, map[string]any{"L8": 20, "N8": 0.4762})
	if err != nil {
		return "", err
	}
	if err := issue(dir, "2022Q3", fixed, "县公安局数据更正", time.Date(2022, 11, 10, 0, 0, 0, 0, time.UTC)); err != nil {
		return "", err
	}
	return dir, nil
}

// base returns the shared archive (read-only use).
func base(t testing.TB) string {
	t.Helper()
	baseOnce.Do(func() { baseDir, baseErr = buildBase() })
	if baseErr != nil {
		t.Fatal(baseErr)
	}
	return baseDir
}

// copyArchive copies the shared archive for a test that adds to it.
func copyArchive(t *testing.T) string {
	t.Helper()
	src := base(t)
	dst := filepath.Join(t.TempDir(), "archive")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func newServer(t testing.TB, dir string, opts web.Options) *web.Server {
	t.Helper()
	st, err := web.OpenArchive(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if opts.Program == "" {
		opts.Program = "test"
	}
	s, err := web.New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close) // before the store closes
	return s
}

// get requests path from h and returns the response and its body.
func get(t testing.TB, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	return do(t, h, httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+path, nil))
}

func do(t testing.TB, h http.Handler, r *http.Request) (*http.Response, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	return res, w.Body.String()
}

func mustOK(t testing.TB, h http.Handler, path string) string {
	t.Helper()
	res, body := get(t, h, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, res.StatusCode, body)
	}
	return body
}

var _ = fmt.Sprint
