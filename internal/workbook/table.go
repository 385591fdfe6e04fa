package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// The words of a ranking table (headers, ties, rank changes, "/") are
// internal/wording's, the same as the PDF's attachment tables. A tied rank
// keeps its number and is shown as 并列3 by the cell's number format.

// colKind is what a sheet column holds.
type colKind int

const (
	colRank colKind = iota
	colUnit
	colValue
	colChange
)

// column is one column of a sheet.
type column struct {
	kind   colKind
	header string
	group  string             // group header above header; "" for none
	ind    *metrics.Indicator // colValue only; nil for a plain number
	width  float64            // display width of the widest content
}

// table is one ranking ready to be written: its title, its columns with
// the width of their widest content, and where the fixed columns are.
type table struct {
	title    string
	subtitle string
	cols     []column
	grouped  bool // two header rows
	ranking  *metrics.Ranking
	ranked   bool // ordered by an indicator: 排名 from the ranking, else 序号 1…n
	change   bool // show the 排名变化 column (show_change and a previous period)
	unitCol  int  // index of the 单位 column in cols
	valueCol int  // index of the first ranking column in cols
}

// newTable lays out r and checks that every row has one cell per column.
func newTable(r *metrics.Ranking, opts report.Ranking, res *metrics.Result) (*table, error) {
	t := &table{
		title:   r.Title,
		ranking: r,
		change:  opts.ShowChange && res.HasPrev,
	}
	if t.title == "" {
		t.title = r.ID
	}
	if res.AsOf != nil {
		t.subtitle = wording.AsOf(*res.AsOf)
	}
	t.ranked = opts.By != ""
	rankHeader := wording.HeaderSeq
	if t.ranked {
		rankHeader = wording.HeaderRank
	}
	t.cols = append(t.cols, column{kind: colRank, header: rankHeader})
	t.unitCol = len(t.cols)
	t.cols = append(t.cols, column{kind: colUnit, header: wording.HeaderUnit})
	t.valueCol = len(t.cols)
	for _, c := range r.Columns {
		h := c.Header
		if h == "" && c.Indicator != nil {
			h = c.Indicator.Name
		}
		if h == "" {
			h = c.ID
		}
		ind := c.Indicator
		if ind == nil && c.Percent {
			// A snapshot rate column: its fractions show as percents.
			ind = &metrics.Indicator{Name: h, Percent: true, Precision: c.Precision}
		}
		t.cols = append(t.cols, column{kind: colValue, header: h, group: c.Group, ind: ind})
		if c.Group != "" {
			t.grouped = true
		}
	}
	if t.change {
		t.cols = append(t.cols, column{kind: colChange, header: wording.HeaderRankChange})
	}
	for i := range t.cols {
		t.cols[i].width = textWidth(t.cols[i].header)
	}
	for _, row := range r.Rows {
		if len(row.Cells) != len(r.Columns) {
			return nil, fmt.Errorf("排名表 %q 的单位 %q 有 %d 个数值，应与列数 %d 相同", r.Title, row.Unit, len(row.Cells), len(r.Columns))
		}
		t.fit(0, rankText(row))
		t.fit(t.unitCol, row.Unit)
		for j, v := range row.Cells {
			if !v.NA && (math.IsNaN(v.V) || math.IsInf(v.V, 0)) {
				return nil, fmt.Errorf("排名表 %q 的单位 %q 在“%s”列的数值无效（%v）", r.Title, row.Unit, t.cols[t.valueCol+j].header, v.V)
			}
			c := &t.cols[t.valueCol+j]
			c.width = max(c.width, textWidth(valueText(v, c.ind)))
		}
		if t.change {
			t.fit(len(t.cols)-1, wording.RankChange(row))
		}
	}
	if tot := r.Total; tot != nil {
		if len(tot.Cells) != len(r.Columns) {
			return nil, fmt.Errorf("排名表 %q 的%s行有 %d 个数值，应与列数 %d 相同", r.Title, tot.Label, len(tot.Cells), len(r.Columns))
		}
		t.fit(t.unitCol, tot.Label)
		for j, v := range tot.Cells {
			if !v.NA && (math.IsNaN(v.V) || math.IsInf(v.V, 0)) {
				return nil, fmt.Errorf("排名表 %q 的%s行在“%s”列的数值无效（%v）", r.Title, tot.Label, t.cols[t.valueCol+j].header, v.V)
			}
			c := &t.cols[t.valueCol+j]
			c.width = max(c.width, textWidth(valueText(v, c.ind)))
		}
	}
	return t, nil
}

// fit widens column i to hold s.
func (t *table) fit(i int, s string) {
	t.cols[i].width = max(t.cols[i].width, textWidth(s))
}

// rankText is the rank as shown: 3, or 并列3 when tied.
func rankText(row metrics.RankRow) string { return wording.RankCell(row.Rank, row.Tied) }

// precision is the number of decimals an indicator's figures are shown
// with; a column without an indicator shows what it has, up to 2 decimals.
func precision(ind *metrics.Indicator) int {
	if ind == nil {
		return 2
	}
	return max(ind.Precision, 0)
}

// valueText is v as its number format shows it (used to fit widths only:
// the cell holds the number).
func valueText(v metrics.Value, ind *metrics.Indicator) string {
	if v.NA {
		return wording.NotApplicable
	}
	p := precision(ind)
	if ind != nil && ind.Percent {
		return strconv.FormatFloat(v.V*100, 'f', p, 64) + "%"
	}
	if ind == nil {
		return strconv.FormatFloat(v.V, 'f', -1, 64)
	}
	return strconv.FormatFloat(v.V, 'f', p, 64)
}

// numFmt is the Excel number format for an indicator: 0.00% for a rate
// with precision 2, 0.0 for a number with precision 1, General for a
// column without an indicator.
func numFmt(ind *metrics.Indicator) string {
	if ind == nil {
		return "General"
	}
	f := "0"
	if p := precision(ind); p > 0 {
		f += "." + strings.Repeat("0", p)
	}
	if ind.Percent {
		f += "%"
	}
	return f
}
