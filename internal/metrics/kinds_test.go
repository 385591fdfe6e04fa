package metrics_test

import (
	"fmt"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// TestIndicatorKinds works every kind of indicator and total by hand on
// three units: 甲 a=1 b=4 c=2.5; 乙 a=3 b=4 c=/; 丙 a=0 b=0 c=1.
func TestIndicatorKinds(t *testing.T) {
	def := parseDef(t, `
office: {name: 测试}
title: t
template: t.tmpl
unit_column: 单位
columns:
  - {id: a, header: a}
  - {id: b, header: b}
  - {id: c, header: c, kind: number}
indicators:
  - {id: S, name: 和, sum: [a, b]}
  - {id: T, name: 含缺项的和, sum: [a, c], precision: 1}
  - {id: R, name: 比率, ratio: [a, b]}
  - {id: X, name: 乘积, expr: a * c, precision: 1}
  - {id: Y, name: 乘积之和, expr: a * c, total: sum, precision: 1}
  - {id: K, name: 常数, expr: "100"}
  - {id: C, name: c, column: c, precision: 1, better: lower}
  - {id: N, name: 无合计, column: a, total: none}
  - {id: RR, name: 比率的两倍, expr: R * 2, unit: percent}
rankings:
  - {id: s, by: S, order: desc}
  - {id: c, by: C, order: desc}
  - {id: c2, by: C}
`)
	s := &snapshot.Snapshot{File: "t.xlsx", Units: []snapshot.Unit{
		{Name: "甲", Values: map[string]snapshot.Value{"a": {Num: 1}, "b": {Num: 4}, "c": {Num: 2.5}}},
		{Name: "乙", Values: map[string]snapshot.Value{"a": {Num: 3}, "b": {Num: 4}, "c": {NA: true}}},
		{Name: "丙", Values: map[string]snapshot.Value{"a": {Num: 0}, "b": {Num: 0}, "c": {Num: 1}}},
	}}
	r, err := metrics.Compute(def, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	show := func(v metrics.Value) string {
		if v.NA {
			return "/"
		}
		return fmt.Sprint(v.V)
	}
	tests := []struct {
		id, units, total, method string
	}{
		{"S", "5 7 0", "12", "parts"},
		{"T", "3.5 / 1", "4.5", "parts"},     // 乙 left out: its c is not applicable
		{"R", "0.25 0.75 /", "0.5", "parts"}, // (1+3+0)/(4+4+0); 0/0 is not applicable
		{"X", "2.5 / 0", "3.5", "parts"},     // (1+0) × (2.5+1): the formula over sums…
		{"Y", "2.5 / 0", "2.5", "sum"},       // …or, asked for, the sum of the values
		{"K", "100 100 100", "100", "parts"}, // a constant
		{"C", "2.5 / 1", "3.5", "sum"},       // a number column is summed
		{"N", "1 3 0", "/", "none"},          // total: none
		{"RR", "0.5 1.5 /", "1", "parts"},    // a rate input is not summed: 2 × R's total
	}
	for _, tt := range tests {
		in := ind(t, r, tt.id)
		got := ""
		for i, uv := range in.Units {
			if i > 0 {
				got += " "
			}
			got += show(uv.Value)
		}
		if got != tt.units || show(in.Total) != tt.total || in.TotalMethod != tt.method {
			t.Errorf("%s: units %s total %s (%s), want %s total %s (%s)", tt.id, got, show(in.Total), in.TotalMethod, tt.units, tt.total, tt.method)
		}
	}
	order := func(id string) string {
		rk, _ := r.Ranking(id)
		out := ""
		for _, rw := range rk.Rows {
			out += fmt.Sprintf("%s%d ", rw.Unit, rw.Rank)
		}
		return out
	}
	for _, tt := range []struct{ id, want string }{
		{"s", "乙1 甲2 丙3 "},
		{"c", "甲1 丙2 乙0 "},  // desc: largest first even though lower is better
		{"c2", "丙1 甲2 乙0 "}, // default: best first, lower is better
	} {
		if got := order(tt.id); got != tt.want {
			t.Errorf("ranking %s = %s, want %s", tt.id, got, tt.want)
		}
	}
}
