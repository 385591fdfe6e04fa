package snapshot_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// ratios are the stated rates of the fixture with their parts, by header
// path, for building 合计 rows.
var ratios = map[string][2]string{
	"目录清单梳理情况/完成率":             {"目录清单梳理情况/已认领", "目录清单梳理情况/目录可认领数"},
	"2022年度监管行为及监管行为覆盖率/覆盖率":   {"2022年度监管行为及监管行为覆盖率/覆盖本级事项条数", "2022年度监管行为及监管行为覆盖率/本级事项总数"},
	"2022年度监管行为及监管行为覆盖率/执法人员率": {"2022年度监管行为及监管行为覆盖率/执法人员率分子", "2022年度监管行为及监管行为覆盖率/执法人员率分母"},
}

func rename(m *sheetModel, from, to string) {
	for i := range m.Blocks {
		b := &m.Blocks[i]
		if b.Group == from {
			b.Group = to
		}
		for j := range b.Cols {
			if (b.Group == "" && b.Cols[j].Header == from) || b.Group+"/"+b.Cols[j].Header == from {
				_, h, ok := strings.Cut(to, "/")
				if !ok {
					h = to
				}
				b.Cols[j].Header = h
			}
		}
	}
}

// TestReadReshaped reads the 2022Q3 table after each reshaping that other
// platforms' and years' exports show (shared/data/README.md) and checks
// every cell against the published figures.
func TestReadReshaped(t *testing.T) {
	tests := []struct {
		name   string
		shape  func(m *sheetModel)
		opts   writeOptions
		sheet  string // report.yaml's sheet; default 统计表
		csv    string // "utf8" or "gb18030": write CSV instead
		defs   func(def *report.Definition)
		checks func(t *testing.T, s *snapshot.Snapshot)
	}{
		{name: "as exported"},
		{name: "numeric percents", opts: writeOptions{NumericPercent: true}},
		{name: "broken header text", shape: func(m *sheetModel) {
			rename(m, "目录清单梳理情况/目录可认领数", "目录清单梳理情况/目录可\n认领数")
			rename(m, "目录清单梳理情况/已认领", "目录清单梳理情况/ 已 认领 ")
			rename(m, "行政检查实施清单填报情况", "行政检查实施清单\r\n填报情况")
			rename(m, "监管业务数据上报及时率(%)", "监管业务数据上报\n及时率（％）")
			rename(m, "2022年度监管行为及监管行为覆盖率/覆盖率", "2022年度监管行为及监管行为覆盖率/覆盖率（%）")
			rename(m, "用户活跃度", "用户活跃度\n(%)")
			rename(m, "单位", "单　位")
		}},
		{name: "next year's group header", shape: func(m *sheetModel) {
			rename(m, "2022年度监管行为及监管行为覆盖率", "2023年度监管行为及监管行为覆盖率")
		}},
		{name: "group header without year", shape: func(m *sheetModel) {
			rename(m, "2022年度监管行为及监管行为覆盖率", "监管行为及监管行为覆盖率")
		}},
		{name: "columns reordered", shape: func(m *sheetModel) {
			slices.Reverse(m.Blocks)
			for i := range m.Blocks {
				slices.Reverse(m.Blocks[i].Cols)
			}
		}},
		{name: "blank rows", opts: writeOptions{BlankEvery: 4}},
		{name: "合计 row", shape: func(m *sheetModel) { m.Total = totalRow(m, "合计", ratios) },
			checks: func(t *testing.T, s *snapshot.Snapshot) {
				if s.Total == nil {
					t.Fatal("no Total")
				}
				if v := s.Total.Values["目录可认领数"]; v.Num != 749 || v.Cell != "C28" {
					t.Errorf("total 目录可认领数 = %+v, want 749 at C28", v)
				}
			}},
		{name: "总计 row in the 序号 column", shape: func(m *sheetModel) {
			m.Total = totalRow(m, "", ratios)
			m.Total[0] = "总　计"
		}},
		{name: "extra sheet first", opts: writeOptions{SheetFirst: "填报说明"}},
		{name: "extra sheet first, report's sheet absent", opts: writeOptions{SheetFirst: "填报说明", Sheet: "Sheet2"},
			checks: func(t *testing.T, s *snapshot.Snapshot) {
				if s.Sheet != "Sheet2" {
					t.Errorf("sheet %q, want Sheet2", s.Sheet)
				}
			}},
		{name: "no sheet named in report", sheet: "-", opts: writeOptions{SheetFirst: "填报说明", Sheet: "数据"}},
		{name: "unmerged group headers", opts: writeOptions{Unmerged: true}},
		{name: "single headers on the lower header row", opts: writeOptions{SinglesBelow: true}},
		{name: "single headers below, columns reordered", opts: writeOptions{SinglesBelow: true}, shape: func(m *sheetModel) {
			slices.Reverse(m.Blocks)
		}},
		{name: "full-width digits and stray spaces", shape: func(m *sheetModel) {
			m.col("目录清单梳理情况/完成率").Cells[1] = "１００％"
			m.col("监管业务数据上报及时率(%)").Cells[0] = "23. 20%"
			m.col("用户活跃度").Cells[3] = " 76.08 % "
			m.col("单位").Cells[0] = "　县发改局 "
			m.col("单位").Cells[13] = "县商务和\n粮食局"
		}},
		{name: "flat one-row header, aliases for the two 完成率", shape: func(m *sheetModel) {
			var flat []block
			for _, b := range m.Blocks {
				for _, c := range b.Cols {
					if c.Header == "完成率" {
						c.Header = map[string]string{"目录清单梳理情况": "目录清单完成率", "行政检查实施清单填报情况": "实施清单完成率"}[b.Group]
					}
					flat = append(flat, block{Cols: []column{c}})
				}
			}
			m.Blocks = flat
		}, defs: func(def *report.Definition) {
			def.Column("目录完成率").Aliases = []string{"目录清单完成率"}
			def.Column("实施清单完成率").Aliases = []string{"实施清单完成率"}
		}},
		{name: "CSV UTF-8", csv: "utf8"},
		{name: "CSV GB18030", csv: "gb18030"},
	}
	base := readModel(t, fixture("2022Q3"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := readModel(t, fixture("2022Q3"))
			_ = base
			if tt.shape != nil {
				tt.shape(m)
			}
			def := loadDef(t)
			if tt.defs != nil {
				tt.defs(def)
			}
			switch tt.sheet {
			case "-":
				def.Source.Sheet = ""
			case "":
			default:
				def.Source.Sheet = tt.sheet
			}
			var data []byte
			name := "export.xlsx"
			switch tt.csv {
			case "":
				data = writeModel(t, m, tt.opts)
			default:
				data, name = writeCSV(t, m, tt.csv), "export.csv"
			}
			snap, err := snapshot.Read(name, data, def)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			assertPublished(t, def, snap)
			if snap.AsOf == nil || snap.AsOf.Format("2006-01-02") != "2022-11-03" {
				t.Errorf("as of %v", snap.AsOf)
			}
			// The real table has one stated rate off its parts: 县住建局
			// 覆盖率 50.00% for 40/79. Nothing else may be flagged.
			var other []string
			for _, w := range snap.Warnings {
				if !strings.Contains(w.Msg, "50.63%") && !strings.Contains(w.Msg, "改用含表头的工作表") {
					other = append(other, w.String())
				}
			}
			if len(other) > 0 {
				t.Errorf("unexpected warnings:\n%s", strings.Join(other, "\n"))
			}
			if tt.checks != nil {
				tt.checks(t, snap)
			}
		})
	}
}

