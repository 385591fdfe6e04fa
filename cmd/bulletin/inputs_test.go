package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Regression tests of issue 12's defects 1–5 and 10, through the command
// line: every input of a notice is an input, run, check and import follow
// one policy, and the flags are worded by the command only.

// copyReport copies the bundled sample into a temporary folder.
func copyReport(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "report")
	if err := os.CopyFS(dir, os.DirFS(sampleReport)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := bulletin(t, args...)
	if r.code != 0 {
		t.Fatalf("bulletin %v: exit %d\n%s", args, r.code, r.stderr)
	}
	return r
}

// Defect 1: a forwarded notice's template, read from the report folder,
// is an input: editing it makes a new version (with a reason).
func TestForwardedTemplateEditIsAnInput(t *testing.T) {
	rep := copyReport(t)
	arch := filepath.Join(t.TempDir(), "archive")
	tongbao, err := os.ReadFile("../../templates/tongbao.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	fwd := filepath.Join(rep, "fwd.tmpl")
	if err := os.WriteFile(fwd, tongbao, 0o644); err != nil {
		t.Fatal(err)
	}
	editFile(t, filepath.Join(rep, "report.yaml"), "template: tongbao.tmpl\nattachments: [progress, coverage]", `template: zhuanfa.tmpl
attachments:
  - notice: fwd.tmpl
    front_matter:
      发文机关标志: 衡阳县政务公开政务服务领导小组办公室
      署名: 衡阳县政务公开政务服务领导小组办公室
      发文字号: 衡县政务公开办〔2022〕9号
      主送: 县直各相关单位
      成文日期: 2022-10-18
    attachments: [progress, coverage]`)
	args := []string{"run", "--report", rep, "--archive", arch, "--date", "2022-11-04"}
	mustRun(t, args...)
	editFile(t, fwd, "现将有关情况通报如下。", "现将有关情况通报如下，请各单位对照整改。")

	r := bulletin(t, args...)
	if r.code != 1 || !strings.Contains(r.stderr, "模板 fwd.tmpl") || strings.Count(r.stderr, "--reason") != 1 {
		t.Fatalf("edited fwd.tmpl without a reason: exit %d\n%s", r.code, r.stderr)
	}
	r = mustRun(t, append(args, "--reason", "补充整改要求")...)
	if !strings.Contains(r.stderr, "第 2 版") {
		t.Errorf("edited fwd.tmpl with a reason: no version 2\n%s", r.stderr)
	}
	text, err := os.ReadFile(filepath.Join(arch, "hengyang-county", "2022Q3", "notice.txt"))
	if err != nil || !strings.Contains(string(text), "请各单位对照整改") {
		t.Errorf("the archive keeps the stale notice (%v):\n%s", err, text)
	}
	if m := manifestOf(t, arch, "hengyang-county", "2022Q3"); m.Inputs["template/fwd.tmpl"] == "" || m.Reason != "补充整改要求" {
		t.Errorf("manifest inputs %v, reason %q", m.Inputs, m.Reason)
	}
}

// Defect 2: a changed --date is a change; the preview and the archive
// agree; a run without --date on another day is nothing new.
func TestChangedDateIsANewVersion(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	base := []string{"run", "--report", sampleReport, "--archive", arch}
	mustRun(t, append(base, "--date", "2022-11-04")...)

	r := bulletin(t, append(base, "--date", "2022-11-06")...)
	if r.code != 1 || !strings.Contains(r.stderr, "成文日期（2022-11-04 → 2022-11-06）") || !strings.Contains(r.stderr, "--reason") {
		t.Fatalf("new date without a reason: exit %d\n%s", r.code, r.stderr)
	}
	out := filepath.Join(t.TempDir(), "preview")
	r = mustRun(t, append(base, "--date", "2022-11-06", "--dry-run", "--out", out)...)
	if !strings.Contains(r.stderr, "第2版") {
		t.Errorf("the preview does not say a run would make version 2:\n%s", r.stderr)
	}
	r = mustRun(t, append(base, "--date", "2022-11-06", "--reason", "成文日期改为签发日")...)
	if !strings.Contains(r.stderr, "第 2 版") {
		t.Fatalf("new date with a reason: no version 2\n%s", r.stderr)
	}
	archived, _ := os.ReadFile(filepath.Join(arch, "hengyang-county", "2022Q3", "notice.txt"))
	preview, _ := os.ReadFile(filepath.Join(out, "notice.txt"))
	if string(archived) != string(preview) || !strings.Contains(string(archived), "2022年11月6日") {
		t.Errorf("archive and preview disagree:\n%s\n---\n%s", archived, preview)
	}
	r = mustRun(t, base...)
	if !strings.Contains(r.stderr, "未新增提交") {
		t.Errorf("a run without --date added a version:\n%s", r.stderr)
	}
}

// Defects 3 and 4: import has run's guard against last quarter's file, a
// wrong import is superseded with a reason, and imports are dated in the
// report's time zone.
func TestImportFollowsRunsRules(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	q2 := filepath.Join(sampleReport, "data", "2022Q2.xlsx")
	q3 := filepath.Join(sampleReport, "data", "2022Q3.xlsx")
	imp := []string{"import", "--report", sampleReport, "--archive", arch}

	// A wrong file imported as 2022Q2, then corrected.
	mustRun(t, append(imp, "--period", "2022Q2", q3)...)
	r := bulletin(t, append(imp, q2)...)
	if r.code != 1 || !strings.Contains(r.stderr, "--reason") {
		t.Fatalf("correcting an import without a reason: exit %d\n%s", r.code, r.stderr)
	}
	r = mustRun(t, append(imp, "--reason", "误导入了第三季度的文件", q2)...)
	if !strings.Contains(r.stderr, "第2版") {
		t.Errorf("the corrected import is not version 2:\n%s", r.stderr)
	}
	m := manifestOf(t, arch, "hengyang-county", "2022Q2")
	if m.Version != 2 || !m.Imported || m.Reason == "" {
		t.Errorf("manifest after the correction: %+v", m)
	}
	if _, off := m.Issued.Zone(); off != 8*3600 {
		t.Errorf("import dated %v, not in the report's time zone (Asia/Shanghai)", m.Issued)
	}

	// A byte-identical copy of the archived 2022Q2 export, as 2022Q3.
	copied := filepath.Join(t.TempDir(), "2022Q3.xlsx")
	data, _ := os.ReadFile(q2)
	os.WriteFile(copied, data, 0o644)
	r = bulletin(t, append(imp, copied)...)
	if r.code != 1 || !strings.Contains(r.stderr, "与上一期相同") {
		t.Fatalf("import of last quarter's file: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(arch, "hengyang-county", "2022Q3")); !os.IsNotExist(err) {
		t.Errorf("2022Q3 was written: %v", err)
	}

	// An issued period is never replaced by an import.
	mustRun(t, "run", "--report", sampleReport, "--archive", arch, "--date", "2022-11-04")
	r = bulletin(t, append(imp, "--reason", "x", q3)...)
	if r.code != 1 || !strings.Contains(r.stderr, "hengyang-county 2022Q3 已印发通报，不能再导入历史数据") {
		t.Errorf("import over an issued period: exit %d\n%s", r.code, r.stderr)
	}
}

// Defect 5: check answers what run would do now, with the previous period
// from the archive first.
func TestCheckSaysWhatRunWouldDo(t *testing.T) {
	rep := copyReport(t)
	arch := filepath.Join(t.TempDir(), "archive")
	chk := []string{"check", "--report", rep, "--archive", arch}

	r := mustRun(t, chk...)
	if !strings.Contains(r.stdout, "首次印发") {
		t.Errorf("check on an empty archive:\n%s", r.stdout)
	}
	mustRun(t, "run", "--report", rep, "--archive", arch, "--period", "2022Q2")
	r = mustRun(t, chk...)
	if !strings.Contains(r.stdout, "档案库 hengyang-county/2022Q2/snapshot.json") {
		t.Errorf("check does not take the previous period from the archive:\n%s", r.stdout)
	}
	mustRun(t, "run", "--report", rep, "--archive", arch, "--date", "2022-11-04")
	r = mustRun(t, append(chk, "--date", "2022-11-04")...)
	if !strings.Contains(r.stdout, "run 不会新增提交") {
		t.Errorf("check after the run:\n%s", r.stdout)
	}
	editFile(t, filepath.Join(rep, "report.yaml"), "recipients: 县直各相关单位", "recipients: 县直各单位")
	r = mustRun(t, chk...)
	if !strings.Contains(r.stdout, "将成为第2版") || !strings.Contains(r.stdout, "--reason") {
		t.Errorf("check after editing report.yaml:\n%s", r.stdout)
	}
	// …and run agrees.
	r = bulletin(t, "run", "--report", rep, "--archive", arch)
	if r.code != 1 || !strings.Contains(r.stderr, "--reason") {
		t.Errorf("run after editing report.yaml: exit %d\n%s", r.code, r.stderr)
	}
}

// Defect 10: the library's typed error carries the hint; the command
// words it with its flag (and a missing period is bad usage).
func TestFlagsAreWordedByTheCommand(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "导出.xlsx")
	data, _ := os.ReadFile(filepath.Join(sampleReport, "data", "2022Q3.xlsx"))
	os.WriteFile(plain, data, 0o644)
	arch := filepath.Join(t.TempDir(), "archive")
	for _, args := range [][]string{
		{"run", "--report", sampleReport, "--archive", arch, "--snapshot", plain},
		{"import", "--report", sampleReport, "--archive", arch, plain},
	} {
		r := bulletin(t, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "导出.xlsx") || !strings.Contains(r.stderr, "请用 --period 2022Q3 指明") {
			t.Errorf("bulletin %s without a period: exit %d\n%s", args[0], r.code, r.stderr)
		}
	}
}
