package metrics_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// problems runs Compute and returns its error as problems (nil if none).
func problems(t *testing.T, def *report.Definition, cur, prev *snapshot.Snapshot) report.Problems {
	t.Helper()
	_, err := metrics.Compute(def, cur, prev)
	if err == nil {
		return nil
	}
	var ps report.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not report.Problems", err)
	}
	return ps
}

func set(s *snapshot.Snapshot, unit, col string, v float64) {
	u := s.Unit(unit)
	sv := u.Values[col]
	sv.Num, sv.NA = v, false
	u.Values[col] = sv
}

// TestConsistency: figures that cannot all be true stop the report, with a
// message naming file, sheet and cell.
func TestConsistency(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(def *report.Definition, s *snapshot.Snapshot)
		wants []string // substrings of the problems, in order; none: passes
	}{
		{"real 2022Q3 passes", func(*report.Definition, *snapshot.Snapshot) {}, nil},
		{"part larger than whole", func(_ *report.Definition, s *snapshot.Snapshot) { set(s, "县公安局", "已认领", 35) },
			[]string{"2022Q3.xlsx 统计表!D8: 县公安局的已认领（35）大于目录可认领数（33），部分不能大于整体"}},
		{"allowed over", func(def *report.Definition, s *snapshot.Snapshot) {
			set(s, "县公安局", "已认领", 35)
			def.Indicator("ClaimRate").AllowOver = true
		}, nil},
		{"negative count", func(_ *report.Definition, s *snapshot.Snapshot) { set(s, "县林业局", "用户注册数", -1) },
			[]string{"统计表!S22: 县林业局的用户注册数不能为负数（实际为 \"-1\"）"}},
		// The real sheet states 县住建局's coverage as 50.00% although
		// 40/79 = 50.63%: asking for the check finds it.
		{"stated rate disagrees with parts", func(def *report.Definition, _ *snapshot.Snapshot) {
			def.Indicator("CoverageRate").Stated = "覆盖率"
		}, []string{"统计表!N14: 县住建局的覆盖率应为 50.63%（按覆盖本级事项条数/本级事项总数计算）（实际为 \"50.00%\"）"}},
		// The real notice's 应填报8371项，已审核8314项，待完善83项.
		{"identity check", func(def *report.Definition, s *snapshot.Snapshot) {
			def.Checks = []report.Check{{Expr: "应填报 == 已审核 + 待完善", Msg: "应填报数应等于已审核数与待完善数之和"}}
			def.Columns = append(def.Columns, report.Column{ID: "应填报"}, report.Column{ID: "已审核"})
			for i := range s.Units {
				s.Units[i].Values["应填报"] = snapshot.Value{Num: 10, Cell: "Z1"}
				s.Units[i].Values["已审核"] = snapshot.Value{Num: 10}
			}
			set(s, "县教育局", "应填报", 8371)
			set(s, "县教育局", "已审核", 8314)
			set(s, "县教育局", "待完善", 83)
		}, []string{"县教育局：应填报数应等于已审核数与待完善数之和（实际为 \"应填报=8371，已审核=8314，待完善=83\"）"}},
		{"a unit twice", func(_ *report.Definition, s *snapshot.Snapshot) { s.Units[5].Name = "县公安局" },
			[]string{"2022Q3.xlsx 统计表: 单位“县公安局”出现两次（第8行和第10行），每个单位只能有一行"}},
		{"合计 row agrees", func(_ *report.Definition, s *snapshot.Snapshot) {
			s.Total = &snapshot.Unit{Name: "合计", Values: map[string]snapshot.Value{"目录可认领数": {Num: 749}, "已认领": {Num: 749}}}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, q3, q2 := sample(t)
			tt.edit(def, q3)
			ps := problems(t, def, q3, q2)
			if len(ps) != len(tt.wants) {
				t.Fatalf("problems:\n%v\nwant %d: %q", ps, len(tt.wants), tt.wants)
			}
			for i, w := range tt.wants {
				if !strings.Contains(ps[i].String(), w) {
					t.Errorf("problem %d = %s\nwant it to contain %s", i, ps[i], w)
				}
			}
		})
	}
}

// TestDefinitionProblems: mistakes in the indicators are found before any
// figure is computed, all at once.
func TestDefinitionProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"unknown id in expr", `
indicators:
  - {id: X, name: x, expr: a / 不存在}`, []string{"第 8 行的指标 X 引用了未定义的列或指标 \"不存在\"；可用：X、a、b、c"}},
		{"bad expr", `
indicators:
  - {id: X, name: x, expr: "a / (b"}`, []string{"第 8 行的指标 X 的 expr 写法有误"}},
		{"cycle", `
indicators:
  - {id: X, name: x, expr: Y + 1}
  - {id: Y, name: y, expr: X + a}`, []string{"指标循环引用：X → Y → X"}},
		{"text column", `
columns:
  - {id: 备注, header: 备注, kind: text}
indicators:
  - {id: X, name: x, column: 备注}`, []string{"引用的列 \"备注\" 是文本列"}},
		{"ranking by unknown", `
indicators:
  - {id: X, name: x, column: a}
rankings:
  - {id: r, by: Y, columns: [X, zz]}`, []string{"的排名表 r 的 by 引用了未定义的指标 \"Y\"；可用：X", "的排名表 r 的第 2 列引用了未定义的列或指标 \"zz\""}},
		{"check not boolean", `
indicators:
  - {id: X, name: x, column: a}
checks:
  - {expr: a + b}`, []string{"的检查项 的 expr 应为成立与否的比较"}},
		{"weight is a rate", `
indicators:
  - {id: R, name: r, ratio: [a, b]}
  - {id: X, name: x, column: c, total: weighted, weight: R}`, []string{"weight \"R\" 是比率"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := "office: {name: o}\ntitle: t\ntemplate: t\nunit_column: 单位\n"
			if !strings.Contains(tt.yaml, "columns:\n  - {id: 备注") {
				y += "columns: [{id: a, header: a}, {id: b, header: b}, {id: c, header: c}]\n"
			}
			def, err := report.Parse("reports/x/report.yaml", []byte(y+tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			ps := metrics.Validate(def)
			if len(ps) != len(tt.want) {
				t.Fatalf("problems:\n%v\nwant %q", ps, tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(ps[i].String(), w) {
					t.Errorf("problem %d = %s\nwant it to contain %s", i, ps[i], w)
				}
			}
			s := &snapshot.Snapshot{Units: []snapshot.Unit{{Name: "甲", Values: map[string]snapshot.Value{}}}}
			if _, err := metrics.Compute(def, s, nil); err == nil || !strings.Contains(err.Error(), tt.want[0]) {
				t.Errorf("Compute error = %v, want the same problems", err)
			}
		})
	}
}
