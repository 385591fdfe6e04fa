package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// The archive commands are tested on an archive built through the archive
// package as a run would: 2022Q2 imported, 2022Q3 issued and corrected.

func snapJSON(t *testing.T, claimed float64) []byte {
	t.Helper()
	s := snapshot.Snapshot{File: "2022Q3.xlsx", Sheet: "统计表", Columns: []string{"目录可认领数", "已认领"},
		Units: []snapshot.Unit{
			{Name: "县发改局", Row: 5, Values: map[string]snapshot.Value{"目录可认领数": {Num: 40, Cell: "B5"}, "已认领": {Num: claimed, Cell: "C5"}}},
			{Name: "县财政局", Row: 6, Values: map[string]snapshot.Value{"目录可认领数": {Num: 12, Cell: "B6"}, "已认领": {Num: 12, Cell: "C6"}}},
		}}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func testArchive(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	q2, q3 := report.Period{Year: 2022, Quarter: 2}, report.Period{Year: 2022, Quarter: 3}
	author := report.Identity{Name: "衡阳县政务公开政务服务领导小组办公室", Email: "zwgk@hengyang-county.invalid"}
	day := time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)
	issue := func(iss archive.Issuance) {
		t.Helper()
		if _, _, err := a.Put(iss); err != nil {
			t.Fatalf("Put: %v", err)
		}
	}
	issue(archive.Issuance{
		Manifest: archive.Manifest{Report: "hengyang-county", Period: q2, Issued: day, Imported: true},
		Files:    []archive.File{{Name: "2022Q2.xlsx", Data: []byte("q2")}, {Name: "snapshot.json", Data: snapJSON(t, 30)}},
		Author:   author,
	})
	notice := func(claimed string) archive.Issuance {
		snap := snapJSON(t, map[string]float64{"38": 38, "40": 40}[claimed])
		return archive.Issuance{
			Manifest: archive.Manifest{Report: "hengyang-county", Period: q3, Issued: day,
				DocNumber: "衡县政务公开办〔2022〕3号", Title: "关于2022年第三季度全县“互联网+监管”工作情况的通报",
				Inputs: map[string]string{"2022Q3.xlsx": claimed, "template": "t1"}},
			Files: []archive.File{
				{Name: "2022Q3.xlsx", Data: []byte("xlsx " + claimed)},
				{Name: "snapshot.json", Data: snap},
				{Name: "notice.txt", Data: []byte("关于2022年第三季度全县“互联网+监管”工作情况的通报\n县直各相关单位：\n县发改局已认领" + claimed + "项。\n特此通报。\n")},
				{Name: "notice.pdf", Data: []byte("%PDF-1.4")},
				{Name: "rankings.xlsx", Data: []byte("PK")},
			},
			Author: author,
		}
	}
	issue(notice("38"))
	v2 := notice("40")
	v2.Manifest.Reason = "县发改局已认领数更正"
	issue(v2)
	return dir
}

func call(cmd func([]string, io.Writer, io.Writer) error, args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	err := cmd(args, &out, &errb)
	return out.String(), errb.String(), err
}

func TestLogCommand(t *testing.T) {
	dir := testArchive(t)
	tests := []struct {
		name      string
		args      []string
		wantLines []string
		wantErr   string
	}{
		{"all, newest first", []string{"--archive", dir}, []string{
			"hengyang-county/2022Q3/v2\t2022-11-04\t衡县政务公开办〔2022〕3号\t关于2022年第三季度全县“互联网+监管”工作情况的通报\t",
			"hengyang-county/2022Q3/v1\t",
			"hengyang-county/2022Q2/v1\t2022-11-04\t\t（历史数据导入，无通报）",
		}, ""},
		{"other report", []string{"--archive", dir, "--report", "other"}, nil, ""},
		{"no archive", []string{"--archive", filepath.Join(dir, "nope")}, nil, "不存在"},
		{"bad flag", []string{"--archiv", dir}, nil, "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := call(logCommand, tc.args...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if out == "" {
				lines = nil
			}
			if len(lines) != len(tc.wantLines) {
				t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(tc.wantLines), out)
			}
			for i, w := range tc.wantLines {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("line %d = %q, want prefix %q", i, lines[i], w)
				}
			}
			if len(lines) > 0 && !strings.HasSuffix(lines[0], "原因：县发改局已认领数更正") {
				t.Errorf("v2 line lacks its reason: %q", lines[0])
			}
		})
	}
	if _, _, err := call(logCommand, "--archive", dir, "extra"); !errors.Is(err, errUsage) {
		t.Errorf("extra argument: err = %v, want a usage error", err)
	}
}

