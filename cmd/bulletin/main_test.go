package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/pdftest"
	"github.com/xuri/excelize/v2"
)

// The end-to-end tests run the command in-process, exactly as main does, on
// the bundled sample report, with a real archive repository in a temporary
// folder, and read the PDF back with pdftotext.

const sampleReport = "../../reports/hengyang-county"

type result struct {
	code           int
	stdout, stderr string
}

func bulletin(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return result{code, out.String(), errb.String()}
}

// pdfText is the text of the PDF at path, as pdftotext reads it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	return pdftest.Text(t, pdftest.File(t, path))
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// squash removes the spaces pdftotext puts between runs, so that figures
// can be searched for as they are written.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestRunIssuesSampleAndArchivesIt(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--date", "2022-11-04")
	if r.code != 0 {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	dir := filepath.Join(arch, "hengyang-county", "2022Q3")
	for _, name := range []string{"2022Q3.xlsx", "snapshot.json", "notice.txt", "notice.pdf", "rankings.xlsx", "manifest.json"} {
		if !strings.Contains(r.stdout, filepath.Join(dir, name)) {
			t.Errorf("stdout does not list %s:\n%s", name, r.stdout)
		}
	}
	text := squash(pdfText(t, filepath.Join(dir, "notice.pdf")))
	for _, want := range []string{
		"关于2022年第三季度全县“互联网+监管”工作情况的通报",
		"2022年第三季度",
		// 监管行为覆盖率 over all departments: 206/790 (ratio of sums).
		"26.08%",
		// …against 142/788 = 18.02% in 2022Q2.
		"较上季度上升8.06个百分点",
		"2022年11月4日",
		"衡县政务公开办〔2022〕1号",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("notice.pdf text lacks %q", want)
		}
	}
	for _, unit := range []string{"县发改局", "县档案局", "委统一战线工作", "县城管局", "县市场监督管理局"} {
		if !strings.Contains(text, unit) {
			t.Errorf("notice.pdf lacks unit %q", unit)
		}
	}

	log := git(t, arch, "log", "--format=%H %s")
	if n := strings.Count(log, "\n"); n != 1 {
		t.Fatalf("want 1 commit, got %d:\n%s", n, log)
	}
	files := git(t, arch, "ls-tree", "-r", "--name-only", "HEAD")
	for _, name := range []string{"2022Q3.xlsx", "snapshot.json", "notice.txt", "notice.pdf", "rankings.xlsx", "manifest.json"} {
		if !strings.Contains(files, "hengyang-county/2022Q3/"+name) {
			t.Errorf("commit lacks hengyang-county/2022Q3/%s:\n%s", name, files)
		}
	}
	if st := git(t, arch, "status", "--porcelain"); st != "" {
		t.Errorf("archive worktree not clean:\n%s", st)
	}

	// The same inputs again: no new commit, and the run says so.
	r2 := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--date", "2022-11-04")
	if r2.code != 0 {
		t.Fatalf("rerun: exit %d\n%s", r2.code, r2.stderr)
	}
	if !strings.Contains(r2.stderr, "未新增提交") {
		t.Errorf("rerun does not say nothing was committed:\n%s", r2.stderr)
	}
	if log2 := git(t, arch, "log", "--format=%H %s"); log2 != log {
		t.Errorf("rerun added a commit:\n%s", log2)
	}
}

func TestDryRunLeavesArchiveUntouched(t *testing.T) {
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	if r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q2", "--date", "2022-07-10"); r.code != 0 {
		t.Fatalf("issuing 2022Q2: exit %d\n%s", r.code, r.stderr)
	}
	before := git(t, arch, "log", "--format=%H")
	out := filepath.Join(tmp, "out")
	r := bulletin(t, "run", "--report", sampleReport, "--snapshot", filepath.Join(sampleReport, "data", "2022Q3.xlsx"),
		"--period", "2022Q3", "--dry-run", "--out", out, "--archive", arch, "--date", "2022-11-04")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, name := range []string{"notice.pdf", "notice.txt", "rankings.xlsx", "snapshot.json"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("dry run did not write %s: %v", name, err)
		}
	}
	if after := git(t, arch, "log", "--format=%H"); after != before {
		t.Errorf("dry run changed the archive:\nbefore %s\nafter %s", before, after)
	}
}

