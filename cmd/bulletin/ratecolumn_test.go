package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A snapshot rate column (kind: rate, not an indicator) in a ranking table
// is written as the wording package writes rates, 55.56% and not 0.5556,
// in the PDF's attachment, in notice.txt and in rankings.xlsx.
func TestRateColumnInRankingIsAPercent(t *testing.T) {
	rep := copyReport(t)
	editFile(t, filepath.Join(rep, "report.yaml"),
		"{value: CoverageRate, header: 覆盖率, group: 监管行为覆盖率}",
		"{value: 覆盖率, header: 覆盖率, group: 监管行为覆盖率}")
	arch := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "run", "--report", rep, "--archive", arch, "--date", "2022-11-04")
	dir := filepath.Join(arch, "hengyang-county", "2022Q3")

	txt := readText(t, filepath.Join(dir, "notice.txt"))
	pdf := squash(pdfText(t, filepath.Join(dir, "notice.pdf")))
	f, err := excelize.OpenFile(filepath.Join(dir, "rankings.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// 覆盖率 is the 12th value column; 县教育局 covers 5 of 9 matters.
	var xlsx []string
	for _, r := range rows {
		if len(r) > 13 && r[1] == "县教育局" {
			xlsx = r
		}
	}
	if xlsx == nil {
		t.Fatalf("rankings.xlsx has no row of 县教育局:\n%q", rows)
	}
	rate := xlsx[13]
	if rate != "55.56%" {
		t.Fatalf("rankings.xlsx shows the rate column as %q, want 55.56%%", rate)
	}
	for _, line := range strings.Split(txt, "\n") {
		if strings.Contains(line, "县教育局") && strings.Contains(line, "0.5556") {
			t.Errorf("notice.txt writes a rate as a fraction: %q", line)
		}
	}
	if !strings.Contains(txt, rate) {
		t.Errorf("notice.txt lacks %s (the rate as rankings.xlsx shows it):\n%s", rate, txt)
	}
	if strings.Contains(pdf, "0.5556") || !strings.Contains(pdf, rate) {
		t.Errorf("notice.pdf writes the rate as 0.5556 or lacks %s", rate)
	}
}
