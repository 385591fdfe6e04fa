package wording_test

import (
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

func TestNumeral(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "零"}, {1, "一"}, {2, "二"}, {9, "九"}, {10, "十"}, {11, "十一"}, {19, "十九"},
		{20, "二十"}, {21, "二十一"}, {99, "九十九"}, {100, "一百"}, {101, "一百零一"},
		{110, "一百一十"}, {1010, "一千零一十"}, {2022, "二千零二十二"}, {10000, "一万"},
		{10010, "一万零一十"}, {-3, "负三"},
	}
	for _, tt := range tests {
		if got := wording.Numeral(tt.n); got != tt.want {
			t.Errorf("Numeral(%d) = %s, want %s", tt.n, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"no leading zeros", time.Date(2022, 11, 4, 9, 0, 0, 0, time.UTC), "2022年11月4日"},
		{"single digits", time.Date(2023, 1, 9, 0, 0, 0, 0, time.UTC), "2023年1月9日"},
		{"year end", time.Date(2022, 12, 31, 23, 59, 0, 0, time.UTC), "2022年12月31日"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wording.Date(tt.t)
			if got != tt.want {
				t.Errorf("Date = %s, want %s", got, tt.want)
			}
			back, err := wording.ParseDate(got, time.UTC)
			if err != nil || wording.Date(back) != got {
				t.Errorf("ParseDate(%s) = %v, %v", got, back, err)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, s := range []string{"2022年13月1日", "11月4日", "2022/11/04", "2022年2月30日"} {
		if _, err := wording.ParseDate(s, time.UTC); err == nil {
			t.Errorf("ParseDate(%q): no error", s)
		}
	}
	if d, err := wording.ParseDate("2022-10-18", time.UTC); err != nil || wording.Date(d) != "2022年10月18日" {
		t.Errorf("ParseDate(2022-10-18) = %v, %v", d, err)
	}
}

func TestPeriodWords(t *testing.T) {
	q3 := report.Period{Year: 2022, Quarter: 3}
	tests := []struct {
		name, got, want string
	}{
		{"label", wording.PeriodLabel(q3), "2022年第三季度"},
		{"name", wording.QuarterName(q3), "三季度"},
		{"ordinal", wording.QuarterOrdinal(q3), "第三季度"},
		{"label Q1", wording.PeriodLabel(report.Period{Year: 2023, Quarter: 1}), "2023年第一季度"},
		{"previous quarter", wording.PrevWord(q3, report.Period{Year: 2022, Quarter: 2}), "上季度"},
		{"across a year", wording.PrevWord(report.Period{Year: 2023, Quarter: 1}, report.Period{Year: 2022, Quarter: 4}), "上季度"},
		{"gap named in full", wording.PrevWord(q3, report.Period{Year: 2022, Quarter: 1}), "2022年第一季度"},
		{"year bracket", wording.YearBracket(2022), "〔2022〕"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		prec int
		want string
	}{
		{"two decimals", 0.9981, 2, "99.81%"},
		{"exactly 100%", 1, 2, "100%"},
		{"zero", 0, 2, "0%"},
		{"trailing zeros kept", 0.75, 2, "75.00%"},
		{"never rounds up to 100%", 0.99999, 2, "99.99%"},
		{"never rounds down to 0%", 0.00001, 2, "0.01%"},
		{"no decimals", 0.1732, 0, "17%"},
		{"rounding", 0.173249, 2, "17.32%"},
		{"one decimal", 0.0944, 1, "9.4%"},
		{"over 100%", 1.25, 2, "125.00%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wording.Percent(tt.v, tt.prec); got != tt.want {
				t.Errorf("Percent(%v, %d) = %s, want %s", tt.v, tt.prec, got, tt.want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		v    float64
		prec int
		want string
	}{
		{7740, 0, "7740"}, {0, 0, "0"}, {-0.0001, 2, "0.00"}, {3.456, 1, "3.5"}, {15, 2, "15.00"},
	}
	for _, tt := range tests {
		if got := wording.Number(tt.v, tt.prec); got != tt.want {
			t.Errorf("Number(%v, %d) = %s, want %s", tt.v, tt.prec, got, tt.want)
		}
	}
}

func TestChanges(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"points up", wording.PointsChange(0.0032, 2, "上季度"), "较上季度上升0.32个百分点"},
		{"points down", wording.PointsChange(-0.05, 2, "上季度"), "较上季度下降5个百分点"},
		{"points unchanged", wording.PointsChange(0, 2, "上季度"), "与上季度持平"},
		{"points rounding to zero", wording.PointsChange(0.00001, 2, "上季度"), "与上季度持平"},
		{"points from 100%", wording.PointsChange(-0.0019, 2, "上季度"), "较上季度下降0.19个百分点"},
		{"points against a gap", wording.PointsChange(0.01, 2, "2022年第一季度"), "较2022年第一季度上升1个百分点"},
		{"count up", wording.CountChange(15, 0, "人", "上季度"), "较上季度增加15人"},
		{"count down", wording.CountChange(-3, 0, "项", "上季度"), "较上季度减少3项"},
		{"count unchanged", wording.CountChange(0, 0, "项", "上季度"), "与上季度持平"},
		{"count without measure word", wording.CountChange(2, 0, "", "上季度"), "较上季度增加2"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestNamesAndGroups(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"names", wording.Names([]string{"县教育局", "县公安局", "县民政局"}), "县教育局、县公安局、县民政局"},
		{"single name", wording.Names([]string{"县教育局"}), "县教育局"},
		{"no names", wording.Names(nil), ""},
		{"groups as in the city notice", wording.Grouped([]wording.Group{
			{Value: 3, Units: []string{"衡阳县司法局", "祁东县司法局"}},
			{Value: 2, Units: []string{"衡南县市场监督管理局", "雁峰区司法局"}},
			{Value: 1, Units: []string{"蒸湘区市场监督管理局"}},
		}, "项未梳理"), "衡阳县司法局、祁东县司法局各3项未梳理，衡南县市场监督管理局、雁峰区司法局各2项未梳理，蒸湘区市场监督管理局1项未梳理"},
		{"single group single name", wording.Grouped([]wording.Group{{Value: 25, Units: []string{"县市场监督管理局"}}}, "项待完善"), "县市场监督管理局25项待完善"},
		{"empty groups skipped", wording.Grouped([]wording.Group{{Value: 2}, {Value: 1, Units: []string{"甲"}}}, "项"), "甲1项"},
		{"no groups", wording.Grouped(nil, "项"), ""},
		{"fractional value", wording.Grouped([]wording.Group{{Value: 2.5, Units: []string{"甲", "乙"}}}, "分"), "甲、乙各2.5分"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestRankWords(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"up", wording.RankPhrase(3, false, 2, 5, true, "上季度"), "排名第3位，较上季度上升2位"},
		{"down", wording.RankPhrase(4, false, -1, 3, true, "上季度"), "排名第4位，较上季度下降1位"},
		{"unchanged", wording.RankPhrase(23, false, 0, 23, true, "上季度"), "排名第23位，与上季度持平"},
		{"tie", wording.RankPhrase(1, true, 0, 1, true, "上季度"), "并列第1位，与上季度持平"},
		{"new unit", wording.RankPhrase(7, false, 0, 0, true, "上季度"), "排名第7位，上季度未参与排名"},
		{"no previous period", wording.RankPhrase(2, false, 1, 3, false, "上季度"), "排名第2位"},
		{"cell", wording.RankCell(2, false), "2"},
		{"tied cell", wording.RankCell(2, true), "并列2"},
		{"change up", wording.RankChangeCell(2, 6), "↑2"},
		{"change down", wording.RankChangeCell(-1, 4), "↓1"},
		{"change none", wording.RankChangeCell(0, 4), "—"},
		{"change new", wording.RankChangeCell(0, 0), "新增"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestUnitWord(t *testing.T) {
	for unit, want := range map[string]string{"person": "人", "item": "项", "count": "个", "percent": "", "": ""} {
		if got := wording.UnitWord(unit); got != want {
			t.Errorf("UnitWord(%q) = %q, want %q", unit, got, want)
		}
	}
}

func TestPeriodKindsWording(t *testing.T) {
	p := func(s string) report.Period {
		q, err := report.ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	for _, tt := range []struct{ name, got, want string }{
		{"month", wording.PeriodLabel(p("2022-10")), "2022年10月"},
		{"month name", wording.QuarterName(p("2022-10")), "10月"},
		{"half", wording.PeriodLabel(p("2022H1")), "2022年上半年"},
		{"second half", wording.PeriodLabel(p("2022H2")), "2022年下半年"},
		{"year", wording.PeriodLabel(p("2022")), "2022年度"},
		{"as of", wording.PeriodLabel(p("2021-11-04")), "截至2021年11月4日"},
		{"as of name", wording.QuarterOrdinal(p("2021-11-04")), "11月4日"},
		{"previous month", wording.PrevWord(p("2023-01"), p("2022-12")), "上月"},
		{"month gap", wording.PrevWord(p("2023-01"), p("2022-11")), "2022年11月"},
		{"previous half", wording.PrevWord(p("2022H2"), p("2022H1")), "上半年"},
		{"first half against last year's second", wording.PrevWord(p("2022H1"), p("2021H2")), "2021年下半年"},
		{"previous year", wording.PrevWord(p("2022"), p("2021")), "上年"},
		{"previous notice", wording.PrevWord(p("2021-11-04"), p("2021-10-20")), "上次通报"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
