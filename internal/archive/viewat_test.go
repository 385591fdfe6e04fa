package archive_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// A reader with the log reads each version at the commit the log gives:
// the files, manifest and file list of that version, without its tag (here
// deleted, as a crash after the branch moved leaves it), and no version
// the commit did not know.
func TestViewAtReadsTheLogsCommit(t *testing.T) {
	a := open(t)
	q1 := report.Period{Year: 2022, Quarter: 1}
	mustCommit(t, a, issuance("r", "2022Q1", "x", day))
	iss := issuance("r", "2022Q1", "y", day)
	iss.Manifest.Reason = "更正"
	mustCommit(t, a, iss)
	mustCommit(t, a, issuance("s", "2022Q1", "z", day))
	git(t, a.Dir, "gc", "-q", "--prune=now")
	git(t, a.Dir, "tag", "-d", "r/2022Q1/v2", "r/2022Q1/v1")

	es, err := a.Log("r")
	if err != nil || len(es) != 2 {
		t.Fatal(len(es), err)
	}
	for _, e := range es {
		v, err := a.ViewAt(e.Commit)
		if err != nil {
			t.Fatal(err)
		}
		if v.Commit() != e.Commit {
			t.Errorf("view commit %s, want %s", v.Commit(), e.Commit)
		}
		n := e.Manifest.Version
		want := map[int]string{1: "x", 2: "y"}[n]
		data, ok, err := v.ReadFile("r", q1, n, "notice.txt")
		if err != nil || !ok || !strings.Contains(string(data), want) {
			t.Errorf("v%d notice = %q %v %v", n, data, ok, err)
		}
		got, err := v.Version("r", q1, n)
		if err != nil || got.Commit != e.Commit || got.Manifest.Version != n || len(got.Manifest.Inputs) == 0 {
			t.Errorf("v%d entry = %+v %v", n, got, err)
		}
		if fs, err := v.Files("r", q1, n); err != nil || len(fs) == 0 {
			t.Errorf("v%d files = %v %v", n, fs, err)
		}
		if n == 1 {
			if _, err := v.Version("r", q1, 2); !errors.Is(err, archive.ErrNoVersion) {
				t.Errorf("v2 read in the view of v1: %v", err)
			}
		}
	}
	// Without the tag, v1 is still found from the newest view, through the
	// history.
	if data, ok, err := a.ReadFile("r", q1, 1, "notice.txt"); err != nil || !ok || !strings.Contains(string(data), "x") {
		t.Errorf("v1 without its tag = %q %v %v", data, ok, err)
	}
	for _, bad := range []string{"", "HEAD", "r/2022Q1/v1", strings.Repeat("0", 40), strings.Repeat("a", 40)} {
		if _, err := a.ViewAt(bad); !errors.Is(err, archive.ErrNoVersion) {
			t.Errorf("ViewAt(%q) = %v, want ErrNoVersion", bad, err)
		}
	}
}
