package snapshot_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// TestHostileCells: figures and names no table should hold are errors
// naming their cell; invisible characters in a name are removed with a
// warning naming it.
func TestHostileCells(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(f *excelize.File, sheet string) error
		cell string
		has  []string
	}{
		{"rate above 100%", set("E6", "300%"), "E6", []string{"目录清单梳理情况/完成率", "比率 300.00% 超出 0%–100%", "range: any"}},
		{"percentage points above 100 under (%)", set("K6", 250), "K6", []string{"监管业务数据上报及时率(%)", "250.00% 超出"}},
		{"negative rate", set("N6", "-5%"), "N6", []string{"-5.00% 超出 0%–100%"}},
		{"count above 2^53 as text", set("I6", "99999999999999999999999"), "I6", []string{"执法人员数", "数值过大"}},
		{"count of 2^53+1", set("I6", "9007199254740993"), "I6", []string{"数值过大"}},
		{"count above 2^53 as a number", set("I6", 1e23), "I6", []string{"数值过大"}},
		{"unit name with an emoji", set("B6", "县教育局😀"), "B6", []string{"不能使用的字符 U+1F600"}},
		{"unit name with a private-use character", set("B6", "县教\ue000育局"), "B6", []string{"U+E000"}},
		{"unit name of 5,000 characters", set("B6", strings.Repeat("县", 5000)), "B6", []string{"单位名称过长（5000 个字符，最多 100 个）", "…（共 5000 个字符）"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := snapshot.Read("2022Q3.xlsx", edited(t, tt.edit), loadDef(t))
			var ps report.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %v, want report.Problems", err)
			}
			checkProblems(t, ps.Errors(), []wantProblem{{tt.cell, append([]string{"2022Q3.xlsx 统计表!" + tt.cell}, tt.has...)}})
		})
	}
}

// TestRateRangeAny: a rate column with range: any takes rates beyond
// 0–100 %.
func TestRateRangeAny(t *testing.T) {
	def := loadDef(t)
	def.Column("上报及时率").Range = "any"
	if err := def.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Read("2022Q3.xlsx", edited(t, set("K6", 250, "K7", "-12.5%")), def)
	if err != nil {
		t.Fatal(err)
	}
	if v := snap.Unit("县教育局").Values["上报及时率"]; v.Num != 2.5 {
		t.Errorf("K6: %+v, want 2.5", v)
	}
	if v := snap.Unit("县科技工信局").Values["上报及时率"]; v.Num != -0.125 {
		t.Errorf("K7: %+v, want -0.125", v)
	}
	def.Column("执法人员数").Range = "any"
	if err := def.Validate().Err(); err == nil || !strings.Contains(err.Error(), "range 只用于 kind: rate") {
		t.Errorf("range on a count column: %v", err)
	}
}

// TestCountsExact: a count up to 2^53 is read to the unit.
func TestCountsExact(t *testing.T) {
	v, msg := snapshot.ParseValue(report.Count, "9007199254740991", "", false)
	if msg != "" || v.Num != 9007199254740991 {
		t.Errorf("2^53-1: %+v %q", v, msg)
	}
}

// TestUnitNamesNormalised: NFC, zero-width and bidi characters removed
// (a warning names the cell), so the name matches other periods'.
func TestUnitNamesNormalised(t *testing.T) {
	data := edited(t, set("B6", "县教\u200b育局", "B7", "\u202e县科技工信局\u202c", "B8", "Cafe\u0301"))
	snap, err := snapshot.Read("2022Q3.xlsx", data, loadDef(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"县教育局", "县科技工信局", "Caf\u00e9"} {
		if snap.Unit(name) == nil {
			t.Errorf("no unit %q", name)
		}
	}
	checkProblems(t, snap.Warnings, []wantProblem{
		{"B6", []string{"统计表!B6", "警告", "不可见字符（U+200B"}},
		{"B7", []string{"统计表!B7", "U+202E、U+202C"}},
	})
	for _, w := range snap.Warnings {
		if w.Cell == "B8" {
			t.Errorf("NFC is silent: %v", w)
		}
	}
	// The same name with a zero-width space is the same unit.
	_, err = snapshot.Read("2022Q3.xlsx", edited(t, set("B6", "县民政\u200b局")), loadDef(t))
	if err == nil || !strings.Contains(err.Error(), "单位「县民政局」重复") {
		t.Errorf("duplicate through a zero-width space: %v", err)
	}
}

// TestHostileCSV: control characters in a CSV name, a one-line CSV with
// a cell of megabytes, and flat headers that miss the report's groups.
func TestHostileCSV(t *testing.T) {
	def := loadDef(t)
	for _, tt := range []struct {
		name, csv string
		cell      string
		has       []string
	}{
		{"ESC in a unit name", "单位,执法人员数\n县发改\x1b[31m局,7\n", "A2", []string{"不能使用的字符 U+001B", `\x1b`}},
		{"BEL in a unit name", "单位,执法人员数\n县发改局\a,7\n", "A2", []string{"U+0007"}},
		{"a cell of 40,000 characters", "单位,执法人员数\n县发改局," + strings.Repeat("执", 40000) + "\n", "B2", []string{"单元格内容过长（40000 个字符，Excel 单元格最多 32767 个）", "…（共 40000 个字符）"}},
		{"one line of 4 MB", "单位," + strings.Repeat("执", 4<<20/3) + "\n", "第 1 行", []string{"这一行超过 1024 KB"}},
		{"flat headers", flatCSV, "D1", []string{"缺少列「目录清单梳理情况/完成率」", "最接近的表头是 D1 的「目录清单完成率」"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := snapshot.Read("2022Q3.csv", []byte(tt.csv), def)
			var ps report.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %v, want report.Problems", err)
			}
			checkProblems(t, ps.Errors(), []wantProblem{{tt.cell, append([]string{"2022Q3.csv " + tt.cell + ":"}, tt.has...)}})
			if len(err.Error()) > 10000 {
				t.Errorf("message of %d bytes", len(err.Error()))
			}
		})
	}
}

// flatCSV is an export whose header has one row: the groups of the
// workbook's merged header are run into the column names.
const flatCSV = "单位,目录清单可认领数,目录清单已认领,目录清单完成率,实施清单完成率,实施清单待完善,实施清单详实度,执法人员数,本月增量汇聚数,监管业务数据上报及时率(%),覆盖本级事项条数,本级事项总数,覆盖率,执法人员率分子,执法人员率分母,执法人员率,监管行为数,用户活跃度\n" +
	"县发改局,0,0,/,100%,0,100%,7,1,23.20%,5,5,100%,7,7,100%,8,22.50%\n"
