package pipeline_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// A push that failed is completed by the next run, even one that commits
// nothing (it takes no lock, and pushes all the remote lacks).
func TestRerunCompletesAFailedPush(t *testing.T) {
	tmp := t.TempDir()
	remote := filepath.Join(tmp, "remote.git")
	def := load(t)
	zero := 0
	def.Archive = report.ArchiveSettings{Remote: "file://" + remote, Retries: &zero}
	opts := pipeline.Options{Report: def, Period: report.Period{Year: 2022, Quarter: 3}, ArchiveDir: filepath.Join(tmp, "archive"), Date: time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)}
	out, err := pipeline.Issue(context.Background(), opts)
	if err != nil || !out.Committed || len(out.Notes) == 0 {
		t.Fatalf("first run (remote missing): %v %+v", err, out)
	}
	if b, err := exec.Command("git", "init", "-q", "--bare", remote).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, b)
	}
	out, err = pipeline.Issue(context.Background(), opts)
	if err != nil || out.Committed {
		t.Fatalf("rerun: %v %+v", err, out)
	}
	tags, err := exec.Command("git", "-C", remote, "tag", "-l").Output()
	if err != nil || !strings.Contains(string(tags), "hengyang-county/2022Q3/v1") {
		t.Errorf("the rerun did not push: tags %q (%v)", tags, err)
	}
}
