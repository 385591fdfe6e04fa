package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The third bundled report, reports/monthly-supervision, is a county's
// monthly “互联网+监管” assessment of its departments (targets per
// department and deductions as in shared/reference/003) with the city's
// table of its counties as a second dataset. Its exports are made here:
// go test ./cmd/bulletin -run TestMonthlySampleData -monthly-data rewrites
// them. ALL FIGURES ARE MADE UP; the sheets say so in their title rows.

var monthlyData = flag.Bool("monthly-data", false, "rewrite reports/monthly-supervision/data/*.xlsx")

const monthlyReport = "../../reports/monthly-supervision"

// deptRow is one department: 主项数, 未认领, 实施清单未完备, 有办件主项数
// (-1: "/", no items to cover), 执法人员数, 已入驻人数.
type deptRow struct {
	name                                string
	items, unclaimed, incomplete, acted int
	officers, registered                int
}

var monthlyDepts = map[string][]deptRow{
	"2022-09": {
		{"示例县公安局", 57, 0, 2, 20, 120, 117},
		{"示例县市场监督管理局", 194, 3, 0, 88, 60, 60},
		{"示例县交通运输局", 185, 0, 1, 66, 45, 44},
		{"示例县文化广播电视和旅游局", 152, 0, 4, 50, 20, 20},
		{"示例县自然资源和规划局", 53, 2, 0, 18, 30, 29},
		{"示例县住房和城乡建设局", 61, 0, 2, 19, 25, 23},
		{"示例县农业农村局", 36, 0, 0, 13, 18, 18},
		{"示例县卫生健康局", 45, 1, 0, 12, 16, 16},
		{"示例县水利局", 49, 0, 1, 14, 12, 12},
		{"示例县应急管理局", 15, 0, 0, 5, 10, 10},
		{"示例县审计局", 0, 0, 0, -1, 4, 4},
		{"示例县档案馆", 0, 0, 0, -1, 2, 1},
	},
	"2022-10": {
		{"示例县公安局", 57, 0, 1, 24, 120, 118},
		{"示例县市场监督管理局", 194, 2, 0, 90, 60, 60},
		{"示例县交通运输局", 185, 0, 0, 70, 45, 44},
		{"示例县文化旅游广电局", 152, 0, 3, 55, 20, 20}, // renamed in October
		{"示例县自然资源和规划局", 53, 1, 0, 18, 30, 30},
		{"示例县住房和城乡建设局", 61, 0, 2, 20, 25, 23},
		{"示例县农业农村局", 36, 0, 0, 14, 18, 18},
		{"示例县卫生健康局", 45, 0, 0, 12, 16, 16},
		{"示例县水利局", 49, 0, 1, 15, 12, 12},
		{"示例县应急管理局", 15, 0, 0, 6, 10, 10},
		{"示例县审计局", 0, 0, 0, -1, 4, 4},
		{"示例县档案馆", 0, 0, 0, -1, 2, 1},
	},
}

// cityRow is one county of the city's table: four rates and the score;
// a negative score is a county not assessed ("/").
type cityRow struct {
	name                         string
	claim, impl, cover, resident float64
	score                        float64
}

var monthlyCity = map[string][]cityRow{
	"2022-09": {
		{"甲区", 1, 1, 0.52, 1, 98.1},
		{"乙区", 1, 0.998, 0.47, 1, 97.2},
		{"丙县", 1, 1, 0.49, 0.995, 97.6},
		{"丁县", 0.997, 1, 0.44, 1, 96.9},
		{"戊市", 1, 0.996, 0.43, 0.99, 96.5},
		{"示例县", 0.9917, 0.9893, 0.3607, 0.9825, 95.1},
		{"己县", 1, 0.99, 0.41, 0.98, 96.0},
		{"庚县", 0.995, 0.99, 0.39, 0.985, 95.6},
		{"经开区", 0.99, 0.98, 0.33, 0.97, 94.2},
		{"示例高新区", -1, -1, -1, -1, -1},
	},
	"2022-10": {
		{"甲区", 1, 1, 0.53, 1, 98.6},
		{"乙区", 1, 1, 0.5, 1, 97.9},
		{"丙县", 1, 1, 0.5, 0.996, 97.5},
		{"丁县", 1, 1, 0.45, 1, 97.1},
		{"戊市", 1, 0.997, 0.44, 0.99, 96.8},
		{"示例县", 0.9957, 0.9915, 0.3801, 0.9889, 96.2},
		{"己县", 1, 0.99, 0.41, 0.985, 95.4},
		{"庚县", 0.996, 0.99, 0.4, 0.985, 94.8},
		{"示例经开区", 0.99, 0.985, 0.34, 0.975, 93.9}, // the city renamed 经开区 in October
		{"示例高新区", -1, -1, -1, -1, -1},
	},
}

