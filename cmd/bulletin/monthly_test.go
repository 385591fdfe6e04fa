package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The third bundled report, reports/monthly-supervision: a monthly notice
// made from two exports (the county's departments, the city's counties),
// with aliases for renamed units and units without values.

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

const monthlyGolden = "testdata/monthly-supervision-2022-10.txt"

// TestMonthlyNoticeGolden issues the monthly sample as a user does and
// compares its notice.txt with the golden file; the PDF says the same.
func TestMonthlyNoticeGolden(t *testing.T) {
	out := t.TempDir()
	r := mustRun(t, "run", "--report", monthlyReport, "--dry-run", "--out", out, "--date", "2022-11-07")
	for _, name := range []string{"2022-10-部门.xlsx", "2022-10-全市.xlsx", "snapshot.json", "snapshot-city.json", "notice.txt", "notice.pdf", "rankings.xlsx"} {
		if !strings.Contains(r.stdout, filepath.Join(out, name)) {
			t.Errorf("stdout does not list %s:\n%s", name, r.stdout)
		}
	}
	got, err := os.ReadFile(filepath.Join(out, "notice.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if *updateGolden {
		if err := os.WriteFile(monthlyGolden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(monthlyGolden)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/bulletin -run MonthlyNoticeGolden -update writes it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("notice.txt differs from %s (-update rewrites it; review with git diff):\n%s", monthlyGolden, got)
	}
	text := squash(pdfText(t, filepath.Join(out, "notice.pdf")))
	for _, want := range []string{
		"关于2022年10月全县“互联网+监管”指标推进情况的通报",
		"示例县监管办〔2022〕1号",
		// Coverage of all departments: 324/847, against 305/847 in September.
		"监管行为覆盖率为38.25%，较上月上升2.24个百分点",
		// The county's row of the city's table, another export.
		"我县得分96.2分，排名第6位，较上月上升2位",
		"示例市各县市区“互联网+监管”指标考核得分排名",
		"2022年11月7日",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("notice.pdf lacks %q", want)
		}
	}
	// The bureau renamed in October is compared with its September self
	// (aliases:), not listed as new.
	for _, line := range strings.Split(string(got), "\n") {
		if strings.Contains(line, "示例县文化旅游广电局") && strings.Contains(line, "新增") ||
			strings.Contains(line, "示例经开区") && strings.Contains(line, "新增") {
			t.Errorf("a renamed unit is taken for a new one: %s", line)
		}
	}
}

// TestMonthlyCheckReadsEveryDataset: check reads both exports and their
// previous month, and passes.
func TestMonthlyCheckReadsEveryDataset(t *testing.T) {
	r := mustRun(t, "check", "--report", monthlyReport, "--archive", filepath.Join(t.TempDir(), "archive"))
	for _, want := range []string{
		"2022-10 2022-10-部门.xlsx：12 个单位",
		"上一期（2022-09）：2022-09-部门.xlsx",
		"数据集 city：2022-10-全市.xlsx：10 个单位；上一期：2022-09-全市.xlsx",
		"检查通过",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestMonthlyArchiveKeepsEveryExport: run commits each export as received,
// each dataset's figures, and names them all among the inputs; the next
// month compares each dataset with its own previous month in the archive.
func TestMonthlyArchiveKeepsEveryExport(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "run", "--report", monthlyReport, "--archive", arch, "--period", "2022-09", "--date", "2022-10-08")
	r := mustRun(t, "run", "--report", monthlyReport, "--archive", arch, "--period", "2022-10", "--date", "2022-11-07")
	dir := filepath.Join(arch, "monthly-supervision", "2022-10")
	for _, name := range []string{"2022-10-部门.xlsx", "2022-10-全市.xlsx", "snapshot.json", "snapshot-city.json", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("archive lacks %s: %v", name, err)
		}
	}
	received, _ := os.ReadFile(filepath.Join(monthlyReport, "data", "2022-10-全市.xlsx"))
	kept, _ := os.ReadFile(filepath.Join(dir, "2022-10-全市.xlsx"))
	if string(received) != string(kept) {
		t.Error("the city's export is not kept as received")
	}
	m := manifestOf(t, arch, "monthly-supervision", "2022-10")
	for _, in := range []string{"2022-10-部门.xlsx", "2022-10-全市.xlsx", "snapshot.json", "snapshot-city.json", "previous/snapshot.json", "previous/snapshot-city.json"} {
		if m.Inputs[in] == "" {
			t.Errorf("manifest inputs lack %s: %v", in, m.Inputs)
		}
	}
	if !strings.Contains(r.stderr, "上一期 2022-09：档案库 monthly-supervision/2022-09/snapshot.json") {
		t.Errorf("the previous month is not taken from the archive:\n%s", r.stderr)
	}
	// The two months count up the year's document numbers.
	if m.DocNumber != "示例县监管办〔2022〕2号" {
		t.Errorf("document number %q", m.DocNumber)
	}
	// The folder names are the months.
	log := mustRun(t, "log", "--archive", arch)
	if !strings.Contains(log.stdout, "2022-10") || !strings.Contains(log.stdout, "2022-09") {
		t.Errorf("log:\n%s", log.stdout)
	}
}

// TestMonthlyYearOnYear: with the same month a year earlier in the
// archive (imported), the template's yoy figures appear, and that
// snapshot is an input of the notice.
func TestMonthlyYearOnYear(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	// Last October's export: September's figures stand in for it.
	old := filepath.Join(t.TempDir(), "2021-10-部门.xlsx")
	data, err := os.ReadFile(filepath.Join(monthlyReport, "data", "2022-09-部门.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, data, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "import", "--report", monthlyReport, "--archive", arch, old)
	out := t.TempDir()
	r := mustRun(t, "run", "--report", monthlyReport, "--archive", arch, "--dry-run", "--out", out, "--date", "2022-11-07")
	if !strings.Contains(r.stderr, "上年同期 2021-10") {
		t.Errorf("the year-ago month is not read:\n%s", r.stderr)
	}
	text, _ := os.ReadFile(filepath.Join(out, "notice.txt"))
	if !strings.Contains(string(text), "监管行为覆盖率为38.25%，较上月上升2.24个百分点，较上年同期上升2.24个百分点") {
		t.Errorf("no year-on-year figure:\n%s", text)
	}
	arch2 := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "import", "--report", monthlyReport, "--archive", arch2, old)
	mustRun(t, "run", "--report", monthlyReport, "--archive", arch2, "--date", "2022-11-07")
	if m := manifestOf(t, arch2, "monthly-supervision", "2022-10"); m.Inputs["yearago/snapshot.json"] == "" {
		t.Errorf("the year-ago snapshot is not an input: %v", m.Inputs)
	}
}

// TestPeriodOfAnotherKind: a monthly report refuses a quarter, in words.
func TestPeriodOfAnotherKind(t *testing.T) {
	r := bulletin(t, "run", "--report", monthlyReport, "--dry-run", "--period", "2022Q3")
	if r.code != 1 || !strings.Contains(r.stderr, "期次 2022Q3 不是本报告的期次：report.yaml 的 period 为 month，应写作 2022-10 这样") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	r = bulletin(t, "run", "--report", monthlyReport, "--dry-run", "--period", "2022-13")
	if r.code != 2 || !strings.Contains(r.stderr, "2022-10 月") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

// TestScheduleListMonthly: the service's plan names months.
func TestScheduleListMonthly(t *testing.T) {
	reports := t.TempDir()
	if err := os.CopyFS(filepath.Join(reports, "monthly-supervision"), os.DirFS(monthlyReport)); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, "schedule", "--reports", reports, "--archive", filepath.Join(t.TempDir(), "a"), "--list", "--next", "2")
	if !strings.Contains(r.stdout, "定时：0 9 5 * *") || !strings.Contains(r.stdout, "当前应印发：20") || strings.Contains(r.stdout, "Q") {
		t.Errorf("schedule --list:\n%s", r.stdout)
	}
}

// copyMonthly copies the monthly sample into a temporary folder.
func copyMonthly(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "monthly-supervision")
	if err := os.CopyFS(dir, os.DirFS(monthlyReport)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDatasetMistakes: a dataset named nowhere and two rows made one unit
// by the aliases are clear errors.
func TestDatasetMistakes(t *testing.T) {
	dir := copyMonthly(t)
	editFile(t, filepath.Join(dir, "report.yaml"), "dataset: city, column: 考核得分", "dataset: town, column: 考核得分")
	r := bulletin(t, "check", "--report", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "指标 CityScore 的 dataset 不在 datasets 中（可用：dept、city）") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}

	dir = copyMonthly(t)
	editFile(t, filepath.Join(dir, "report.yaml"), "经开区: 示例经开区", "经开区: 示例经开区\n  示例县水利局: 示例县公安局")
	r = bulletin(t, "run", "--report", dir, "--dry-run")
	if r.code != 1 || !strings.Contains(r.stderr, "2022-10-部门.xlsx") || !strings.Contains(r.stderr, "第 3 行和第 11 行按 report.yaml 的 aliases 是同一个单位「示例县公安局」") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}

	dir = copyMonthly(t)
	if err := os.Remove(filepath.Join(dir, "data", "2022-10-全市.xlsx")); err != nil {
		t.Fatal(err)
	}
	r = bulletin(t, "check", "--report", dir, "--archive", filepath.Join(t.TempDir(), "a"))
	if r.code != 1 || !strings.Contains(r.stderr, "数据集 city：2022-10 的导出文件还没有") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

// TestMonthlyImportEveryDataset: import takes one export per dataset; the
// next month compares each dataset with its imported month.
func TestMonthlyImportEveryDataset(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	data := filepath.Join(monthlyReport, "data")
	mustRun(t, "import", "--report", monthlyReport, "--archive", arch, filepath.Join(data, "2022-09-部门.xlsx"), filepath.Join(data, "2022-09-全市.xlsx"))
	for _, name := range []string{"2022-09-部门.xlsx", "2022-09-全市.xlsx", "snapshot.json", "snapshot-city.json"} {
		if _, err := os.Stat(filepath.Join(arch, "monthly-supervision", "2022-09", name)); err != nil {
			t.Errorf("import did not keep %s: %v", name, err)
		}
	}
	r := mustRun(t, "check", "--report", monthlyReport, "--archive", arch)
	for _, want := range []string{
		"上一期（2022-09）：档案库 monthly-supervision/2022-09/snapshot.json",
		"数据集 city：2022-10-全市.xlsx：10 个单位；上一期：档案库 monthly-supervision/2022-09/snapshot-city.json",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check lacks %q:\n%s", want, r.stdout)
		}
	}
	r = bulletin(t, "import", "--report", sampleReport, "--archive", filepath.Join(t.TempDir(), "a"), filepath.Join("..", "..", "reports", "hengyang-county", "data", "2022Q2.xlsx"), filepath.Join(data, "2022-09-全市.xlsx"))
	if r.code != 1 || !strings.Contains(r.stderr, "本报告只读一个导出文件") {
		t.Errorf("two files for a report without datasets: exit %d\n%s", r.code, r.stderr)
	}
}

// TestMonthlyDiffNamesTheDataset: a corrected city export is a new
// version, and diff names the dataset of each changed figure.
func TestMonthlyDiffNamesTheDataset(t *testing.T) {
	dir := copyMonthly(t)
	arch := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2022-11-07")
	city := filepath.Join(dir, "data", "2022-10-全市.xlsx")
	f, err := excelize.OpenFile(city)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("考核情况", "F8", 96.4); err != nil { // 示例县's score
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := bulletin(t, "run", "--report", dir, "--archive", arch, "--date", "2022-11-07")
	if r.code != 1 || !strings.Contains(r.stderr, "数据文件 2022-10-全市.xlsx") {
		t.Errorf("a changed city export without a reason: exit %d\n%s", r.code, r.stderr)
	}
	mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2022-11-07", "--reason", "市考核得分更正")
	d := mustRun(t, "diff", "--archive", arch, "monthly-supervision", "2022-10")
	for _, want := range []string{"数据集 city 示例县 考核得分：96.2 → 96.4", "我县得分96.4分"} {
		if !strings.Contains(d.stdout, want) {
			t.Errorf("diff lacks %q:\n%s", want, d.stdout)
		}
	}
}
