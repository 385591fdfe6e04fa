package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// badEdit writes cells of the 2022Q3 export before it is saved as the bad
// input of a case.
type badEdit func(f *excelize.File) error

func setCells(kv ...any) badEdit {
	return func(f *excelize.File) error {
		for i := 0; i < len(kv); i += 2 {
			if err := f.SetCellValue("统计表", kv[i].(string), kv[i+1]); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestBadInputExitsOneAndLeavesArchive runs `bulletin run` and `bulletin
// check` on each kind of bad export, in an archive that already holds
// 2022Q2: the run exits 1 naming the file, sheet and cell and what was
// expected; the archive's commits, tags, worktree and the earlier notice
// are as they were; check lists every problem of the file.
func TestBadInputExitsOneAndLeavesArchive(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base")
	if r := bulletin(t, "run", "--report", sampleReport, "--archive", base, "--period", "2022Q2", "--date", "2022-07-10"); r.code != 0 {
		t.Fatalf("issuing 2022Q2: exit %d\n%s", r.code, r.stderr)
	}
	q2pdf := filepath.Join("hengyang-county", "2022Q2", "notice.pdf")
	wantPDF, err := os.ReadFile(filepath.Join(base, q2pdf))
	if err != nil {
		t.Fatal(err)
	}
	wantHead := git(t, base, "rev-parse", "HEAD")
	wantTags := git(t, base, "tag", "-l")

	tests := []struct {
		name string
		edit badEdit  // applied to the 2022Q3 export; nil: raw is the file
		raw  []byte   // the file's bytes when edit is nil
		file string   // the bad file's name; default 2022Q3.xlsx
		want []string // each must be in run's stderr and check's output
	}{
		{name: "text in a count column", edit: setCells("I9", "十二"),
			want: []string{"2022Q3.xlsx 统计表!I9", "执法人员数", "应为整数", `"十二"`}},
		{name: "duplicate unit", edit: setCells("B10", "县民政局"),
			want: []string{"统计表!B10", "单位「县民政局」重复"}},
		{name: "negative count", edit: setCells("G6", -1),
			want: []string{"统计表!G6", "待完善", "负数"}},
		{name: "part greater than its whole", edit: setCells("D8", 34),
			want: []string{"统计表!D8", "已认领」34 大于「目录清单梳理情况/目录可认领数」33（C8）"}},
		{name: "formula without a cached value", edit: func(f *excelize.File) error {
			if err := f.SetCellValue("统计表", "I10", nil); err != nil {
				return err
			}
			return f.SetCellFormula("统计表", "I10", "=SUM(C10:D10)")
		}, want: []string{"统计表!I10", "公式没有计算结果"}},
		{name: "missing column", edit: setCells("G4", "待补充完善"),
			want: []string{"统计表!G4", "缺少列「行政检查实施清单填报情况/待完善」", "最接近的表头"}},
		{name: "several problems at once", edit: setCells("I9", "十二", "B10", "县民政局", "G6", -1),
			want: []string{"统计表!I9", "统计表!B10", "统计表!G6"}},
		{name: "not a workbook", raw: []byte("<html>导出失败</html>"),
			want: []string{"2022Q3.xlsx"}},
		{name: "empty file", raw: []byte{},
			want: []string{"2022Q3.xlsx"}},
		{name: "CSV with text in a count column", file: "2022Q3.csv", raw: badCSV(t),
			want: []string{"2022Q3.csv", "执法人员数", "应为整数", `"十二"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			arch := filepath.Join(tmp, "archive")
			copyTree(t, base, arch)
			name := tt.file
			if name == "" {
				name = "2022Q3.xlsx"
			}
			bad := filepath.Join(tmp, name)
			if tt.edit != nil {
				writeEdited(t, bad, tt.edit)
			} else if err := os.WriteFile(bad, tt.raw, 0o644); err != nil {
				t.Fatal(err)
			}

			r := bulletin(t, "run", "--report", sampleReport, "--archive", arch, "--snapshot", bad, "--period", "2022Q3")
			if r.code != 1 {
				t.Fatalf("run: exit %d, want 1\nstderr:\n%s", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("run's message lacks %q:\n%s", w, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
				t.Errorf("stack trace in output:\n%s", r.stderr)
			}
			if got := git(t, arch, "rev-parse", "HEAD"); got != wantHead {
				t.Errorf("HEAD moved: %s → %s", wantHead, got)
			}
			if got := git(t, arch, "tag", "-l"); got != wantTags {
				t.Errorf("tags changed:\n%s", got)
			}
			if st := git(t, arch, "status", "--porcelain"); st != "" {
				t.Errorf("archive worktree not clean:\n%s", st)
			}
			if _, err := os.Stat(filepath.Join(arch, "hengyang-county", "2022Q3")); !os.IsNotExist(err) {
				t.Errorf("2022Q3 folder written: %v", err)
			}
			if got, err := os.ReadFile(filepath.Join(arch, q2pdf)); err != nil || !bytes.Equal(got, wantPDF) {
				t.Errorf("the 2022Q2 notice changed (%v)", err)
			}

			c := bulletin(t, "check", "--report", sampleReport, "--snapshot", bad, "--period", "2022Q3")
			if c.code != 1 {
				t.Fatalf("check: exit %d, want 1\n%s%s", c.code, c.stdout, c.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(c.stdout+c.stderr, w) {
					t.Errorf("check's list lacks %q:\n%s%s", w, c.stdout, c.stderr)
				}
			}
		})
	}
}

// writeEdited saves the 2022Q3 export with edit applied as path.
func writeEdited(t *testing.T, path string, edit badEdit) {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(sampleReport, "data", "2022Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// badCSV is the 2022Q3 export saved as UTF-8 CSV the way Excel does (the
// cells' displayed text, the header rows included), with 十二 in a count
// column of 县财政局's row.
func badCSV(t *testing.T) []byte {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(sampleReport, "data", "2022Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellValue("统计表", "I11", "十二"); err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("统计表")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(cell, ",\"\n") {
				cell = `"` + strings.ReplaceAll(cell, `"`, `""`) + `"`
			}
			b.WriteString(cell)
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// copyTree copies the folder src (an archive with its .git) to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
