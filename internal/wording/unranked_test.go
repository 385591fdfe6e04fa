package wording_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// TestUnranked: a unit without a rank is never written as rank 0.
func TestUnranked(t *testing.T) {
	if got := wording.RankCell(0, false); got != "/" {
		t.Errorf("RankCell(0) = %q, want /", got)
	}
	for _, tt := range []struct {
		row  metrics.RankRow
		want string
	}{
		{metrics.RankRow{Rank: 3, PrevRank: 5, Change: 2}, "↑2"},
		{metrics.RankRow{Rank: 3, PrevRank: 3}, "—"},
		{metrics.RankRow{Rank: 3, New: true}, "新增"},
		{metrics.RankRow{Rank: 0, New: true}, "新增"},
		// Had no value last period: not new, no change to tell.
		{metrics.RankRow{Rank: 3}, "/"},
		// Has none now.
		{metrics.RankRow{Rank: 0, PrevRank: 2}, "/"},
	} {
		if got := wording.RankChange(tt.row); got != tt.want {
			t.Errorf("RankChange(%+v) = %q, want %q", tt.row, got, tt.want)
		}
	}
	for _, tt := range []struct {
		rank, prev int
		hasPrev    bool
		want       string
	}{
		{0, 0, false, "未参与排名"},
		{0, 3, true, "未参与排名（上季度排名第3位）"},
		{0, 3, false, "未参与排名"},
		{2, 0, true, "排名第2位，上季度未参与排名"},
	} {
		if got := wording.RankPhrase(tt.rank, false, 0, tt.prev, tt.hasPrev, "上季度"); got != tt.want {
			t.Errorf("RankPhrase(%d, prev %d) = %q, want %q", tt.rank, tt.prev, got, tt.want)
		}
	}
}
