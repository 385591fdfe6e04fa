package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Issue 13: what a hostile tester found in the archive, the pipeline and
// the command line, each through the command a user would type.

const (
	hostileChildEnv = "BULLETIN_HOSTILE_CHILD" // the file size limit, bytes
	hostileArgsEnv  = "BULLETIN_HOSTILE_ARGS"  // the command line, one argument a line
)

// TestHostileChild is not a test: it runs one command line under a file
// size limit (RLIMIT_FSIZE), the way a full disk refuses a write midway.
func TestHostileChild(t *testing.T) {
	limit := os.Getenv(hostileChildEnv)
	if limit == "" {
		t.Skip("helper process of the disk-full tests")
	}
	n, _ := strconv.ParseUint(limit, 10, 64)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		fmt.Fprintln(os.Stderr, "setrlimit:", err)
		os.Exit(3)
	}
	os.Exit(run(strings.Split(os.Getenv(hostileArgsEnv), "\n"), os.Stdout, os.Stderr))
}

// bulletinLimited runs bulletin in a child process that may write no file
// larger than limit bytes.
func bulletinLimited(t *testing.T, limit int64, args ...string) result {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHostileChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), hostileChildEnv+"="+strconv.FormatInt(limit, 10), hostileArgsEnv+"="+strings.Join(args, "\n"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code == 3 {
		t.Fatalf("child: %s", errb.String())
	}
	return result{code, out.String(), errb.String()}
}

// snapshotFiles reads every file of dir.
func snapshotFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s: %s changed (%d bytes, was %d)", what, name, len(got[name]), len(b))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s left behind", what, name)
		}
	}
}

