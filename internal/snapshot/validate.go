package snapshot

import (
	"math"
	"strconv"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// validate runs the checks across columns and rows, configured in
// report.yaml: part_of (a part may not exceed its whole: error), ratio (a
// stated rate must agree with its numerator and denominator within
// rounding: warning), and the sheet's own 合计 row against the column sums
// (warning).
func (t *table) validate() {
	rows := make([]*Unit, 0, len(t.snap.Units)+1)
	for i := range t.snap.Units {
		rows = append(rows, &t.snap.Units[i])
	}
	if t.snap.Total != nil {
		rows = append(rows, t.snap.Total)
	}
	for _, c := range t.def.Columns {
		if c.PartOf != "" {
			t.checkPart(c, rows)
		}
		if len(c.Ratio) == 2 {
			t.checkRatio(c, rows)
		}
	}
	t.checkTotal()
}

func (t *table) headerOf(id string) string {
	for _, b := range t.binds {
		if b.Key == id && b.Found {
			return b.Sheet.Path
		}
	}
	if c := t.def.Column(id); c != nil {
		return c.Header
	}
	return id
}

func (t *table) checkPart(c report.Column, rows []*Unit) {
	for _, u := range rows {
		part, whole := u.Values[c.ID], u.Values[c.PartOf]
		if part.NA || whole.NA || part.Cell == "" || whole.Cell == "" || part.Num <= whole.Num {
			continue
		}
		t.errorf(part.Cell, num(part.Num), "请核对这两个数",
			"「%s」%s 大于「%s」%s（%s）：部分不应大于总数",
			t.headerOf(c.ID), num(part.Num), t.headerOf(c.PartOf), num(whole.Num), whole.Cell)
	}
}

func (t *table) checkRatio(c report.Column, rows []*Unit) {
	for _, u := range rows {
		rate, n, d := u.Values[c.ID], u.Values[c.Ratio[0]], u.Values[c.Ratio[1]]
		if rate.Cell == "" || n.NA || d.NA || n.Cell == "" || d.Cell == "" {
			continue
		}
		switch {
		case d.Num == 0:
			if !rate.NA && rate.Num != 0 {
				t.warnf(rate.Cell, pct(rate.Num), "「%s」的分母 %s 为 0，比率应为 /（不适用）", t.headerOf(c.ID), d.Cell)
			}
		case rate.NA:
			t.warnf(rate.Cell, "/", "「%s」为空，但按 %s/%s 应为 %s", t.headerOf(c.ID), num(n.Num), num(d.Num), pct(n.Num/d.Num))
		default:
			want := n.Num / d.Num
			tol, ok := t.tol[rate.Cell]
			if !ok {
				tol = 1e-6
			}
			if math.Abs(rate.Num-want) > tol {
				t.warnf(rate.Cell, pct(rate.Num), "「%s」与 %s(%s)/%s(%s) = %s 不符，超出四舍五入误差",
					t.headerOf(c.ID), num(n.Num), n.Cell, num(d.Num), d.Cell, pct(want))
			}
		}
	}
}

// checkTotal compares the sheet's own 合计 row with the sum of the units,
// for count and number columns: a warning naming the cell, the stated and
// the computed figure (the notice uses the units' sum), or an error when
// the definition says total_row: refuse.
func (t *table) checkTotal() {
	tot := t.snap.Total
	if tot == nil {
		return
	}
	for _, c := range t.def.Columns {
		if c.Kind != report.Count && c.Kind != report.Number && c.Kind != "" {
			continue
		}
		v := tot.Values[c.ID]
		if v.NA || v.Cell == "" {
			continue
		}
		sum := 0.0
		for _, u := range t.snap.Units {
			if x := u.Values[c.ID]; !x.NA {
				sum += x.Num
			}
		}
		if math.Abs(sum-v.Num) > 1e-6*math.Max(1, math.Abs(sum)) {
			msg := "合计行「%s」为 %s，但各单位之和为 %s"
			if t.def.TotalRow == report.TotalRowRefuse {
				t.errorf(v.Cell, num(v.Num), "请核对合计行与各单位的数（report.yaml 设有 total_row: refuse，合计行不符即停止）",
					msg, t.headerOf(c.ID), num(v.Num), num(sum))
				continue
			}
			t.warnf(v.Cell, num(v.Num), msg, t.headerOf(c.ID), num(v.Num), num(sum))
			t.probs[len(t.probs)-1].Hint = "通报采用按各单位计算的数"
		}
	}
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 2, 64) + "%" }
