package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13 item 1: `run --archive` on a project's own repository is
// refused, naming the folder and what it holds; the uncommitted edit
// there survives.
func TestRunRefusesAnotherRepository(t *testing.T) {
	project := t.TempDir()
	git(t, project, "init", "-q")
	os.WriteFile(filepath.Join(project, "README.md"), []byte("# project\n"), 0o644)
	git(t, project, "add", "README.md")
	git(t, project, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "project start")
	os.WriteFile(filepath.Join(project, "README.md"), []byte("# project, unsaved work\n"), 0o644)

	r := bulletin(t, "run", "--report", sampleReport, "--archive", project)
	if r.code != 1 || !strings.Contains(r.stderr, project) || !strings.Contains(r.stderr, "不是 bulletin 档案库") || !strings.Contains(r.stderr, "project start") {
		t.Fatalf("run into a project repository: exit %d\n%s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(project, "README.md")); string(b) != "# project, unsaved work\n" {
		t.Errorf("README.md = %q", b)
	}
	if n := strings.Count(git(t, project, "log", "--oneline"), "\n"); n != 1 {
		t.Errorf("%d commits in the project", n)
	}
}

// A run that fails before committing creates no archive.
func TestFailedRunCreatesNoArchive(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "2022Q3.xlsx")
	os.WriteFile(bad, []byte("not a workbook"), 0o644)
	arch := filepath.Join(t.TempDir(), "archive")
	r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--snapshot", bad)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(arch); !os.IsNotExist(err) {
		t.Errorf("a failed run created %s (%v)", arch, err)
	}
}
