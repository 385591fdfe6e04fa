package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/archive"
)

// Issue 14, items 1, 2, 3 and 6, through the command line: what a new
// office meets with its platform's real exports.

const onlineReport = "../../reports/online-service"

// copyOnline copies the online-service sample into a temporary folder.
func copyOnline(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "online-service")
	if err := os.CopyFS(dir, os.DirFS(onlineReport)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// editXLSX sets cells of the 统计表 sheet of an export in place.
func editXLSX(t *testing.T, path string, kv ...any) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := 0; i < len(kv); i += 2 {
		if err := f.SetCellValue("统计表", kv[i].(string), kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func manifestOf(t *testing.T, arch, id, period string) archive.Manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(arch, id, period, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m archive.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Item 1: the export's own 合计 row says 即办件数 190 and 事项总数 568 where
// its rows add up to 188 and 543. check and run warn, naming each cell with
// the figure stated and the one computed; the notice is the one the rows
// give; the manifest, bulletin log and bulletin diff show the warnings.
// total_row: refuse in report.yaml makes the same export stop the run.
func TestTotalRowThatDisagreesIsAWarning(t *testing.T) {
	dir := copyOnline(t)
	arch := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2024-07-10")
	clean := readText(t, filepath.Join(arch, "online-service", "2024Q2", "notice.txt"))

	editXLSX(t, filepath.Join(dir, "data", "2024Q2.xlsx"), "J13", 190, "C13", 568)
	wants := []string{
		`2024Q2.xlsx 统计表!J13: 警告：合计行「即办件数」为 190，但各单位之和为 188（实际为 "190"）。通报采用按各单位计算的数`,
		`2024Q2.xlsx 统计表!C13: 警告：合计行「政务服务事项网上办理深度/事项总数」为 568，但各单位之和为 543`,
		// The definition's own check, on the 合计 row, names its cell too.
		`2024Q2.xlsx 统计表!C13: 警告：合计行：各深度级别事项数之和应等于事项总数`,
	}
	c := bulletin(t, "check", "--report", dir, "--archive", arch, "--date", "2024-07-10")
	if c.code != 0 {
		t.Fatalf("check: exit %d\n%s%s", c.code, c.stdout, c.stderr)
	}
	for _, w := range wants {
		if !strings.Contains(c.stdout+c.stderr, w) {
			t.Errorf("check does not say\n%s\nit says:\n%s%s", w, c.stdout, c.stderr)
		}
	}
	r := mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2024-07-10", "--reason", "平台重新导出")
	for _, w := range wants {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("run does not say\n%s\nit says:\n%s", w, r.stderr)
		}
	}
	if got := readText(t, filepath.Join(arch, "online-service", "2024Q2", "notice.txt")); got != clean {
		t.Errorf("the notice changed with the 合计 row; it should use the rows' figures:\n%s", got)
	}
	m := manifestOf(t, arch, "online-service", "2024Q2")
	for _, w := range wants {
		found := false
		for _, mw := range m.Warnings {
			found = found || strings.Contains(mw, w)
		}
		if !found {
			t.Errorf("manifest warnings %q lack %s", m.Warnings, w)
		}
	}
	l := mustRun(t, "log", "--archive", arch)
	if !strings.Contains(l.stdout, "警告3条") || !strings.Contains(l.stdout, "\t"+wants[0]) {
		t.Errorf("bulletin log does not show the warnings:\n%s", l.stdout)
	}
	d := mustRun(t, "diff", "--archive", arch, "online-service", "2024Q2")
	if !strings.Contains(d.stdout, "第2版的警告：\n") || !strings.Contains(d.stdout, "  "+wants[0]+"\n") {
		t.Errorf("bulletin diff does not show the warnings:\n%s", d.stdout)
	}

	// The strict behaviour, set explicitly.
	editFile(t, filepath.Join(dir, "report.yaml"), "\ncolumns:", "\ntotal_row: refuse\n\ncolumns:")
	strict := filepath.Join(t.TempDir(), "strict")
	s := bulletin(t, "run", "--report", dir, "--archive", strict, "--date", "2024-07-10")
	if s.code != 1 || !strings.Contains(s.stderr, "2024Q2.xlsx 统计表!J13: 合计行「即办件数」为 190，但各单位之和为 188") ||
		!strings.Contains(s.stderr, "total_row: refuse") {
		t.Fatalf("with total_row: refuse, run: exit %d\n%s", s.code, s.stderr)
	}
	if _, err := os.Stat(filepath.Join(strict, "online-service")); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote into the archive: %v", err)
	}
	editFile(t, filepath.Join(dir, "report.yaml"), "total_row: refuse", "total_row: maybe")
	if s := bulletin(t, "check", "--report", dir, "--archive", strict); s.code != 1 || !strings.Contains(s.stderr, "total_row 应为 warn") {
		t.Errorf("total_row: maybe: exit %d\n%s", s.code, s.stderr)
	}
}
