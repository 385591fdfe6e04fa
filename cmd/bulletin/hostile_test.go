package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/sample"
)

// Hostile exports through the command line (issue 13): what a user meets
// when the file is out of order, impossible, huge or booby-trapped.

// rawXLSX returns the 2022Q3 export with its worksheet XML edited as text.
func rawXLSX(t *testing.T, edit func(sheet string) string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(sampleReport, "data", "2022Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := sample.EditPart(src, sample.SheetPart, edit)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sheetRow returns the <row r="n"> element of the worksheet.
func sheetRow(t *testing.T, sheet string, n int) string {
	t.Helper()
	m := regexp.MustCompile(fmt.Sprintf(`<row r="%d"[ >].*?</row>`, n)).FindString(sheet)
	if m == "" {
		t.Fatalf("no row %d", n)
	}
	return m
}

// TestHostileExportsThroughCheck runs `bulletin check` (and, for files
// that must be refused, `bulletin run` into a new archive) on each
// hostile export: refused ones exit 1 naming the cell, accepted ones
// exit 0 with every department.
func TestHostileExportsThroughCheck(t *testing.T) {
	tests := []struct {
		name string
		file string // default 2022Q3.xlsx
		data func(t *testing.T) []byte
		code int
		want []string // in check's output (and run's, when code is 1)
	}{
		{name: "rows out of order are read by reference", code: 0, data: func(t *testing.T) []byte {
			return rawXLSX(t, func(s string) string {
				r6, r7 := sheetRow(t, s, 6), sheetRow(t, s, 7)
				return strings.Replace(s, r6+r7, r7+r6, 1)
			})
		}, want: []string{"2022Q3.xlsx：23 个单位", "检查通过"}},
		{name: "a row twice", code: 1, data: func(t *testing.T) []byte {
			return rawXLSX(t, func(s string) string {
				r6, r7 := sheetRow(t, s, 6), sheetRow(t, s, 7)
				return strings.Replace(s, r7, r7+r6, 1)
			})
		}, want: []string{"2022Q3.xlsx 统计表!第 6 行", "出现了两次"}},
		{name: "rate of 300%", code: 1, data: func(t *testing.T) []byte {
			return xlsxWith(t, setCells("E6", "300%"))
		}, want: []string{"统计表!E6", "300.00% 超出 0%–100%", "range: any"}},
		{name: "count above 2^53", code: 1, data: func(t *testing.T) []byte {
			return xlsxWith(t, setCells("I6", "99999999999999999999999"))
		}, want: []string{"统计表!I6", "数值过大"}},
		{name: "emoji in a unit name", code: 1, data: func(t *testing.T) []byte {
			return xlsxWith(t, setCells("B6", "县教育局😀"))
		}, want: []string{"统计表!B6", "不能使用的字符 U+1F600"}},
		{name: "unit name of 5,000 characters", code: 1, data: func(t *testing.T) []byte {
			return xlsxWith(t, setCells("B6", strings.Repeat("局", 5000)))
		}, want: []string{"统计表!B6", "单位名称过长"}},
		{name: "zero-width space in a unit name", code: 0, data: func(t *testing.T) []byte {
			return xlsxWith(t, setCells("B6", "县教\u200b育局"))
		}, want: []string{"统计表!B6：警告：单位名称中的不可见字符（U+200B", "检查通过"}},
		{name: "ESC in a CSV unit name", file: "2022Q3.csv", code: 1, data: func(t *testing.T) []byte {
			return []byte(strings.Replace(string(badCSV(t)), "县财政局", "县财政局\x1b[2J", 1))
		}, want: []string{"2022Q3.csv B11", "U+001B"}},
		{name: "flat CSV headers", file: "2022Q3.csv", code: 1, data: func(t *testing.T) []byte {
			return []byte("单位,目录清单可认领数,目录清单已认领,目录清单完成率\n县发改局,0,0,/\n")
		}, want: []string{"缺少列「目录清单梳理情况/完成率」", "最接近的表头是 D1 的「目录清单完成率」"}},
		{name: "one CSV line with a cell of 8 MB", file: "2022Q3.csv", code: 1, data: func(t *testing.T) []byte {
			return []byte("单位," + strings.Repeat("x", 8<<20) + "\n")
		}, want: []string{"2022Q3.csv 第 1 行", "这一行超过 1024 KB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			name := tt.file
			if name == "" {
				name = "2022Q3.xlsx"
			}
			path := filepath.Join(tmp, name)
			if err := os.WriteFile(path, tt.data(t), 0o644); err != nil {
				t.Fatal(err)
			}
			c := bulletin(t, "check", "--report", sampleReport, "--snapshot", path, "--period", "2022Q3")
			out := c.stdout + c.stderr
			if c.code != tt.code {
				t.Fatalf("check: exit %d, want %d\n%s", c.code, tt.code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("check's output lacks %q:\n%.2000s", w, out)
				}
			}
			if len(out) > 20000 {
				t.Errorf("check printed %d bytes", len(out))
			}
			if tt.code == 0 {
				return
			}
			r := bulletin(t, "run", "--report", sampleReport, "--archive", filepath.Join(tmp, "archive"), "--snapshot", path, "--period", "2022Q3", "--date", "2022-11-04")
			if r.code != 1 {
				t.Fatalf("run: exit %d, want 1\n%s", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("run's message lacks %q:\n%.2000s", w, r.stderr)
				}
			}
		})
	}
}

// xlsxWith is the 2022Q3 export with edit applied, as bytes.
func xlsxWith(t *testing.T, edit badEdit) []byte {
	path := filepath.Join(t.TempDir(), "x.xlsx")
	writeEdited(t, path, edit)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSnapshotDevZero: `--snapshot /dev/zero` is refused after at most
// 64 MB read, by check, run and import alike.
func TestSnapshotDevZero(t *testing.T) {
	for _, cmd := range [][]string{
		{"check", "--report", sampleReport, "--snapshot", "/dev/zero", "--period", "2022Q3"},
		{"run", "--report", sampleReport, "--archive", filepath.Join(t.TempDir(), "a"), "--snapshot", "/dev/zero", "--period", "2022Q3"},
	} {
		c := bulletin(t, cmd...)
		if c.code != 1 || !strings.Contains(c.stdout+c.stderr, "zero：文件过大（超过 64 MB）") {
			t.Errorf("%s: exit %d\n%s%s", cmd[0], c.code, c.stdout, c.stderr)
		}
	}
	_, _, err := call(importCommand, "--report", sampleReport, "--archive", filepath.Join(t.TempDir(), "a"), "--period", "2022Q2", "/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("import: %v", err)
	}
}

// TestDownloadRedirectRedacted: a report whose source address redirects
// to storage that is down: the message names the addresses without
// their queries (a key, a signature).
func TestDownloadRedirectRedacted(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	platform := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, deadURL+"/bucket/2022Q3.xlsx?X-Amz-Signature=SIGNATURE", http.StatusFound)
	}))
	defer platform.Close()
	dir := filepath.Join(t.TempDir(), "report")
	copyTree(t, sampleReport, dir)
	yml := filepath.Join(dir, "report.yaml")
	b, err := os.ReadFile(yml)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "  file: data/{{period}}.xlsx\n", "  url: "+platform.URL+"/export/{{period}}.xlsx?key=KEY\n  retries: 0\n", 1)
	if s == string(b) {
		t.Fatal("report.yaml has no source.file line to replace")
	}
	if err := os.WriteFile(yml, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	c := bulletin(t, "check", "--report", dir, "--period", "2022Q3")
	out := c.stdout + c.stderr
	if c.code != 1 || !strings.Contains(out, "/bucket/2022Q3.xlsx?…") {
		t.Errorf("check: exit %d\n%s", c.code, out)
	}
	for _, secret := range []string{"SIGNATURE", "KEY"} {
		if strings.Contains(out, secret) {
			t.Errorf("check shows %s:\n%s", secret, out)
		}
	}
}