// writeCSV writes m as Excel saves a CSV: title and as-of rows, two header
// rows with a group named over its first sub-column only, then the data.
func writeCSV(t testing.TB, m *sheetModel, enc string) []byte {
	t.Helper()
	var rows [][]string
	w := m.width()
	line := func(first string) []string { r := make([]string, w); r[0] = first; return r }
	rows = append(rows, line(m.Title), line(m.AsOf))
	top, sub := make([]string, 0, w), make([]string, 0, w)
	for _, b := range m.Blocks {
		for k, c := range b.Cols {
			switch {
			case b.Group == "":
				top, sub = append(top, c.Header), append(sub, "")
			case k == 0:
				top, sub = append(top, b.Group), append(sub, c.Header)
			default:
				top, sub = append(top, ""), append(sub, c.Header)
			}
		}
	}
	rows = append(rows, top, sub)
	for u := 0; u < m.Units; u++ {
		var r []string
		for _, b := range m.Blocks {
			for _, c := range b.Cols {
				r = append(r, c.Cells[u])
			}
		}
		rows = append(rows, r)
	}
	rows = append(rows, line(m.Note))
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	if err := cw.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if enc == "gb18030" {
		out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	return append([]byte("\xEF\xBB\xBF"), buf.Bytes()...)
}
