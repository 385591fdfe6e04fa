package archive_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

var author = report.Identity{Name: "衡阳县政务公开政务服务领导小组办公室", Email: "zwgk@hengyang-county.invalid"}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// issuance builds what the pipeline hands to Commit: the snapshot file and
// its JSON (the inputs), and outputs that carry the issue time (as a real
// PDF's creation date does).
func issuance(reportID, period, data string, issued time.Time) archive.Issuance {
	p, err := report.ParsePeriod(period)
	if err != nil {
		panic(err)
	}
	snap := []byte(data)
	js := []byte(`{"units":[` + data + `]}` + "\n")
	tmpl := []byte("{{.Title}}")
	return archive.Issuance{
		Manifest: archive.Manifest{
			Report:    reportID,
			Period:    p,
			DocNumber: fmt.Sprintf("衡县政务公开办〔%d〕%d号", p.Year, p.Quarter),
			Title:     fmt.Sprintf("关于%d年第%d季度全县“互联网+监管”工作情况的通报", p.Year, p.Quarter),
			Issued:    issued,
			Program:   "bulletin test",
			Inputs:    map[string]string{period + ".xlsx": sha(snap), "snapshot.json": sha(js), "template": sha(tmpl)},
		},
		Files: []archive.File{
			{Name: period + ".xlsx", Data: snap},
			{Name: "snapshot.json", Data: js},
			{Name: "notice.txt", Data: []byte("通报正文 " + data + "\n")},
			{Name: "notice.pdf", Data: []byte("%PDF-1.4 CreationDate " + issued.String())},
			{Name: "rankings.xlsx", Data: []byte("PK rankings " + data)},
		},
		Author:   author,
		Headline: []string{"目录清单梳理完成率 99.81%（上期 98.00%）"},
	}
}

