package metrics_test

import (
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
)

func ranking(t *testing.T, r *metrics.Result, id string) *metrics.Ranking {
	t.Helper()
	rk, err := r.Ranking(id)
	if err != nil {
		t.Fatal(err)
	}
	return rk
}

func row(t *testing.T, rk *metrics.Ranking, unit string) metrics.RankRow {
	t.Helper()
	for _, r := range rk.Rows {
		if r.Unit == unit {
			return r
		}
	}
	t.Fatalf("ranking %s has no row for %s", rk.ID, unit)
	return metrics.RankRow{}
}

// TestCoverageRanking: three departments at 100% share rank 1 (并列), the
// next is 4th; rank changes against 2022Q2 worked out from the Q2 table
// (100%×3 → 1, 县人社局 80% 4, 县民政局 75% 5, 县医疗保障局 50% 6, 县教育局
// 44.44% 7, 委统一战线工作 43.75% 8, 县农业农村局 36% 9, 县住建局 26.58% 10…).
func TestCoverageRanking(t *testing.T) {
	r := compute(t)
	rk := ranking(t, r, "coverage")
	if !rk.ShowChange || rk.Indicator == nil || rk.Indicator.ID != "CoverageRate" {
		t.Errorf("ShowChange %v, Indicator %v", rk.ShowChange, rk.Indicator)
	}
	if len(rk.Rows) != 23 {
		t.Fatalf("%d rows, want 23", len(rk.Rows))
	}
	tests := []struct {
		unit             string
		rank             int
		tied             bool
		change, prevRank int
		new              bool
	}{
		{"县发改局", 1, true, 0, 1, false},
		{"县科技工信局", 1, true, 0, 1, false},
		{"县商务和粮食局", 1, true, 0, 1, false},
		{"委统一战线工作", 4, false, 4, 8, false}, // 43.75% → 81.25%
		{"县人社局", 5, false, -1, 4, false},
		{"县档案局", 7, false, 0, 0, true}, // 新增
		{"县住建局", 9, false, 1, 10, false},
		{"县水利局", 23, false, 0, 23, false},
	}
	for _, tt := range tests {
		got := row(t, rk, tt.unit)
		if got.Rank != tt.rank || got.Tied != tt.tied || got.Change != tt.change || got.PrevRank != tt.prevRank || got.New != tt.new {
			t.Errorf("%s: %+v, want rank %d tied %v change %d prev %d new %v", tt.unit, got, tt.rank, tt.tied, tt.change, tt.prevRank, tt.new)
		}
	}
	// Columns: Covered, Matters, CoverageRate, Officers, Activity.
	got := row(t, rk, "县教育局")
	if len(got.Cells) != 5 || got.Cells[0].V != 5 || got.Cells[1].V != 9 || !near(got.Cells[2].V, 5.0/9) || got.Cells[4].V != 0.8308 {
		t.Errorf("县教育局 cells = %+v", got.Cells)
	}
	if c := rk.Columns[2]; c.Header != "监管行为覆盖率" || !c.Percent || c.Precision != 2 {
		t.Errorf("column 3 = %+v, want the indicator's name, percent, 2 decimals", c)
	}
}

// TestProgressTable keeps the snapshot's order (no by).
func TestProgressTable(t *testing.T) {
	r := compute(t)
	rk := ranking(t, r, "progress")
	if rk.ShowChange != false || rk.Indicator != nil {
		t.Errorf("progress: ShowChange %v Indicator %v", rk.ShowChange, rk.Indicator)
	}
	for i, rw := range rk.Rows {
		if rw.Rank != i+1 || rw.Unit != r.Units[i].Name || rw.Tied {
			t.Fatalf("row %d = %+v, want rank %d %s", i, rw, i+1, r.Units[i].Name)
		}
	}
	if c := rk.Columns[2]; c.Header != "完成率" || c.Group != "目录清单梳理情况" {
		t.Errorf("column 3 = %+v", c)
	}
	if got := row(t, rk, "县发改局").Cells[2]; !got.NA {
		t.Errorf("县发改局 完成率 = %+v, want not applicable (0/0)", got)
	}
}

// TestNoPrevRanking: without a previous period there are no changes.
func TestNoPrevRanking(t *testing.T) {
	def, q3, _ := sample(t)
	r, err := metrics.Compute(def, q3, nil)
	if err != nil {
		t.Fatal(err)
	}
	rk := ranking(t, r, "coverage")
	if rk.ShowChange {
		t.Error("ShowChange without a previous period")
	}
	for _, rw := range rk.Rows {
		if rw.Change != 0 || rw.PrevRank != 0 || rw.New {
			t.Errorf("%+v: change without a previous period", rw)
		}
	}
	for _, u := range r.Units {
		if u.Prev != nil || len(u.Deltas) != 0 || u.New {
			t.Errorf("%s has comparisons without a previous period", u.Name)
		}
	}
}

func TestLookupErrors(t *testing.T) {
	r := compute(t)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"indicator", func() error { _, err := r.Ind("Nope"); return err }(),
			"没有名为 Nope 的指标; 可用: ClaimRate、Claimable、Claimed、Unclaimed、ImplRate、Pending、Detail、Officers、Collected、Timeliness、Covered、Matters、CoverageRate、OfficerRate、Accuracy、Registered、Activity、RiskFeedback、score"},
		{"ranking", func() error { _, err := r.Ranking("x"); return err }(), "没有名为 x 的排名表; 可用: progress、coverage"},
		{"unit", func() error { _, err := r.Unit("县扶贫办"); return err }(), "本期数据中没有单位 县扶贫办; 可用: " + strings.Join(unitNames(r), "、")},
	}
	for _, tt := range tests {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("%s: error %v, want %s", tt.name, tt.err, tt.want)
		}
	}
}

func unitNames(r *metrics.Result) []string {
	var names []string
	for _, u := range r.Units {
		names = append(names, u.Name)
	}
	return names
}
