package snapshot_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// edited returns the 2022Q3 fixture with edit applied to its 统计表.
func edited(t testing.TB, edit func(f *excelize.File, sheet string) error) []byte {
	t.Helper()
	f, err := excelize.OpenFile(fixture("2022Q3"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := edit(f, "统计表"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// set is an edit writing values (string, int, float64) to cells.
func set(kv ...any) func(f *excelize.File, sheet string) error {
	return func(f *excelize.File, sheet string) error {
		for i := 0; i < len(kv); i += 2 {
			if err := f.SetCellValue(sheet, kv[i].(string), kv[i+1]); err != nil {
				return err
			}
		}
		return nil
	}
}

// want is one expected problem: its cell and words its message must hold.
type wantProblem struct {
	cell string
	has  []string
}

func checkProblems(t *testing.T, got report.Problems, want []wantProblem) {
	t.Helper()
	for _, w := range want {
		found := false
		for _, p := range got {
			if p.Cell != w.cell {
				continue
			}
			s := p.String()
			ok := true
			for _, h := range w.has {
				ok = ok && strings.Contains(s, h)
			}
			if ok {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no problem at %s saying %q; got:\n%s", w.cell, w.has, got.Error())
		}
	}
}

// TestReadBadCells edits one or more cells of the real table and checks
// that each mistake is reported at its cell, all in one report.
func TestReadBadCells(t *testing.T) {
	tests := []struct {
		name string
		edit func(f *excelize.File, sheet string) error
		want []wantProblem
	}{
		{"text in a count column", set("I9", "四"),
			[]wantProblem{{"I9", []string{"2022Q3.xlsx 统计表!I9", "执法人员数", "应为整数", `"四"`}}}},
		{"decimal in a count column", set("J9", 1.5),
			[]wantProblem{{"J9", []string{"不应有小数"}}}},
		{"text in a rate column", set("T10", "较高"),
			[]wantProblem{{"T10", []string{"用户活跃度", "应为百分数", `"较高"`}}}},
		{"rate as a bare number above 1", set("E6", 100),
			[]wantProblem{{"E6", []string{"无法判断是 100% 还是 10000%"}}}},
		{"duplicate unit", set("B10", "县民政局"),
			[]wantProblem{{"B10", []string{"单位「县民政局」重复", "第 9 行"}}}},
		{"duplicate unit after normalizing spaces", set("B10", "县 民政局　"),
			[]wantProblem{{"B10", []string{"重复"}}}},
		{"negative count", set("G6", -1),
			[]wantProblem{{"G6", []string{"待完善", "负数", `"-1"`}}}},
		{"part greater than its whole", set("D8", 34),
			[]wantProblem{{"D8", []string{"已认领」34 大于「目录清单梳理情况/目录可认领数」33（C8）"}}}},
		{"formula without a cached value", func(f *excelize.File, sheet string) error {
			// As a program that writes formulas without calculating
			// them leaves it: a formula and no value.
			if err := f.SetCellValue(sheet, "I10", nil); err != nil {
				return err
			}
			return f.SetCellFormula(sheet, "I10", "=SUM(C10:D10)")
		}, []wantProblem{{"I10", []string{"公式没有计算结果", "=SUM(C10:D10)"}}}},
		{"missing column names the closest header", set("G4", "待补充完善"),
			[]wantProblem{{"G4", []string{"缺少列「行政检查实施清单填报情况/待完善」", "最接近的表头是 G4 的「行政检查实施清单填报情况/待补充完善」"}}}},
		{"group renamed: same sub-headers under another group are not taken", set("C3", "其他情况"),
			[]wantProblem{
				{"C4", []string{"缺少列「目录清单梳理情况/目录可认领数」", "「其他情况/目录可认领数」"}},
				{"D4", []string{"缺少列「目录清单梳理情况/已认领」"}},
				{"E4", []string{"缺少列「目录清单梳理情况/完成率」"}},
			}},
		{"column twice", set("V3", "执法人员数", "V5", 1),
			[]wantProblem{{"V3", []string{"执法人员数", "出现了 2 次（I3、V3）"}}}},
		{"unit name missing", set("B11", ""),
			[]wantProblem{{"B11", []string{"单位名称为空"}}}},
		{"every problem in one report", set("I9", "四", "B10", "县民政局", "G6", -1),
			[]wantProblem{{"I9", []string{"应为整数"}}, {"B10", []string{"重复"}}, {"G6", []string{"负数"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := edited(t, tt.edit)
			snap, err := snapshot.Read("2022Q3.xlsx", data, loadDef(t))
			if err == nil {
				t.Fatalf("no error; warnings: %v", snap.Warnings)
			}
			var ps report.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error is %T, want report.Problems: %v", err, err)
			}
			for _, p := range ps {
				if p.File != "2022Q3.xlsx" {
					t.Errorf("problem %+v: want file 2022Q3.xlsx", p)
				}
			}
			errs := ps.Errors()
			checkProblems(t, errs, tt.want)
			if len(errs) != len(tt.want) {
				t.Errorf("%d errors, want %d:\n%v", len(errs), len(tt.want), ps)
			}
			// The warnings come along, after the errors, for bulletin check.
			if w := ps.Warnings(); len(w) == 0 || ps[len(ps)-1].Severity != report.Warning {
				t.Errorf("warnings not listed after the errors:\n%v", ps)
			}
		})
	}
}

// TestReadWarnings checks problems that do not stop a run: they are kept
// in Snapshot.Warnings, each naming its cell.
func TestReadWarnings(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want []wantProblem
	}{
		{"the real table's own slip", func(t *testing.T) []byte { return edited(t, set()) },
			[]wantProblem{{"N14", []string{"警告", "覆盖率」与 40(L14)/79(M14) = 50.63% 不符", `"50.00%"`}}}},
		{"stated rate off its parts", func(t *testing.T) []byte { return edited(t, set("E6", "90%")) },
			[]wantProblem{{"E6", []string{"9(D6)/9(C6) = 100.00% 不符"}}, {"N14", nil}}},
		{"rate left empty", func(t *testing.T) []byte { return edited(t, set("Q9", "/")) },
			[]wantProblem{{"Q9", []string{"执法人员率」为空，但按 4/4 应为 100.00%"}}, {"N14", nil}}},
		{"合计 not the sum", func(t *testing.T) []byte {
			m := readModel(t, fixture("2022Q3"))
			m.Total = totalRow(m, "合计", ratios)
			m.Total[2] = "750"
			return writeModel(t, m, writeOptions{})
		}, []wantProblem{
			{"C28", []string{"合计行「目录清单梳理情况/目录可认领数」为 750，但各单位之和为 749"}},
			{"E28", []string{"749(D28)/750(C28) = 99.87% 不符"}},
			{"N14", nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := snapshot.Read("2022Q3.xlsx", tt.data(t), loadDef(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range snap.Warnings {
				if w.Severity != report.Warning {
					t.Errorf("%v: severity %v", w, w.Severity)
				}
			}
			checkProblems(t, snap.Warnings, tt.want)
			if len(snap.Warnings) != len(tt.want) {
				t.Errorf("%d warnings, want %d:\n%v", len(snap.Warnings), len(tt.want), snap.Warnings)
			}
		})
	}
}

// TestReadBadFiles feeds files that are not a readable table: each gets a
// one-line message, never a panic.
func TestReadBadFiles(t *testing.T) {
	fixtureBytes, err := os.ReadFile(fixture("2022Q3"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		file string
		data func(t *testing.T) []byte
		has  string
	}{
		{"empty", "2022Q3.xlsx", func(*testing.T) []byte { return nil }, "文件是空的"},
		{"blank text", "2022Q3.csv", func(*testing.T) []byte { return []byte(" \r\n\n") }, "文件是空的"},
		{"truncated workbook", "2022Q3.xlsx", func(*testing.T) []byte { return fixtureBytes[:len(fixtureBytes)/2] }, "不是有效的 xlsx 工作簿"},
		{"encrypted workbook", "2022Q3.xlsx", encrypted, "设置了打开密码"},
		{"legacy xls", "2022Q3.xls", func(*testing.T) []byte {
			return append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 1024)...)
		}, "旧版 Excel 97-2003"},
		{"HTML saved as xls", "2022Q3.xls", func(*testing.T) []byte {
			return []byte("<html><body><table><tr><td>单位</td></tr></table></body></html>")
		}, "网页（HTML）"},
		{"PDF", "2022Q3.pdf", func(*testing.T) []byte { return []byte("%PDF-1.7\n...") }, "PDF"},
		{"binary", "2022Q3.xlsx", func(*testing.T) []byte { return []byte{1, 2, 0, 4, 5, 0, 7} }, "无法识别的文件格式"},
		{"text named xlsx", "2022Q3.xlsx", func(*testing.T) []byte { return []byte("单位,目录可认领数\n") }, "内容不是 Excel 工作簿"},
		{"zip bomb", "2022Q3.xlsx", zipBomb, "解压后过大"},
		{"too large", "2022Q3.xlsx", func(*testing.T) []byte { return make([]byte, snapshot.MaxFileSize+1) }, "文件过大"},
		{"no header", "2022Q3.csv", func(*testing.T) []byte { return []byte("a,b\n1,2\n") }, "找不到表头：前 30 行中没有「单位」列"},
		{"no header in any sheet", "2022Q3.xlsx", func(t *testing.T) []byte {
			return edited(t, set("B3", "部门"))
		}, "找不到表头"},
		{"header but no data", "2022Q3.xlsx", func(t *testing.T) []byte {
			return edited(t, func(f *excelize.File, sheet string) error {
				for r := 27; r >= 5; r-- {
					if err := f.RemoveRow(sheet, r); err != nil {
						return err
					}
				}
				return nil
			})
		}, "下面没有任何单位的数据"},
		{"stray quote in CSV", "2022Q3.csv", func(*testing.T) []byte {
			return []byte("序号,单位\n1,县\"民政局\n")
		}, "2022Q3.csv 第 2 行: CSV 格式有误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := snapshot.Read(tt.file, tt.data(t), loadDef(t))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.has) {
				t.Errorf("error %q does not say %q", err, tt.has)
			}
			var ps report.Problems
			if !errors.As(err, &ps) || len(ps) == 0 || ps[0].File != tt.file {
				t.Errorf("error %#v: want report.Problems naming %s", err, tt.file)
			}
			if tt.name != "header but no data" && strings.Contains(err.Error(), "\n") {
				t.Errorf("want one line, got:\n%s", err)
			}
		})
	}
}

// encrypted is the fixture saved with an open password by excelize.
func encrypted(t *testing.T) []byte {
	f, err := excelize.OpenFile(fixture("2022Q3"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	path := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := f.SaveAs(path, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// zipBomb is the fixture's parts plus one that claims to unzip to 1 TiB.
func zipBomb(t *testing.T) []byte {
	zr, err := zip.NewReader(bytes.NewReader(mustRead(t, fixture("2022Q3"))), int64(len(mustRead(t, fixture("2022Q3")))))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/media/image1.bin", Method: zip.Deflate,
		CompressedSize64: 2, UncompressedSize64: 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte{3, 0})
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustRead(t testing.TB, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReadFileErrors(t *testing.T) {
	def := loadDef(t)
	for _, tt := range []struct{ name, path, has string }{
		{"missing file", filepath.Join(t.TempDir(), "2022Q4.xlsx"), "找不到文件"},
		{"folder", t.TempDir(), "是文件夹"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := snapshot.ReadFile(tt.path, def)
			if err == nil || !strings.Contains(err.Error(), tt.has) {
				t.Errorf("error %v, want %q", err, tt.has)
			}
		})
	}
}
