package pipeline_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// The writer lock is held only to commit: while a run waits for a slow
// download, another writer can take the archive; and a run that finds the
// archive moved on when it commits builds again on top of it.
func TestLockHeldOnlyToCommit(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sample, "data", "2022Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	asked := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.Path, "2022Q3") {
			http.NotFound(w, r)
			return
		}
		asked <- struct{}{}
		<-release
		w.Write(data)
	}))
	defer srv.Close()
	def := load(t)
	def.Source = report.Source{URL: srv.URL + "/{{period}}.xlsx"}
	arch := filepath.Join(t.TempDir(), "archive")
	a, err := archive.Open(arch)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	done := make(chan error, 1)
	go func() {
		_, err := pipeline.Issue(context.Background(), pipeline.Options{Report: def, Period: report.Period{Year: 2022, Quarter: 3}, ArchiveDir: arch, Date: time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)})
		done <- err
	}()
	<-asked
	unlock, err := a.Lock()
	if err != nil {
		t.Fatalf("the lock is held during the download: %v", err)
	}
	// Another writer commits meanwhile (an import of the period before).
	q2 := filepath.Join(sample, "data", "2022Q2.xlsx")
	if _, err := pipeline.Import(context.Background(), pipeline.ImportOptions{Report: def, File: q2, ArchiveDir: arch}); err == nil {
		t.Fatal("Import while the lock is held succeeded")
	}
	unlock()
	if _, err := pipeline.Import(context.Background(), pipeline.ImportOptions{Report: def, File: q2, ArchiveDir: arch}); err != nil {
		t.Fatal(err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// The run was rebuilt on the archive as it now is: its deltas are
	// against the imported 2022Q2.
	v, err := a.View()
	if err != nil {
		t.Fatal(err)
	}
	m, ok, err := v.Latest("hengyang-county", report.Period{Year: 2022, Quarter: 3})
	if err != nil || !ok || m.Inputs[pipeline.PreviousInput] == "" {
		t.Errorf("2022Q3 manifest %+v (%v): not built against the imported 2022Q2", m, err)
	}
}