func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir, "-c", "core.quotepath=false"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func open(t testing.TB) *archive.Archive {
	t.Helper()
	a, err := archive.Open(filepath.Join(t.TempDir(), "archive"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustCommit(t testing.TB, a *archive.Archive, iss archive.Issuance) string {
	t.Helper()
	_, c, err := a.Put(iss)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clean checks what an archivist would: git status clean, fsck clean.
func clean(t testing.TB, dir string) {
	t.Helper()
	if s := git(t, dir, "status", "--porcelain", "--untracked-files=all"); s != "" {
		t.Errorf("git status not clean:\n%s", s)
	}
	git(t, dir, "fsck", "--full", "--strict", "--no-dangling")
}

var day = time.Date(2022, 11, 4, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))

func TestFirstIssuanceLayout(t *testing.T) {
	a := open(t)
	c := mustCommit(t, a, issuance("hengyang-county", "2022Q3", "办公室,10,9", day))
	dir := a.Dir

	if got := strings.TrimSpace(git(t, dir, "rev-parse", "HEAD")); got != c {
		t.Errorf("HEAD = %s, Commit returned %s", got, c)
	}
	if got := strings.TrimSpace(git(t, dir, "tag", "-l")); got != "hengyang-county/2022Q3/v1" {
		t.Errorf("git tag -l = %q", got)
	}
	if got := git(t, dir, "cat-file", "-t", "hengyang-county/2022Q3/v1"); strings.TrimSpace(got) != "tag" {
		t.Errorf("tag is %q, want an annotated tag", got)
	}
	files := strings.Fields(git(t, dir, "ls-tree", "-r", "--name-only", "HEAD"))
	want := []string{"README.md", "hengyang-county/2022Q3/2022Q3.xlsx", "hengyang-county/2022Q3/manifest.json",
		"hengyang-county/2022Q3/notice.pdf", "hengyang-county/2022Q3/notice.txt",
		"hengyang-county/2022Q3/rankings.xlsx", "hengyang-county/2022Q3/snapshot.json"}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("tree = %v\nwant   %v", files, want)
	}
	log := git(t, dir, "log", "--format=%an <%ae>%n%B")
	for _, w := range []string{author.Name + " <" + author.Email + ">", "印发 关于2022年第3季度全县“互联网+监管”工作情况的通报（2022Q3 第1版）",
		"发文字号：衡县政务公开办〔2022〕3号", "- 目录清单梳理完成率 99.81%（上期 98.00%）", "Bulletin-Version: 1"} {
		if !strings.Contains(log, w) {
			t.Errorf("git log lacks %q:\n%s", w, log)
		}
	}
	if got := git(t, dir, "show", "hengyang-county/2022Q3/v1:hengyang-county/2022Q3/notice.txt"); got != "通报正文 办公室,10,9\n" {
		t.Errorf("git show tag:notice.txt = %q", got)
	}
	manifest := git(t, dir, "show", "hengyang-county/2022Q3/v1:hengyang-county/2022Q3/manifest.json")
	if !strings.Contains(manifest, `"version": 1`) || !strings.Contains(manifest, `"template"`) {
		t.Errorf("manifest.json:\n%s", manifest)
	}
	readme, _ := os.ReadFile(filepath.Join(dir, "README.md"))
	if !strings.Contains(string(readme), "| hengyang-county | 2022Q3 | v1 | 2022-11-04 | 衡县政务公开办〔2022〕3号 | [关于2022年第3季度") {
		t.Errorf("README.md index:\n%s", readme)
	}
	// The worktree is browsable.
	if b, err := os.ReadFile(filepath.Join(dir, "hengyang-county/2022Q3/notice.txt")); err != nil || string(b) != "通报正文 办公室,10,9\n" {
		t.Errorf("worktree notice.txt = %q, %v", b, err)
	}
	clean(t, dir)

	data, ok, err := a.Latest("hengyang-county", report.Period{Year: 2022, Quarter: 3}, "snapshot.json")
	if err != nil || !ok || !strings.Contains(string(data), "办公室,10,9") {
		t.Errorf("Latest = %q, %v, %v", data, ok, err)
	}
	if _, ok, err := a.Latest("hengyang-county", report.Period{Year: 2022, Quarter: 2}, "snapshot.json"); ok || err != nil {
		t.Errorf("Latest of a period never issued: ok=%v err=%v", ok, err)
	}
}

func TestRerunAndCorrection(t *testing.T) {
	a := open(t)
	v1 := mustCommit(t, a, issuance("hengyang-county", "2022Q3", "办公室,10,9", day))
	head, _ := a.Head()
	if head != v1 {
		t.Fatalf("Head = %s, want %s", head, v1)
	}
	// Put has no policy (the pipeline decides sameness and reasons), but
	// refuses to write over a HEAD other than the one read.
	fixed := issuance("hengyang-county", "2022Q3", "办公室,10,10", day.AddDate(0, 0, 2))
	if _, _, err := a.Put(fixed, "0123"); !errors.Is(err, archive.ErrMoved) {
		t.Fatalf("Put on a moved HEAD: err = %v", err)
	}
	fixed.Manifest.Reason = "办公室已认领数填报有误，更正为10"
	v2 := mustCommit(t, a, fixed)

	if n := strings.Count(git(t, a.Dir, "log", "--oneline"), "\n"); n != 2 {
		t.Errorf("commits = %d, want 2", n)
	}
	if got := strings.Fields(git(t, a.Dir, "tag", "-l")); len(got) != 2 || got[1] != "hengyang-county/2022Q3/v2" {
		t.Errorf("tags = %v", got)
	}
	p := report.Period{Year: 2022, Quarter: 3}
	for _, tc := range []struct {
		version int
		want    string
	}{{1, "办公室,10,9"}, {2, "办公室,10,10"}, {0, "办公室,10,10"}} {
		got, ok, err := a.ReadFile("hengyang-county", p, tc.version, "notice.txt")
		if err != nil || !ok || !strings.Contains(string(got), tc.want) {
			t.Errorf("ReadFile v%d = %q, %v, %v; want %q", tc.version, got, ok, err, tc.want)
		}
	}
	if _, _, err := a.ReadFile("hengyang-county", p, 3, "notice.txt"); !errors.Is(err, archive.ErrNoVersion) {
		t.Errorf("ReadFile v3: err = %v, want ErrNoVersion", err)
	}
	vs, err := a.Versions("hengyang-county", p)
	if err != nil || len(vs) != 2 || vs[0].Commit != v1 || vs[1].Commit != v2 || vs[1].Manifest.Reason == "" {
		t.Errorf("Versions = %+v, %v", vs, err)
	}
	log := git(t, a.Dir, "log", "-1", "--format=%B")
	if !strings.Contains(log, "第2版") || !strings.Contains(log, "重新印发原因：办公室已认领数填报有误") {
		t.Errorf("v2 message:\n%s", log)
	}
	readme := git(t, a.Dir, "show", "HEAD:README.md")
	if !strings.Contains(readme, "| 2022Q3 | v2 |") || !strings.Contains(readme, "| 2022Q3 | v1 |") || !strings.Contains(readme, "更正为10") {
		t.Errorf("README after v2:\n%s", readme)
	}
	clean(t, a.Dir)
}

func TestLogAndPrevious(t *testing.T) {
	a := open(t)
	mustCommit(t, a, issuance("a-county", "2022Q2", "甲,1", day))
	mustCommit(t, a, issuance("b-county", "2022Q2", "乙,2", day))
	mustCommit(t, a, issuance("a-county", "2022Q3", "甲,3", day))

	tests := []struct {
		name, report string
		want         []string
	}{
		{"all reports newest first", "", []string{"a-county/2022Q3/v1", "b-county/2022Q2/v1", "a-county/2022Q2/v1"}},
		{"one report", "a-county", []string{"a-county/2022Q3/v1", "a-county/2022Q2/v1"}},
		{"unknown report", "c-county", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es, err := a.Log(tc.report)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.Tag)
				if e.Manifest.DocNumber == "" || e.Commit == "" {
					t.Errorf("entry %s lacks its manifest or commit: %+v", e.Tag, e)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("Log(%q) = %v, want %v", tc.report, got, tc.want)
			}
		})
	}

	// A view lists reports, periods and versions from one commit.
	v, err := a.View()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(v.Reports(), " "); got != "a-county b-county" {
		t.Errorf("Reports = %q", got)
	}
	ps, err := v.Periods("a-county")
	if err != nil || len(ps) != 2 || ps[0].String() != "2022Q2" {
		t.Errorf("Periods(a-county) = %v, %v", ps, err)
	}
	prev, ok, err := v.LatestFile("a-county", report.Period{Year: 2022, Quarter: 2}, "notice.txt")
	if err != nil || !ok || !strings.Contains(string(prev), "甲,1") {
		t.Errorf("LatestFile(2022Q2) = %q, %v, %v", prev, ok, err)
	}
	mustCommit(t, a, issuance("b-county", "2022Q3", "乙,3", day))
	if ps, _ := v.Periods("b-county"); len(ps) != 1 {
		t.Errorf("a view sees a commit made after it: %v", ps)
	}
}

