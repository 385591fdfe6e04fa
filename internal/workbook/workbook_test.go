package workbook_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/workbook"
)

// open builds the sample workbook and opens it again with excelize.
func open(t *testing.T) (*excelize.File, *metrics.Result) {
	t.Helper()
	def := sampleDef(t)
	res := sampleResult(t, def)
	b, err := workbook.Bytes(def, res)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("reopen %s: %v", workbook.FileName, err)
	}
	t.Cleanup(func() { f.Close() })
	return f, res
}

const (
	progressSheet = "衡阳县各单位“互联网+监管”工作进度统计表"
	coverageSheet = "衡阳县各单位监管行为覆盖率排名"
)

func TestSheets(t *testing.T) {
	f, _ := open(t)
	if got, want := f.GetSheetList(), []string{progressSheet, coverageSheet}; !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
}

// TestHeader checks the title, the 统计截止时间 line and the header rows,
// merged cells included, against the layout of the published table.
func TestHeader(t *testing.T) {
	f, _ := open(t)
	tests := []struct {
		name, sheet string
		cells       map[string]string // cell → text
		merged      []string          // ranges "A1:S1" with their text
	}{
		{
			name:  "progress: two header rows with group headers",
			sheet: progressSheet,
			cells: map[string]string{
				"A1": progressSheet, "A2": "统计截止时间：2022年11月3日",
				"A3": "序号", "B3": "单位",
				"C3": "目录清单梳理情况", "C4": "目录可认领数", "D4": "已认领", "E4": "完成率",
				"F3": "行政检查实施清单填报情况", "F4": "完成率", "G4": "待完善", "H4": "详实度",
				"I3": "执法人员数", "J3": "本月增量汇聚数", "K3": "上报及时率",
				"L3": "监管行为覆盖率", "L4": "覆盖本级事项条数", "M4": "本级事项总数", "N4": "覆盖率",
				"O4": "执法人员率", "P4": "数据准确率",
				"Q3": "用户注册数", "R3": "用户活跃度", "S3": "风险线索反馈率",
				"T3": "", "T4": "",
			},
			merged: []string{
				"A1:S1", "A2:S2", "A3:A4", "B3:B4", "C3:E3", "F3:H3", "I3:I4", "J3:J4", "K3:K4",
				"L3:P3", "Q3:Q4", "R3:R4", "S3:S4",
			},
		},
		{
			name:  "coverage: one header row, indicator names, 排名 and 排名变化",
			sheet: coverageSheet,
			cells: map[string]string{
				"A1": coverageSheet, "A2": "统计截止时间：2022年11月3日",
				"A3": "排名", "B3": "单位", "C3": "覆盖本级事项条数", "D3": "本级事项总数",
				"E3": "监管行为覆盖率", "F3": "执法人员数", "G3": "用户活跃度", "H3": "排名变化",
				"I3": "", "A4": "并列1",
			},
			merged: []string{"A1:H1", "A2:H2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for c, want := range tt.cells {
				got, err := f.GetCellValue(tt.sheet, c)
				if err != nil || got != want {
					t.Errorf("%s = %q (%v), want %q", c, got, err, want)
				}
			}
			mcs, err := f.GetMergeCells(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range mcs {
				got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
			}
			slices.Sort(got)
			want := slices.Clone(tt.merged)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("merged cells = %q, want %q", got, want)
			}
		})
	}
}

// TestValues checks every figure of both sheets: the cell holds the
// number (or "/" as text when not applicable), formatted with the
// indicator's precision, and shows what the published table shows.
func TestValues(t *testing.T) {
	f, res := open(t)
	def := sampleDef(t)
	published := map[string]q3Unit{}
	for _, u := range parseQ3(t, def) {
		published[u.name] = u
	}
	sheets := []string{progressSheet, coverageSheet}
	for k, r := range res.Rankings {
		sheet := sheets[k]
		firstData := 4 // title, 统计截止时间, header
		if r.ID == "progress" {
			firstData = 5 // two header rows
		}
		t.Run(r.ID, func(t *testing.T) {
			for i, row := range r.Rows {
				n := firstData + i
				if got := value(t, f, sheet, 2, n); got != row.Unit {
					t.Fatalf("row %d: unit %q, want %q", n, got, row.Unit)
				}
				u := published[row.Unit]
				for j, c := range r.Columns {
					ref := cellName(3+j, n)
					v := row.Cells[j]
					shown := value(t, f, sheet, 3+j, n)
					if want := display(v, c.Indicator); shown != want {
						t.Errorf("%s %s %s: shows %q, want %q", row.Unit, c.ID, ref, shown, want)
					}
					if want := publishedText(t, def, u, c.ID, c.Indicator); shown != want && !knownDiscrepancy(row.Unit, c.ID) {
						t.Errorf("%s %s %s: shows %q, the published table %q", row.Unit, c.ID, ref, shown, want)
					}
					raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
					typ, _ := f.GetCellType(sheet, ref)
					if v.NA {
						if raw != "/" || typ == excelize.CellTypeNumber {
							t.Errorf("%s %s %s: NA written as %q (type %v), want text /", row.Unit, c.ID, ref, raw, typ)
						}
						continue
					}
					var got float64
					if _, err := fmt.Sscan(raw, &got); err != nil || math.Abs(got-v.V) > 1e-12 {
						t.Errorf("%s %s %s: holds %q, want %v", row.Unit, c.ID, ref, raw, v.V)
					}
					if want := numFmtOf(c.Indicator); numFmt(t, f, sheet, ref) != want {
						t.Errorf("%s %s %s: number format %q, want %q", row.Unit, c.ID, ref, numFmt(t, f, sheet, ref), want)
					}
				}
			}
		})
	}
}