func TestMonthlySampleData(t *testing.T) {
	if !*monthlyData {
		t.Skip("run with -monthly-data to rewrite the sample exports")
	}
	for period, rows := range monthlyDepts {
		writeDept(t, period, rows)
	}
	for period, rows := range monthlyCity {
		writeCity(t, period, rows)
	}
}

func monthLabel(period string) string {
	var y, m int
	fmt.Sscanf(period, "%d-%d", &y, &m)
	return fmt.Sprintf("%d年%d月", y, m)
}

func writeDept(t *testing.T, period string, rows []deptRow) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "推进情况"
	f.SetSheetName("Sheet1", sh)
	title := fmt.Sprintf("示例县“互联网+监管”指标月度推进情况（%s）（虚构示例数据）", monthLabel(period))
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", title)
	f.MergeCell(sh, "A1", "H1")
	for i, h := range []string{"序号", "部门名称", "主项数", "目录清单未认领事项数", "实施清单未完备事项数", "产生办件的主项数", "执法人员数", "已入驻执法人员数"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(c, h)
	}
	var sum [6]int
	for i, r := range rows {
		row := i + 3
		vals := []any{i + 1, r.name, r.items, r.unclaimed, r.incomplete, r.acted, r.officers, r.registered}
		if r.acted < 0 {
			vals[5] = "/"
		}
		for j, v := range vals {
			c, _ := excelize.CoordinatesToCellName(j+1, row)
			set(c, v)
		}
		for j, v := range []int{r.items, r.unclaimed, r.incomplete, max(r.acted, 0), r.officers, r.registered} {
			sum[j] += v
		}
	}
	total := len(rows) + 3
	set(fmt.Sprintf("B%d", total), "合计")
	for j, v := range sum {
		c, _ := excelize.CoordinatesToCellName(j+3, total)
		set(c, v)
	}
	set(fmt.Sprintf("A%d", total+1), "说明：本表为演示用虚构数据，单位名称和数字均非真实。主项数为0的部门暂不涉及覆盖率任务，以“/”表示。")
	save(t, f, filepath.Join(monthlyReport, "data", period+"-部门.xlsx"))
}

func writeCity(t *testing.T, period string, rows []cityRow) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "考核情况"
	f.SetSheetName("Sheet1", sh)
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", fmt.Sprintf("示例市各县市区“互联网+监管”指标考核情况（%s）（虚构示例数据）", monthLabel(period)))
	f.MergeCell(sh, "A1", "F1")
	for i, h := range []string{"县市区", "目录清单完成率", "实施清单完备率", "监管行为覆盖率", "执法人员入驻率", "考核得分"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(c, h)
	}
	pct := func(v float64) string {
		if v < 0 {
			return "/"
		}
		return fmt.Sprintf("%.2f%%", v*100)
	}
	for i, r := range rows {
		row := i + 3
		score := any(r.score)
		if r.score < 0 {
			score = "/"
		}
		for j, v := range []any{r.name, pct(r.claim), pct(r.impl), pct(r.cover), pct(r.resident), score} {
			c, _ := excelize.CoordinatesToCellName(j+1, row)
			set(c, v)
		}
	}
	set(fmt.Sprintf("A%d", len(rows)+3), "说明：本表为演示用虚构数据；示例高新区本月未参加考核。")
	save(t, f, filepath.Join(monthlyReport, "data", period+"-全市.xlsx"))
}

func save(t *testing.T, f *excelize.File, path string) {
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
