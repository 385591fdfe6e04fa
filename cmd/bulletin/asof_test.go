package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// An as-of report (period: asof): a 整改情况通报 whose export states its
// date only in its title row, 截至11月04日, compared with the previous
// as-of date issued.

const asofYAML = `id: rectify
name: 整改情况通报（测试）
office: {name: 示例县政务服务管理办公室}
doc_number: 示例政务办〔{{年}}〕{{序号}}号
title: 关于{{.Period.Label}}政务服务问题整改情况的通报
recipients: 县直各相关单位
period: asof
source:
  file: data/整改台账.xlsx
  as_of_cell: A1
unit_column: 单位
columns:
  - {id: 问题数, header: 问题数, kind: count}
  - {id: 已整改, header: 已整改, kind: count, part_of: 问题数}
indicators:
  - {id: Rate, name: 整改率, ratio: [已整改, 问题数], unit: percent}
template: notice.tmpl
`

const asofTemplate = `发文机关标志：{{.Office.Mark}}
发文字号：{{.DocNumber}}
标题：{{.Title}}
主送：{{.Recipients}}
署名：{{.Office.Name}}
成文日期：{{date .Date}}
---
{{.Period.Label}}，全县问题整改率为{{total "Rate"}}{{with change "Rate"}}，{{.}}{{end}}{{if .HasPrev}}（上次通报为{{.Prev.Label}}）{{end}}。
`

func asofExport(t *testing.T, path, title string, done [2]int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range map[string]any{
		"A1": title, "A2": "单位", "B2": "问题数", "C2": "已整改",
		"A3": "县公安局", "B3": 10, "C3": done[0],
		"A4": "县民政局", "B4": 10, "C4": done[1],
	} {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestAsOfReport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rectify")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"report.yaml": asofYAML, "notice.tmpl": asofTemplate} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	export := filepath.Join(dir, "data", "整改台账.xlsx")
	arch := filepath.Join(t.TempDir(), "archive")

	// The first notice: nothing issued before, nothing to compare with.
	asofExport(t, export, "示例县政务服务问题整改情况（截至10月20日）", [2]int{5, 3})
	r := mustRun(t, "check", "--report", dir, "--archive", arch, "--date", "2021-10-21")
	if !strings.Contains(r.stdout, "2021-10-20 整改台账.xlsx：2 个单位") || !strings.Contains(r.stdout, "档案库中没有更早印发的通报") {
		t.Errorf("check:\n%s", r.stdout)
	}
	mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2021-10-21")

	// The next one: its date from the title row, compared with 10月20日.
	asofExport(t, export, "示例县政务服务问题整改情况（截至11月04日）", [2]int{9, 7})
	r = mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2021-11-05")
	notice, err := os.ReadFile(filepath.Join(arch, "rectify", "2021-11-04", "notice.txt"))
	if err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	for _, want := range []string{
		"关于截至2021年11月4日政务服务问题整改情况的通报",
		"截至2021年11月4日，全县问题整改率为80.00%，较上次通报上升40个百分点（上次通报为截至2021年10月20日）。",
	} {
		if !strings.Contains(string(notice), want) {
			t.Errorf("notice lacks %q:\n%s", want, notice)
		}
	}
	if !strings.Contains(r.stderr, "上一期 2021-10-20：档案库 rectify/2021-10-20/snapshot.json") {
		t.Errorf("not compared with the previous notice:\n%s", r.stderr)
	}

	// Asked for a date the export does not state: not there yet.
	r = bulletin(t, "run", "--report", dir, "--archive", arch, "--period", "2021-11-18", "--date", "2021-11-19")
	if r.code != 1 || !strings.Contains(r.stderr, "2021-11-18 的导出文件还没有：整改台账.xlsx（其标题行写的是截至 2021-11-04）") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}

	// A title row without a date is named by its cell.
	asofExport(t, export, "示例县政务服务问题整改情况", [2]int{9, 7})
	r = bulletin(t, "check", "--report", dir, "--archive", arch)
	if r.code != 1 || !strings.Contains(r.stderr, "整改台账.xlsx") || !strings.Contains(r.stderr, "A1") || !strings.Contains(r.stderr, "应写明截至日期") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}