// publishedRate names the published rate column of each ratio indicator:
// the workbook computes the ratio from its parts, the platform printed its
// own rounding of it.
var publishedRate = map[string]string{"ClaimRate": "目录完成率", "CoverageRate": "覆盖率", "OfficerRate": "执法人员率"}

// publishedText is the published figure of indicator id for u, written in
// the workbook's precision ("100%" → "100.00%", a rate of "0" → "0.00%").
func publishedText(t *testing.T, def *report.Definition, u q3Unit, id string, ind *metrics.Indicator) string {
	col := def.Indicator(id).Column
	if c, ok := publishedRate[id]; ok {
		col = c
	}
	if col == "" {
		t.Fatalf("indicator %s: no published column", id)
	}
	return display(parseFigure(t, u.text[col]), ind)
}

// knownDiscrepancy is the one published figure that its own parts
// contradict: 县住建局 covers 40 of 79 matters, 50.63%, printed as 50.00%.
func knownDiscrepancy(unit, id string) bool {
	return unit == "县住建局" && id == "CoverageRate"
}

func TestRankAndChange(t *testing.T) {
	f, res := open(t)
	cov := res.Rankings[1]
	want := map[string][2]string{ // unit → 排名, 排名变化 as shown
		"县发改局":     {"并列1", "—"},
		"县科技工信局":   {"并列1", "—"},
		"县商务和粮食局":  {"并列1", "—"},
		"委统一战线工作":  {"4", "—"},
		"县人社局":     {"5", "↑1"},
		"县民政局":     {"6", "↓1"},
		"县档案局":     {"7", "新增"},
		"县住建局":     {"9", "↑3"},
		"县市场监督管理局": {"12", "↓3"},
		"县水利局":     {"23", "—"},
	}
	seen := 0
	for i, row := range cov.Rows {
		w, ok := want[row.Unit]
		if !ok {
			continue
		}
		seen++
		n := 4 + i
		if got := value(t, f, coverageSheet, 1, n); got != w[0] {
			t.Errorf("%s: 排名 %q, want %q", row.Unit, got, w[0])
		}
		if raw, _ := f.GetCellValue(coverageSheet, cellName(1, n), excelize.Options{RawCellValue: true}); raw != fmt.Sprint(row.Rank) {
			t.Errorf("%s: 排名 holds %q, want the number %d (sortable)", row.Unit, raw, row.Rank)
		}
		if got := value(t, f, coverageSheet, 8, n); got != w[1] {
			t.Errorf("%s: 排名变化 %q, want %q", row.Unit, got, w[1])
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d units checked", seen, len(want))
	}
	// The progress table keeps the snapshot order and numbers it 1…23.
	for i := range res.Rankings[0].Rows {
		if got := value(t, f, progressSheet, 1, 5+i); got != fmt.Sprint(i+1) {
			t.Errorf("progress row %d: 序号 %q, want %d", 5+i, got, i+1)
		}
	}
}

func TestSheetSetup(t *testing.T) {
	f, res := open(t)
	tests := []struct {
		sheet             string
		headerTop, bottom int
		lastCol           int
		rows              int
	}{
		{progressSheet, 3, 4, 19, len(res.Rankings[0].Rows)},
		{coverageSheet, 3, 3, 8, len(res.Rankings[1].Rows)},
	}
	for _, tt := range tests {
		t.Run(tt.sheet, func(t *testing.T) {
			p, err := f.GetPanes(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Freeze || p.XSplit != 2 || p.YSplit != tt.bottom || p.TopLeftCell != cellName(3, tt.bottom+1) {
				t.Errorf("panes = freeze %v, split %d×%d at %s; want the header and 单位 frozen at %s",
					p.Freeze, p.XSplit, p.YSplit, p.TopLeftCell, cellName(3, tt.bottom+1))
			}
			var titles []string
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm.Print_Titles" && d.Scope == tt.sheet {
					titles = append(titles, d.RefersTo)
				}
			}
			if want := fmt.Sprintf("'%s'!$%d:$%d", tt.sheet, tt.headerTop, tt.bottom); len(titles) != 1 || titles[0] != want {
				t.Errorf("print titles = %q, want [%q]", titles, want)
			}
			pl, err := f.GetPageLayout(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if *pl.Orientation != "landscape" || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
				t.Errorf("page layout = %s size %d fit %v×%v; want landscape A4 (9), 1 page wide", *pl.Orientation, *pl.Size, pl.FitToWidth, pl.FitToHeight)
			}
			var filter []string
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm._FilterDatabase" && d.Scope == tt.sheet {
					filter = append(filter, d.RefersTo)
				}
			}
			if want := fmt.Sprintf("'%s'!$A$%d:$%s$%d", tt.sheet, tt.bottom, colName(tt.lastCol), tt.bottom+tt.rows); len(filter) != 1 || filter[0] != want {
				t.Errorf("auto filter = %q, want [%q]", filter, want)
			}
			sp, err := f.GetSheetProps(tt.sheet)
			if err != nil || sp.FitToPage == nil || !*sp.FitToPage {
				t.Errorf("fit to page not set (%v)", err)
			}
			// Every column is at least as wide as its widest content
			// (Han characters count two).
			rows, err := f.GetRows(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tt.bottom+tt.rows {
				t.Errorf("%d rows, want %d", len(rows), tt.bottom+tt.rows)
			}
			for c := 1; c <= tt.lastCol; c++ {
				name, _ := excelize.ColumnNumberToName(c)
				w, _ := f.GetColWidth(tt.sheet, name)
				for r := tt.bottom; r < len(rows); r++ {
					if c-1 < len(rows[r]) && width(rows[r][c-1]) > w {
						t.Errorf("column %s is %.1f wide, %q needs %.0f", name, w, rows[r][c-1], width(rows[r][c-1]))
					}
				}
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	def := sampleDef(t)
	a, err := workbook.Bytes(def, sampleResult(t, def))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := workbook.Bytes(def, sampleResult(t, def))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two workbooks of the same figures differ")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Created != "2022-11-02T16:00:00Z" || p.Creator != def.Office.Name {
		t.Errorf("doc props created %q by %q; want the as-of date by the office", p.Created, p.Creator)
	}
}

// Without a previous period there is no rank change to show: the column is
// left out, as in the PDF's attachment.
func TestNoPrevious(t *testing.T) {
	def := sampleDef(t)
	res := sampleResult(t, def)
	res.HasPrev = false
	b, err := workbook.Bytes(def, res)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := value(t, f, coverageSheet, 7, 3); got != "用户活跃度" {
		t.Errorf("G3 = %q, want the last figure column", got)
	}
	for r := 3; r < 4+len(res.Rankings[1].Rows); r++ {
		if got := value(t, f, coverageSheet, 8, r); got != "" {
			t.Fatalf("H%d = %q without a previous period, want no 排名变化 column", r, got)
		}
	}
}

func TestErrors(t *testing.T) {
	def := sampleDef(t)
	tests := []struct {
		name   string
		change func(*metrics.Result)
		want   string
	}{
		{"no rankings", func(r *metrics.Result) { r.Rankings = nil }, "no ranking"},
		{"row with a missing figure", func(r *metrics.Result) {
			r.Rankings[1].Rows[2].Cells = r.Rankings[1].Rows[2].Cells[:4]
		}, "有 4 个数值，应与列数 5 相同"},
		{"not a number", func(r *metrics.Result) {
			r.Rankings[0].Rows[0].Cells[3].V = math.NaN()
		}, "排名表 \"衡阳县各单位“互联网+监管”工作进度统计表\" 的单位 \"县发改局\" 在“完成率”列的数值无效"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := sampleResult(t, def)
			tt.change(res)
			_, err := workbook.Bytes(def, res)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := workbook.Bytes(def, &metrics.Result{}); !errors.Is(err, workbook.ErrNoRankings) {
		t.Errorf("error = %v, want ErrNoRankings", err)
	}
}

// value is the text cell (col,row) shows.
func value(t *testing.T, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	s, err := f.GetCellValue(sheet, cellName(col, row))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// builtinFmt are the built-in number formats excelize may pick.
var builtinFmt = map[int]string{0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%"}

func numFmt(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return builtinFmt[st.NumFmt]
}

func numFmtOf(ind *metrics.Indicator) string {
	f := "0"
	if ind.Precision > 0 {
		f += "." + strings.Repeat("0", ind.Precision)
	}
	if ind.Percent {
		f += "%"
	}
	return f
}

// width is the display width of s: Han characters and full-width forms
// count two.
func width(s string) float64 {
	n := 0.0
	for _, r := range s {
		if r >= 0x2E80 || (r >= 0x2010 && r <= 0x21FF) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func colNum(ref string) int { c, _, _ := excelize.CellNameToCoordinates(ref); return c }
func rowNum(ref string) int { _, r, _ := excelize.CellNameToCoordinates(ref); return r }
