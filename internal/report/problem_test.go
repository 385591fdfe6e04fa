package report_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
)

func TestProblemString(t *testing.T) {
	for _, tt := range []struct {
		p    report.Problem
		want string
	}{
		{report.Problem{File: "2022Q3.xlsx", Sheet: "统计表", Cell: "I9", Msg: "应为数字", Got: "九"}, `2022Q3.xlsx 统计表!I9: 应为数字（实际为 "九"）`},
		{report.Problem{File: "a.xlsx", Sheet: "统计表", Msg: "缺少列"}, "a.xlsx 统计表: 缺少列"},
		{report.Problem{Cell: "3:5", Msg: "m"}, "3:5: m"},
		{report.Problem{File: "f", Msg: "m", Hint: "请改正"}, "f: m。请改正"},
		{report.Problem{Msg: "合计不符", Severity: report.Warning}, "警告：合计不符"},
	} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestProblemsBySeverity(t *testing.T) {
	ps := report.Problems{
		{Msg: "a"},
		{Msg: "b", Severity: report.Warning},
		{Msg: "c"},
	}
	if len(ps.Errors()) != 2 || len(ps.Warnings()) != 1 || ps.Warnings()[0].Msg != "b" {
		t.Errorf("Errors %v Warnings %v", ps.Errors(), ps.Warnings())
	}
	if err := ps.Err(); err == nil || err.Error() != "a\nc" {
		t.Errorf("Err() = %v", err)
	}
	if err := ps.Warnings().Err(); err != nil {
		t.Errorf("warnings only: Err() = %v, want nil", err)
	}
}
