package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHalfAndYearReports: the bundled sample's two exports issued as a
// half-yearly and as a yearly report: the period comes from the file
// names of the kind, the labels and the compared period follow it, and
// the archive folder is named by it.
func TestHalfAndYearReports(t *testing.T) {
	for _, tt := range []struct {
		kind, pattern, prev, cur string
		want                     []string
	}{
		{"half", "data/{{year}}年{{half}}.xlsx", "2022年1.xlsx", "2022年2.xlsx", []string{"2022H2", "关于2022年下半年全县“互联网+监管”工作情况的通报", "较上半年上升8.06个百分点"}},
		{"year", "data/{{period}}.xlsx", "2021.xlsx", "2022.xlsx", []string{"2022", "关于2022年度全县“互联网+监管”工作情况的通报", "较上年上升8.06个百分点"}},
	} {
		t.Run(tt.kind, func(t *testing.T) {
			dir := copyReport(t)
			editFile(t, filepath.Join(dir, "report.yaml"), "period: quarter", "period: "+tt.kind)
			editFile(t, filepath.Join(dir, "report.yaml"), "file: data/{{period}}.xlsx", "file: "+tt.pattern)
			for from, to := range map[string]string{"2022Q2.xlsx": tt.prev, "2022Q3.xlsx": tt.cur} {
				if err := os.Rename(filepath.Join(dir, "data", from), filepath.Join(dir, "data", to)); err != nil {
					t.Fatal(err)
				}
			}
			arch := filepath.Join(t.TempDir(), "archive")
			r := mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2023-01-09")
			folder := filepath.Join(arch, "hengyang-county", tt.want[0])
			if !strings.Contains(r.stdout, filepath.Join(folder, "notice.pdf")) {
				t.Errorf("not archived in %s:\n%s", folder, r.stdout)
			}
			notice, err := os.ReadFile(filepath.Join(folder, "notice.txt"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want[1:] {
				if !strings.Contains(string(notice), want) {
					t.Errorf("notice lacks %q", want)
				}
			}
		})
	}
}