func TestShowCommand(t *testing.T) {
	dir := testArchive(t)
	outFile := filepath.Join(t.TempDir(), "v1.txt")
	tests := []struct {
		name    string
		args    []string
		want    string
		wantErr error
		errText string
	}{
		{"latest file", []string{"--archive", dir, "hengyang-county", "2022Q3", "notice.txt"}, "县发改局已认领40项", nil, ""},
		{"version after positionals", []string{"hengyang-county", "2022Q3", "--version", "1", "notice.txt", "--archive", dir}, "县发改局已认领38项", nil, ""},
		{"v-prefixed version", []string{"--archive", dir, "--version", "v2", "hengyang-county", "2022q3", "manifest.json"}, `"reason": "县发改局已认领数更正"`, nil, ""},
		{"list files", []string{"--archive", dir, "hengyang-county", "2022Q3"}, "notice.pdf\t8\n", nil, ""},
		{"imported period", []string{"--archive", dir, "hengyang-county", "2022Q2", "snapshot.json"}, `"已认领"`, nil, ""},
		{"to a file", []string{"--archive", dir, "--version", "1", "--out", outFile, "hengyang-county", "2022Q3", "notice.txt"}, "", nil, ""},
		{"missing file", []string{"--archive", dir, "hengyang-county", "2022Q3", "notice.docx"}, "", nil, "有：2022Q3.xlsx、manifest.json、notice.pdf"},
		{"missing version", []string{"--archive", dir, "--version", "3", "hengyang-county", "2022Q3", "notice.txt"}, "", archive.ErrNoVersion, "第3版"},
		{"period never issued", []string{"--archive", dir, "hengyang-county", "2021Q1"}, "", archive.ErrNoVersion, "尚未印发"},
		{"bad period", []string{"--archive", dir, "hengyang-county", "2022-3"}, "", errUsage, "2022Q3"},
		{"bad version", []string{"--archive", dir, "--version", "x", "hengyang-county", "2022Q3"}, "", errUsage, "版本"},
		{"no period", []string{"--archive", dir, "hengyang-county"}, "", errUsage, "用法"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := call(showCommand, tc.args...)
			if tc.errText != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errText) || (tc.wantErr != nil && !errors.Is(err, tc.wantErr)) {
					t.Fatalf("err = %v, want %v %q", err, tc.wantErr, tc.errText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("stdout lacks %q:\n%s", tc.want, out)
			}
		})
	}
	if b, err := os.ReadFile(outFile); err != nil || !strings.Contains(string(b), "已认领38项") {
		t.Errorf("--out file = %q, %v", b, err)
	}
}

func TestDiffCommand(t *testing.T) {
	dir := testArchive(t)
	tests := []struct {
		name    string
		args    []string
		want    []string
		errText string
	}{
		{"latest against the one before", []string{"--archive", dir, "hengyang-county", "2022Q3"}, []string{
			"hengyang-county 2022Q3：第1版（",
			"重新印发原因：县发改局已认领数更正",
			"有变化的输入：数据文件 2022Q3.xlsx",
			"-县发改局已认领38项。\n+县发改局已认领40项。\n",
			"县发改局 已认领：38 → 40",
			"共 1 项数据变化",
		}, ""},
		{"explicit versions reversed", []string{"--archive", dir, "hengyang-county", "2022Q3", "v2", "1"}, []string{
			"第2版", "县发改局 已认领：40 → 38",
		}, ""},
		{"only one version", []string{"--archive", dir, "hengyang-county", "2022Q2"}, nil, "只有第1版"},
		{"three positionals", []string{"--archive", dir, "hengyang-county", "2022Q3", "1"}, nil, "用法"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := call(diffCommand, tc.args...)
			if tc.errText != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errText) {
					t.Fatalf("err = %v, want %q", err, tc.errText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("diff lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
