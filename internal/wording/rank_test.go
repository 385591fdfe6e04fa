package wording_test

import (
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

func TestFigure(t *testing.T) {
	rate := &metrics.Indicator{Percent: true, Precision: 2}
	unitPercent := &metrics.Indicator{Unit: "percent", Precision: 1}
	count := &metrics.Indicator{Unit: "person"}
	score := &metrics.Indicator{Precision: 1}
	tests := []struct {
		name string
		ind  *metrics.Indicator
		v    metrics.Value
		want string
	}{
		{"rate", rate, metrics.Value{V: 0.50633}, "50.63%"},
		{"rate done", rate, metrics.Value{V: 1}, "100%"},
		{"rate nearly done", rate, metrics.Value{V: 0.99999}, "99.99%"},
		{"rate zero", rate, metrics.Value{}, "0%"},
		{"unit percent", unitPercent, metrics.Value{V: 0.2}, "20.0%"},
		{"count", count, metrics.Value{V: 7740}, "7740"},
		{"score", score, metrics.Value{V: 86.25}, "86.3"},
		{"not applicable is never 0", rate, metrics.Value{NA: true}, "/"},
		{"no indicator", nil, metrics.Value{V: 2.5}, "2.5"},
		{"no indicator NA", nil, metrics.Value{NA: true}, "/"},
	}
	for _, tt := range tests {
		if got := wording.Figure(tt.ind, tt.v); got != tt.want {
			t.Errorf("%s: Figure = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The table words are the PDF's: the reference notice's 排名, 排名变化,
// 并列1 and —.
func TestTableWords(t *testing.T) {
	tests := []struct{ name, got, want string }{
		{"rank header", wording.HeaderRank, "排名"},
		{"sequence header", wording.HeaderSeq, "序号"},
		{"unit header", wording.HeaderUnit, "单位"},
		{"change header", wording.HeaderRankChange, "排名变化"},
		{"tied", wording.RankCell(1, true), "并列1"},
		{"unchanged", wording.RankChangeCell(0, 1), "—"},
		{"month and day", wording.MonthDay(time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)), "11月4日"},
		{"as of", wording.AsOf(time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)), "统计截止时间：2022年11月3日"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