func TestOpen(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(dir string)
		wantErr string
	}{
		{"missing folder is created", func(string) {}, ""},
		{"empty folder", func(dir string) { os.MkdirAll(dir, 0o755) }, ""},
		{"folder with files is refused", func(dir string) {
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "工作总结.docx"), []byte("x"), 0o644)
		}, "不是 git 仓库"},
		{"existing repository", func(dir string) { exec.Command("git", "init", "-q", dir).Run() }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "archive")
			tc.setup(dir)
			a, err := archive.Open(dir)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Open: err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := git(t, a.Dir, "status", "--porcelain"); s != "" {
				t.Errorf("git status of a new archive: %q", s)
			}
			if tc.name != "existing repository" {
				if got := strings.TrimSpace(git(t, a.Dir, "config", "core.quotepath")); got != "false" {
					t.Errorf("core.quotepath = %q, want false", got)
				}
			}
			mustCommit(t, a, issuance("r", "2022Q1", "x", day))
			clean(t, a.Dir)
		})
	}
	if _, err := archive.OpenExisting(filepath.Join(t.TempDir(), "nope")); err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("OpenExisting on a missing folder: %v", err)
	}
}

func TestImportThenIssue(t *testing.T) {
	a := open(t)
	p := report.Period{Year: 2022, Quarter: 2}
	imp := archive.Issuance{
		Manifest: archive.Manifest{Report: "hengyang-county", Period: p, Imported: true, Issued: day},
		Files:    []archive.File{{Name: "2022Q2.xlsx", Data: []byte("old")}, {Name: "snapshot.json", Data: []byte(`{"units":[]}`)}},
		Author:   author,
	}
	mustCommit(t, a, imp)
	if got := git(t, a.Dir, "log", "-1", "--format=%s"); !strings.Contains(got, "导入 hengyang-county 2022Q2 历史数据") {
		t.Errorf("import subject = %q", got)
	}
	if data, ok, _ := a.Latest("hengyang-county", p, "snapshot.json"); !ok || string(data) != `{"units":[]}` {
		t.Errorf("the imported snapshot is not found as the previous period: %q", data)
	}
	if m, _, err := a.Put(issuance("hengyang-county", "2022Q2", "乙,2", day)); err != nil || m.Version != 2 {
		t.Errorf("issuing an imported period: version %d, %v", m.Version, err)
	}
	clean(t, a.Dir)
}