func TestBadSnapshotExitsOneAndCommitsNothing(t *testing.T) {
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	bad := filepath.Join(tmp, "2022Q3.xlsx")
	if err := os.WriteFile(bad, []byte("this is not a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--snapshot", bad)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "2022Q3.xlsx") {
		t.Errorf("message does not name the file:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
		t.Errorf("stack trace in output:\n%s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(arch, ".git")); err == nil {
		if log, _ := exec.Command("git", "-C", arch, "log", "--oneline").CombinedOutput(); strings.TrimSpace(string(log)) != "" && !strings.Contains(string(log), "does not have any commits") {
			t.Errorf("bad input produced a commit:\n%s", log)
		}
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"run", "--no-such-flag"},
		{"run", "--period", "2022Q5"},
		{"run", "extra"},
	} {
		if r := bulletin(t, args...); r.code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
	}
}

func TestCheckListsProblems(t *testing.T) {
	r := bulletin(t, "check", "--report", sampleReport)
	if r.code != 0 {
		t.Fatalf("check of the bundled sample: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	os.WriteFile(bad, []byte("PK\x03\x04 broken"), 0o644)
	r = bulletin(t, "check", "--report", sampleReport, "--snapshot", bad)
	if r.code != 1 || !strings.Contains(r.stderr, "bad.xlsx") {
		t.Errorf("check of a broken file: exit %d\n%s", r.code, r.stderr)
	}
}

// A corrected export re-issues the period as version 2 with a reason; the
// notice keeps the 发文字号 it was first issued with, even when issued in a
// later year, and a snapshot recorded by import takes no number.
func TestReissueKeepsDocumentNumber(t *testing.T) {
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	if r := bulletin(t, "import", "--report", sampleReport, "--archive", arch, filepath.Join(sampleReport, "data", "2022Q2.xlsx")); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	if r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--date", "2022-11-04"); r.code != 0 {
		t.Fatalf("run: exit %d\n%s", r.code, r.stderr)
	}

	// 县公安局 covered 15 of its 42 matters, not 11: 210/790 = 26.58%.
	f, err := excelize.OpenFile(filepath.Join(sampleReport, "data", "2022Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("统计表", "L8", 15); err != nil {
		t.Fatal(err)
	}
	corrected := filepath.Join(tmp, "2022Q3.xlsx")
	if err := f.SaveAs(corrected); err != nil {
		t.Fatal(err)
	}
	f.Close()

	r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--snapshot", corrected, "--date", "2023-01-05")
	if r.code != 1 || !strings.Contains(r.stderr, "--reason") {
		t.Fatalf("changed inputs without --reason: exit %d, want 1 asking for --reason\n%s", r.code, r.stderr)
	}
	r = bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--snapshot", corrected, "--date", "2023-01-05", "--reason", "县公安局覆盖事项数更正")
	if r.code != 0 {
		t.Fatalf("re-issue: exit %d\n%s", r.code, r.stderr)
	}
	text := squash(pdfText(t, filepath.Join(arch, "hengyang-county", "2022Q3", "notice.pdf")))
	for _, want := range []string{"衡县政务公开办〔2022〕1号", "监管行为覆盖率26.58%", "2023年1月5日"} {
		if !strings.Contains(text, want) {
			t.Errorf("re-issued notice.pdf lacks %q", want)
		}
	}
	d := bulletin(t, "diff", "--archive", arch, "hengyang-county", "2022Q3")
	for _, want := range []string{"第1版", "第2版", "县公安局覆盖事项数更正", "-　　截至", "26.58%"} {
		if !strings.Contains(d.stdout, want) {
			t.Errorf("diff lacks %q:\n%s", want, d.stdout)
		}
	}
}
