package wording

import (
	"fmt"
	"strconv"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
)

// Words of a ranking table, the same in the PDF's attachments and in
// rankings.xlsx.
const (
	// HeaderSeq heads the first column of a ranking kept in the
	// snapshot's order (no by:): rows are numbered 1…n.
	HeaderSeq = "序号"
	// HeaderRank heads the first column of a ranking ordered by a value.
	HeaderRank = "排名"
	// HeaderUnit heads the unit column.
	HeaderUnit = "单位"
	// HeaderRankChange heads the rank-change column (show_change: true,
	// and only when the previous period is known).
	HeaderRankChange = "排名变化"
	// Tied is written before a rank that several units share: 并列3.
	Tied = "并列"
	// RankUp and RankDown are written before the number of places a
	// unit moved: ↑2, ↓1.
	RankUp, RankDown = "↑", "↓"
	// RankNew is the change of a unit that was not ranked last period.
	RankNew = "新增"
	// RankSame is the change of a unit whose rank did not move.
	RankSame = "—"
	// NotApplicable is a figure that does not apply (never 0).
	NotApplicable = "/"
	// Unranked is the rank of a unit whose ranked value does not apply,
	// and the rank change of a unit without a rank now or last period
	// (other than a new one): it takes no rank, never 0.
	Unranked = NotApplicable
	// NoRank words a unit without a rank in running text.
	NoRank = "未参与排名"
)

// AsOf is the subtitle of a ranking table whose figures are as of a date:
// 统计截止时间：2022年11月3日.
func AsOf(t time.Time) string { return "统计截止时间：" + Date(t) }

// RankPhrase words a unit's place in a ranking: 排名第3位, 并列第3位, and
// when the previous ranking is known (hasPrev) its change: 较上季度上升2位,
// 较上季度下降1位, 与上季度持平, or 上季度未参与排名 for a unit that is new
// (prevRank 0). change is positive when the unit moved up.
//
// A unit without a rank (rank 0: its value does not apply) is 未参与排名,
// with 上季度排名第3位 when it had one.
func RankPhrase(rank int, tied bool, change, prevRank int, hasPrev bool, since string) string {
	if rank <= 0 {
		if hasPrev && prevRank > 0 {
			return fmt.Sprintf("%s（%s排名第%d位）", NoRank, since, prevRank)
		}
		return NoRank
	}
	s := fmt.Sprintf("排名第%d位", rank)
	if tied {
		s = fmt.Sprintf("并列第%d位", rank)
	}
	if !hasPrev {
		return s
	}
	switch {
	case prevRank == 0:
		return s + "，" + since + "未参与排名"
	case change > 0:
		return fmt.Sprintf("%s，较%s上升%d位", s, since, change)
	case change < 0:
		return fmt.Sprintf("%s，较%s下降%d位", s, since, -change)
	}
	return s + "，与" + since + "持平"
}

// RankCell writes a rank for a table cell: 3, or 并列3 for a shared rank,
// Unranked (/) for a unit without one (rank 0). rankings.xlsx keeps the
// number in the cell and shows Tied by its number format, so that the
// column sorts.
func RankCell(rank int, tied bool) string {
	if rank <= 0 {
		return Unranked
	}
	if tied {
		return Tied + strconv.Itoa(rank)
	}
	return strconv.Itoa(rank)
}

// RankChange writes a ranking row's rank change for a table cell: ↑2, ↓1,
// — when unchanged, 新增 for a unit new this period, and Unranked (/) when
// the unit has no rank now or had none last period.
func RankChange(row metrics.RankRow) string {
	switch {
	case row.New:
		return RankNew
	case row.Rank <= 0 || row.PrevRank <= 0:
		return Unranked
	}
	return RankChangeCell(row.Change, row.PrevRank)
}

// RankChangeCell writes a rank change for a table cell: ↑2, ↓1, 新增 for a
// unit absent last period (prevRank 0), — when unchanged. RankChange
// tells a new unit from one that had no rank.
func RankChangeCell(change, prevRank int) string {
	switch {
	case prevRank == 0:
		return RankNew
	case change > 0:
		return RankUp + strconv.Itoa(change)
	case change < 0:
		return RankDown + strconv.Itoa(-change)
	}
	return RankSame
}

// Figure writes one of ind's values the way tables and text show it: a
// percent or a number with the indicator's precision, NotApplicable when
// the value does not apply. A column without an indicator (ind nil) shows
// its number with as few decimals as it needs.
func Figure(ind *metrics.Indicator, v metrics.Value) string {
	switch {
	case v.NA:
		return NotApplicable
	case ind == nil:
		return Plain(v.V)
	case IsPercent(ind):
		return Percent(v.V, ind.Precision)
	}
	return Number(v.V, ind.Precision)
}

// ColumnFigure writes a ranking column's value: as its indicator writes
// it, or for a snapshot column without one as the column says (a rate
// column: a percent with the column's precision, 0.9957 → 99.57%).
func ColumnFigure(c metrics.RankColumn, v metrics.Value) string {
	if c.Indicator == nil && c.Percent && !v.NA {
		return Percent(v.V, c.Precision)
	}
	return Figure(c.Indicator, v)
}

// IsPercent tells whether ind's figures are written as percents.
func IsPercent(ind *metrics.Indicator) bool { return ind.Percent || ind.Unit == "percent" }