func TestLock(t *testing.T) {
	a := open(t)
	unlock, err := a.Lock()
	if err != nil {
		t.Fatal(err)
	}
	b, err := archive.Open(a.Dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Lock()
	var le *archive.LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || !le.Self || !strings.Contains(err.Error(), fmt.Sprint(os.Getpid())) || !strings.Contains(err.Error(), "本进程的另一项任务") {
		t.Fatalf("second Lock: err = %v", err)
	}
	if _, _, err := b.Put(issuance("r", "2022Q1", "x", day)); !errors.As(err, &le) {
		t.Errorf("Commit while locked: err = %v", err)
	}
	unlock()
	unlockB, err := b.Lock()
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	unlockB()

	// The lock file stays; only the OS lock counts. A file naming a dead
	// process (or PID 1, or another host) is no lock at all.
	stale := `{"pid":1,"host":"elsewhere","since":"2022-11-04T09:00:00Z"}`
	if err := os.WriteFile(filepath.Join(a.Dir, ".git", "bulletin.lock"), []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	unlock, err = a.Lock()
	if err != nil {
		t.Fatalf("Lock over a lock file without a holder: %v", err)
	}
	unlock()
}

// The README index is read back on every commit: titles and reasons with
// Markdown's special characters survive it.
func TestIndexKeepsEveryRow(t *testing.T) {
	a := open(t)
	iss := issuance("r", "2022Q1", "x", day)
	iss.Manifest.Title = `关于[第一季度]|通报\示例`
	mustCommit(t, a, iss)
	iss = issuance("r", "2022Q1", "y", day)
	iss.Manifest.Title = `关于[第一季度]|通报\示例`
	iss.Manifest.Reason = "更正\n第二行"
	mustCommit(t, a, iss)
	mustCommit(t, a, issuance("r", "2022Q2", "z", day))
	readme := git(t, a.Dir, "show", "HEAD:README.md")
	want := []string{
		"| r | 2022Q2 | v1 | 2022-11-04 | 衡县政务公开办〔2022〕2号 | [关于2022年第2季度全县“互联网+监管”工作情况的通报](r/2022Q2/) |  |\n",
		"| r | 2022Q1 | v2 | 2022-11-04 | 衡县政务公开办〔2022〕1号 | [关于\\[第一季度\\]\\|通报\\\\示例](r/2022Q1/) | 更正 第二行 |\n",
		"| r | 2022Q1 | v1 | 2022-11-04 | 衡县政务公开办〔2022〕1号 | 关于\\[第一季度\\]\\|通报\\\\示例 |  |\n",
	}
	if got := readme[strings.Index(readme, "|---|"):]; !strings.HasSuffix(got, strings.Join(want, "")) {
		t.Errorf("README table:\n%s\nwant rows:\n%s", got, strings.Join(want, ""))
	}
}

// An archivist may run `git gc` (packing objects and refs): the archive
// goes on working on top of it.
func TestAfterGitGC(t *testing.T) {
	a := open(t)
	mustCommit(t, a, issuance("r", "2022Q1", "x", day))
	git(t, a.Dir, "gc", "-q", "--prune=now")
	if _, err := os.Stat(filepath.Join(a.Dir, ".git", "refs", "tags", "r", "2022Q1", "v1")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("git gc left the tag loose (%v); the test needs packed refs", err)
	}
	b, err := archive.Open(a.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	iss := issuance("r", "2022Q1", "y", day)
	iss.Manifest.Reason = "更正"
	mustCommit(t, b, iss)
	mustCommit(t, b, issuance("r", "2022Q2", "z", day))
	if got := strings.Fields(git(t, a.Dir, "tag", "-l")); len(got) != 3 {
		t.Errorf("tags = %v", got)
	}
	if data, ok, err := b.ReadFile("r", report.Period{Year: 2022, Quarter: 1}, 1, "notice.txt"); err != nil || !ok || !strings.Contains(string(data), "x") {
		t.Errorf("v1 after gc = %q %v %v", data, ok, err)
	}
	clean(t, a.Dir)
}
