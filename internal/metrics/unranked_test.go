package metrics_test

import (
	"math"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// riskRanking adds a ranking by 风险线索反馈率, which 2 of the 23
// departments have in 2022Q3 (县卫生健康局 and 县应急管理局, both 100%).
func riskRanking(t *testing.T, unranked string) *metrics.Ranking {
	t.Helper()
	def, q3, q2 := sample(t)
	def.Rankings = append(def.Rankings, report.Ranking{ID: "risk", By: "RiskFeedback", ShowChange: true,
		Unranked: unranked, Total: "合计",
		Columns: []report.RankColumn{{Value: "Covered"}, {Value: "Matters"}, {Value: "CoverageRate"}, {Value: "RiskFeedback"}, {Value: "用户注册数"}, {Value: "风险线索反馈率"}}})
	// 2022Q2: give 县发改局 a value, so that it had a rank then.
	u := q2.Unit("县发改局")
	v := u.Values["风险线索反馈率"]
	v.NA, v.Num = false, 0.5
	u.Values["风险线索反馈率"] = v
	res, err := metrics.Compute(def, q3, q2)
	if err != nil {
		t.Fatal(err)
	}
	return ranking(t, res, "risk")
}

// TestUnitsWithoutValueTakeNoRank: the 21 departments without a value take
// no rank and come last in sheet order; the two ranked share rank 1; a
// unit that had a rank last period and has none now keeps its PrevRank
// but no Change.
func TestUnitsWithoutValueTakeNoRank(t *testing.T) {
	rk := riskRanking(t, "")
	if len(rk.Rows) != 23 || len(rk.Unranked) != 21 {
		t.Fatalf("%d rows, %d unranked; want 23 and 21", len(rk.Rows), len(rk.Unranked))
	}
	for i, r := range rk.Rows {
		if i < 2 && (r.Rank != 1 || !r.Tied || !r.Ranked()) {
			t.Errorf("row %d %s: rank %d tied %v, want 并列1", i, r.Unit, r.Rank, r.Tied)
		}
		if i >= 2 && (r.Rank != 0 || r.Tied || r.Ranked() || r.Change != 0 || r.Unit != rk.Unranked[i-2]) {
			t.Errorf("row %d %+v: want no rank, in sheet order (%s)", i, r, rk.Unranked[i-2])
		}
	}
	if r := row(t, rk, "县发改局"); r.PrevRank != 3 || r.Change != 0 {
		t.Errorf("县发改局 (50%% last period, / now): PrevRank %d Change %d, want 3 (1, 1, 3) and 0", r.PrevRank, r.Change)
	}
	// The two ranked units were ranked 1 (tied) last period too, the
	// unit without a value now ranked 2nd behind them: no change.
	if r := row(t, rk, "县卫生健康局"); r.PrevRank != 1 || r.Change != 0 {
		t.Errorf("县卫生健康局: PrevRank %d Change %d", r.PrevRank, r.Change)
	}
	if strings.Join(rk.Unranked[:2], "、") != "县发改局、县教育局" {
		t.Errorf("Unranked = %v", rk.Unranked)
	}
}

// TestRankingTotalRow: 合计 by each column's rule, over the rows listed.
func TestRankingTotalRow(t *testing.T) {
	for _, tt := range []struct {
		unranked string
		want     []float64 // NaN: not applicable
	}{
		// Σ覆盖 206, Σ事项 790, 206/790, RiskFeedback total: mean,
		// Σ用户注册数 1512, a rate column: none.
		{"last", []float64{206, 790, 206.0 / 790, 1, 1512, math.NaN()}},
		// Only 县卫生健康局 (4/35, 38 users) and 县应急管理局 (3/14, 28).
		{"omit", []float64{7, 49, 7.0 / 49, 1, 66, math.NaN()}},
	} {
		rk := riskRanking(t, tt.unranked)
		if rk.Total == nil || rk.Total.Label != "合计" || len(rk.Total.Cells) != len(tt.want) {
			t.Fatalf("unranked: %s: Total = %+v", tt.unranked, rk.Total)
		}
		for i, w := range tt.want {
			got := rk.Total.Cells[i]
			if math.IsNaN(w) != got.NA || (!got.NA && math.Abs(got.V-w) > 1e-9) {
				t.Errorf("unranked: %s: 合计 column %d = %+v, want %v", tt.unranked, i, got, w)
			}
		}
		if tt.unranked == "omit" && len(rk.Rows) != 2 {
			t.Errorf("unranked: omit: %d rows, want 2", len(rk.Rows))
		}
	}
}

// TestMetUnits: Met and NotMet count the units MetUnits and NotMetUnits
// name (docs/template-data.md: 2022Q2 ClaimRate, 13 and 9).
func TestMetUnits(t *testing.T) {
	def, _, q2 := sample(t)
	res, err := metrics.Compute(def, q2, nil)
	if err != nil {
		t.Fatal(err)
	}
	ind, _ := res.Ind("ClaimRate")
	if ind.Met != 13 || ind.NotMet != 9 || len(ind.MetUnits) != 13 || len(ind.NotMetUnits) != 9 ||
		strings.Join(ind.NotMetUnits[:3], "、") != "县公安局、县自然资源局、交通运输和旅游" {
		t.Errorf("Met %d %v, NotMet %d %v", ind.Met, ind.MetUnits, ind.NotMet, ind.NotMetUnits)
	}
}