// Item 5: a write the disk refuses midway (here: a file size limit below
// notice.pdf's size) leaves no part of a file at a final path, for
// `run --dry-run --out` and `show --out`; what was there before is
// untouched.
func TestDiskFullLeavesNoPartialOutput(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	mustRun(t, "run", "--report", sampleReport, "--period", "2022Q3", "--dry-run", "--out", out, "--date", "2022-11-04")
	before := snapshotFiles(t, out)
	limit := int64(len(before["notice.pdf"]) / 2)

	r := bulletinLimited(t, limit, "run", "--report", sampleReport, "--period", "2022Q3", "--dry-run", "--out", out, "--date", "2022-11-05")
	if r.code != 1 || !strings.Contains(r.stderr, out) {
		t.Fatalf("dry run on a full disk: exit %d\n%s", r.code, r.stderr)
	}
	sameFiles(t, "--out after a full disk", snapshotFiles(t, out), before)

	arch := filepath.Join(tmp, "archive")
	mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-04")
	pdf := filepath.Join(tmp, "v1.pdf")
	os.WriteFile(pdf, []byte("an earlier file"), 0o644)
	r = bulletinLimited(t, limit, "show", "--archive", arch, "--out", pdf, "hengyang-county", "2022Q3", "notice.pdf")
	if r.code != 1 {
		t.Fatalf("show --out on a full disk: exit %d\n%s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(pdf); string(b) != "an earlier file" {
		t.Errorf("show --out left %d bytes at %s", len(b), pdf)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, ".bulletin-tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// Item 5 in the archive: the objects of a re-issue fit, the new
// notice.pdf in the worktree does not (compressed objects are smaller than
// the file). The commit is made and said to be issued (item 14); the
// worktree keeps the complete earlier notice.pdf, never part of the new
// one; the next run brings it up to the commit and `git status` is clean.
func TestDiskFullInWorktreeKeepsWholeFiles(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-04")
	dir := filepath.Join(arch, "hengyang-county", "2022Q3")
	v1 := snapshotFiles(t, dir)
	h := strings.TrimSpace(git(t, arch, "rev-parse", "HEAD:hengyang-county/2022Q3/notice.pdf"))
	obj, err := os.Stat(filepath.Join(arch, ".git", "objects", h[:2], h[2:]))
	if err != nil {
		t.Fatal(err)
	}
	raw := int64(len(v1["notice.pdf"]))
	if raw-obj.Size() < 512 {
		t.Fatalf("notice.pdf compresses from %d to %d bytes only: no room for the limit", raw, obj.Size())
	}
	limit := (raw + obj.Size()) / 2

	r := bulletinLimited(t, limit, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-05", "--reason", "成文日期更正")
	if r.code != 0 || !strings.Contains(r.stderr, "通报已印发并存档") || !strings.Contains(r.stderr, "请勿重复印发") || !strings.Contains(r.stderr, "再运行一次") {
		t.Fatalf("re-issue whose worktree update failed: exit %d\n%s", r.code, r.stderr)
	}
	if tags := git(t, arch, "tag", "-l"); !strings.Contains(tags, "hengyang-county/2022Q3/v2") {
		t.Fatalf("v2 not tagged:\n%s", tags)
	}
	commit := strings.TrimSpace(git(t, arch, "rev-parse", "HEAD"))
	if !strings.Contains(r.stderr, commit[:12]) {
		t.Errorf("the message does not name commit %s:\n%s", commit[:12], r.stderr)
	}
	now := snapshotFiles(t, dir)
	if !bytes.Equal(now["notice.pdf"], v1["notice.pdf"]) {
		t.Errorf("worktree notice.pdf is %d bytes: neither v1 (%d) nor complete", len(now["notice.pdf"]), raw)
	}
	for name := range now {
		if _, ok := v1[name]; !ok {
			t.Errorf("%s left in the period folder", name)
		}
	}
	git(t, arch, "fsck", "--strict")

	r = mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-05", "--reason", "成文日期更正")
	if !strings.Contains(r.stderr, "已补齐") {
		t.Errorf("the rerun does not say it repaired the worktree:\n%s", r.stderr)
	}
	if st := git(t, arch, "status", "--porcelain"); st != "" {
		t.Errorf("worktree not clean after the rerun:\n%s", st)
	}
	if got := git(t, arch, "show", "HEAD:hengyang-county/2022Q3/notice.pdf"); got != string(snapshotFiles(t, dir)["notice.pdf"]) {
		t.Error("worktree notice.pdf is not v2's after the rerun")
	}
}

// Item 14: a commit whose worktree update failed (a file where the period
// folder should be) says it issued the notice, names the commit and what to
// do, and exits 0: the notice is issued, and a failure status would invite
// issuing it again by other means. A rerun repairs the worktree. Killed
// runs' temporary object files are removed by the next writer.
func TestWorktreeFailureSaysIssuedAndLeftoversAreCleaned(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q2", "--date", "2022-07-10")

	old := time.Now().Add(-time.Hour)
	objects := filepath.Join(arch, ".git", "objects")
	os.MkdirAll(filepath.Join(objects, "ab"), 0o755)
	leftovers := []string{filepath.Join(objects, "pack", "tmp_obj_123"), filepath.Join(objects, "ab", "tmp_obj_456"), filepath.Join(arch, ".git", "bulletin-ref-789")}
	for _, p := range leftovers {
		os.WriteFile(p, []byte("half an object"), 0o644)
		os.Chtimes(p, old, old)
	}
	fresh := filepath.Join(objects, "pack", "tmp_obj_git_is_writing")
	os.WriteFile(fresh, nil, 0o644)

	blocker := filepath.Join(arch, "hengyang-county", "2022Q3")
	if err := os.WriteFile(blocker, []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-04")
	if r.code != 0 || !strings.Contains(r.stderr, "通报已印发并存档") || !strings.Contains(r.stderr, "已存档 2022Q3 第 1 版") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	head := strings.TrimSpace(git(t, arch, "rev-parse", "HEAD"))
	if !strings.Contains(r.stderr, head[:12]) || !strings.Contains(r.stderr, arch) {
		t.Errorf("the message names neither the commit %s nor the archive:\n%s", head[:12], r.stderr)
	}
	for _, p := range leftovers {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("leftover %s not removed", p)
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh temporary object (git may be writing it) was removed: %v", err)
	}
	os.Remove(fresh)

	os.Remove(blocker)
	r = mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-04")
	if !strings.Contains(r.stderr, "未新增提交") || !strings.Contains(r.stderr, "已补齐") {
		t.Errorf("rerun:\n%s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(blocker, "notice.pdf")); err != nil {
		t.Errorf("notice.pdf not repaired: %v", err)
	}
	if st := git(t, arch, "status", "--porcelain"); st != "" {
		t.Errorf("worktree not clean:\n%s", st)
	}
	git(t, arch, "fsck", "--strict")
}

// Item 6: no --out may point into the archive, through a symbolic link
// either; the message names the archive, and nothing there changes.
func TestOutInsideArchiveRefused(t *testing.T) {
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-04")
	headFile := filepath.Join(arch, ".git", "HEAD")
	headBefore, _ := os.ReadFile(headFile)
	dir := filepath.Join(arch, "hengyang-county", "2022Q3")
	before := snapshotFiles(t, dir)
	link := filepath.Join(tmp, "link")
	if err := os.Symlink(arch, link); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"show", "--archive", arch, "--out", headFile, "hengyang-county", "2022Q3", "notice.txt"},
		{"show", "--archive", arch, "hengyang-county", "2022Q3", "notice.txt", "--out", filepath.Join(link, "x.txt")},
		{"run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-05", "--dry-run", "--out", dir},
		{"run", "--report", sampleReport, "--archive", link, "--period", "2022Q3", "--date", "2022-11-05", "--dry-run", "--out", filepath.Join(arch, "new")},
		{"run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-05", "--dry-run", "--out", filepath.Join(link, "hengyang-county", "2022Q3")},
	} {
		r := bulletin(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "位于档案库") || !strings.Contains(r.stderr, "--out") {
			t.Errorf("bulletin %v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	if b, _ := os.ReadFile(headFile); !bytes.Equal(b, headBefore) {
		t.Errorf(".git/HEAD is now %q", b)
	}
	sameFiles(t, "issued period folder", snapshotFiles(t, dir), before)
	if _, err := os.Stat(filepath.Join(arch, "new")); !os.IsNotExist(err) {
		t.Error("a dry run wrote into the archive")
	}
	if st := git(t, arch, "status", "--porcelain"); st != "" {
		t.Errorf("archive worktree changed:\n%s", st)
	}
}

// Item 7: a blank reason, or one with terminal control characters, is
// refused; nothing is committed.
func TestBadReasonsRefused(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-04")
	before := git(t, arch, "log", "--format=%H")
	for reason, want := range map[string]string{
		"   ":             "只有空白",
		"\t \n":           "只有空白",
		"数据更正\x1b[2J\x07": "U+001B",
		"更正\u202e文字":      "U+202E",
	} {
		for _, cmd := range []string{"run", "check"} {
			r := bulletin(t, cmd, "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-05", "--reason", reason)
			if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "--reason") {
				t.Errorf("%s --reason %q: exit %d\n%s", cmd, reason, r.code, r.stderr)
			}
			if strings.ContainsAny(r.stderr+r.stdout, "\x1b\x07\u202e") {
				t.Errorf("%s --reason %q: a control character reached the terminal", cmd, reason)
			}
		}
	}
	if after := git(t, arch, "log", "--format=%H"); after != before {
		t.Errorf("a refused reason committed:\n%s", after)
	}
	// A reason with surrounding spaces is kept, trimmed; lines (CRLF from a
	// web form) are fine.
	mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--period", "2022Q3", "--date", "2022-11-05", "--reason", "  成文日期更正\r\n见附件  ")
	if m := manifestOf(t, arch, "hengyang-county", "2022Q3"); m.Reason != "成文日期更正\r\n见附件" {
		t.Errorf("reason = %q", m.Reason)
	}
}

// reportWithID copies the sample report into a folder named folder and
// sets its id (none: the id is the folder's name).
func reportWithID(t *testing.T, folder, id string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), folder)
	if err := os.CopyFS(dir, os.DirFS(sampleReport)); err != nil {
		t.Fatal(err)
	}
	yaml := filepath.Join(dir, "report.yaml")
	if id == "" {
		editFile(t, yaml, "id: hengyang-county\n", "")
	} else {
		editFile(t, yaml, "id: hengyang-county\n", "id: '"+id+"'\n")
	}
	return dir
}

// Item 13: report ids git cannot hold in a tag ref are refused at check
// (and by run, before anything is written), saying which characters are
// allowed; a Chinese id is fine and `git fsck` stays clean.
func TestReportIDsGitRefusesAreRefusedAtCheck(t *testing.T) {
	cases := map[string][2]string{ // name → folder, id
		"space in folder":  {"衡阳 县", ""},
		"colon":            {"r", "hengyang:county"},
		"tilde":            {"r", "hengyang~1"},
		"dots":             {"r", "hengyang..county"},
		"question":         {"r", "hengyang?"},
		"star":             {"r", "hengyang*"},
		"bracket":          {"r", "hengyang[1]"},
		"caret":            {"r", "a^b"},
		"lock":             {"r", "hengyang.lock"},
		"leading dot":      {"r", ".hengyang"},
		"slash":            {"r", "a/b"},
		"escape in folder": {"a\x1bb", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := reportWithID(t, c[0], c[1])
			snap := filepath.Join(dir, "data", "2022Q3.xlsx")
			r := bulletin(t, "check", "--report", dir, "--snapshot", snap, "--archive", filepath.Join(t.TempDir(), "a"))
			if r.code != 1 || !strings.Contains(r.stderr, "报告编号") || !strings.Contains(r.stderr, "只能由汉字、字母、数字和 - _ . 组成") {
				t.Errorf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			arch := filepath.Join(t.TempDir(), "a")
			r = bulletin(t, "run", "--report", dir, "--snapshot", snap, "--archive", arch, "--date", "2022-11-04")
			if r.code != 1 || !strings.Contains(r.stderr, "报告编号") {
				t.Errorf("run: exit %d\n%s", r.code, r.stderr)
			}
			if _, err := os.Stat(arch); !os.IsNotExist(err) {
				t.Errorf("a refused run created the archive")
			}
		})
	}
	dir := reportWithID(t, "衡阳县", "")
	arch := filepath.Join(t.TempDir(), "a")
	mustRun(t, "check", "--report", dir, "--snapshot", filepath.Join(dir, "data", "2022Q3.xlsx"), "--archive", arch)
	mustRun(t, "run", "--report", dir, "--snapshot", filepath.Join(dir, "data", "2022Q3.xlsx"), "--archive", arch, "--date", "2022-11-04")
	git(t, arch, "fsck", "--strict")
	if tags := git(t, arch, "tag", "-l"); !strings.Contains(tags, "衡阳县/2022Q3/v1") {
		t.Errorf("tags: %s", tags)
	}
}

// Item 18: an export named like a file the archive writes into the period
// folder is refused by check, in words, and by run before anything is
// written.
func TestExportNamedLikeArchiveFileRefusedAtCheck(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sampleReport, "data", "2022Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"rankings.xlsx", "Rankings.XLSX", "manifest.json", "snapshot.json", "notice.txt", "notice.pdf"} {
		file := filepath.Join(t.TempDir(), name)
		os.WriteFile(file, data, 0o644)
		arch := filepath.Join(t.TempDir(), "archive")
		for _, cmd := range []string{"check", "run", "import"} {
			args := []string{cmd, "--report", sampleReport, "--period", "2022Q3", "--archive", arch}
			if cmd == "import" {
				args = append(args, file)
			} else {
				args = append(args, "--snapshot", file, "--date", "2022-11-04")
			}
			r := bulletin(t, args...)
			if r.code != 1 || !strings.Contains(r.stderr, "数据文件名") || !strings.Contains(r.stderr, "同名") || strings.Contains(r.stderr, "archive:") {
				t.Errorf("%s %s: exit %d\n%s", cmd, name, r.code, r.stderr)
			}
		}
		if _, err := os.Stat(arch); !os.IsNotExist(err) {
			t.Errorf("%s: an archive was created", name)
		}
	}
}

// Item 19: impossible dates and periods that have not ended are refused
// by check and run; a 成文日期 within the period is a warning.
func TestImpossibleDatesAndFuturePeriodsRefused(t *testing.T) {
	snap := filepath.Join(sampleReport, "data", "2022Q3.xlsx")
	arch := filepath.Join(t.TempDir(), "archive")
	// The quarter running now in the report's time zone.
	current := report.PeriodOf(time.Now().In(scheduleZone(t, "Asia/Shanghai"))).String()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--date", "0000-01-01"}, "早于 2022Q3 的开始"},
		{[]string{"--date", "2022-06-30"}, "早于 2022Q3 的开始"},
		{[]string{"--date", "9999-01-01"}, "晚一年以上"},
		{[]string{"--period", "9999Q4", "--date", "2022-11-04"}, "9999Q4 到 9999-12-31 才结束"},
		{[]string{"--period", current}, "不能为尚未结束的期次"},
	} {
		for _, cmd := range []string{"check", "run"} {
			args := append([]string{cmd, "--report", sampleReport, "--snapshot", snap, "--archive", arch}, c.args...)
			r := bulletin(t, args...)
			if r.code != 1 || !strings.Contains(r.stderr, c.want) {
				t.Errorf("%v: exit %d, want %q\n%s", args, r.code, c.want, r.stderr)
			}
		}
	}
	if _, err := os.Stat(arch); !os.IsNotExist(err) {
		t.Error("a refused run created the archive")
	}
	r := mustRun(t, "check", "--report", sampleReport, "--snapshot", snap, "--archive", arch, "--date", "2022-09-20")
	if !strings.Contains(r.stdout, "早于 2022Q3 结束（2022-09-30）") {
		t.Errorf("check with a date inside the period gives no warning:\n%s", r.stdout)
	}
	// The sample export states 统计截止时间 2022-11-03.
	r = mustRun(t, "check", "--report", sampleReport, "--snapshot", snap, "--archive", arch, "--date", "2022-10-20")
	if !strings.Contains(r.stdout, "早于数据的统计截止时间 2022-11-03") {
		t.Errorf("check with a date before the data's as-of date gives no warning:\n%s", r.stdout)
	}
	r = bulletin(t, "import", "--report", sampleReport, "--archive", arch, "--period", "9999Q4", snap)
	if r.code != 1 || !strings.Contains(r.stderr, "尚未结束") {
		t.Errorf("import of 9999Q4: exit %d\n%s", r.code, r.stderr)
	}
}

// Issue 12 item 10: the libraries name no flag; the command does.
func TestLibraryErrorsWordedWithFlags(t *testing.T) {
	r := bulletin(t, "check", "--report", t.TempDir())
	if r.code != 1 || !strings.Contains(r.stderr, "--report 应指向含有 report.yaml 的文件夹") {
		t.Errorf("check in a folder without report.yaml: exit %d\n%s", r.code, r.stderr)
	}
}
