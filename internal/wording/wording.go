package wording

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// This file holds numerals, figures, changes, dates and periods; rank.go
// holds ranks and rank changes. Each is tested on its edge cases in
// wording_test.go: zero, 100%, not applicable, ties, a single name and no
// change.

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// Numeral writes n in Chinese numerals as used for headings and counts in
// running text: 1 一, 10 十, 11 十一, 20 二十, 101 一百零一, 1010 一千零一十.
// Numbers from 10 to 19 drop the leading 一 (十一, not 一十一) as headings
// do. n must be below 100000000.
func Numeral(n int) string {
	if n < 0 {
		return "负" + Numeral(-n)
	}
	if n < 10 {
		return digits[n]
	}
	if n >= 10000 {
		hi, lo := n/10000, n%10000
		s := Numeral(hi) + "万"
		if lo == 0 {
			return s
		}
		if lo < 1000 {
			s += "零"
		}
		return s + numeralBelow(lo, true)
	}
	s := numeralBelow(n, false)
	return s
}

// numeralBelow writes 0 < n < 10000. full keeps the 一 of 一十 (inside a
// larger number: 一万零一十).
func numeralBelow(n int, full bool) string {
	units := []string{"千", "百", "十", ""}
	div := []int{1000, 100, 10, 1}
	var b strings.Builder
	started, zero := false, false
	for i, d := range div {
		q := n / d % 10
		if q == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		if !(q == 1 && d == 10 && !started && !full) {
			b.WriteString(digits[q])
		}
		b.WriteString(units[i])
		started = true
	}
	return b.String()
}

// Date writes a date as GB/T 9704 §7.3.5 asks for the 成文日期: Arabic
// numerals, full year, no leading zeros: 2022年11月4日.
func Date(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// MonthDay writes a date within the year of the notice, as running text
// gives a deadline: 11月15日.
func MonthDay(t time.Time) string { return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day()) }

// ParseDate reads a date written as Date writes it (2022年11月4日), or as
// 2022-11-04, in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%d年%d月%d日", &y, &m, &d); err != nil {
		if _, err := fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d); err != nil {
			return time.Time{}, fmt.Errorf("日期 %q 格式不对：应为 2022年11月4日", s)
		}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("日期 %q 不存在", s)
	}
	return t, nil
}

// PeriodLabel names a period in full, by its kind: 2022年第三季度,
// 2022年10月, 2022年上半年, 2022年度, 截至2021年11月4日.
func PeriodLabel(p report.Period) string {
	switch p.Kind {
	case report.Month:
		return fmt.Sprintf("%d年%d月", p.Year, p.Month)
	case report.Half:
		return fmt.Sprintf("%d年%s", p.Year, periodName(p))
	case report.Year:
		return fmt.Sprintf("%d年度", p.Year)
	case report.AsOf:
		return fmt.Sprintf("截至%d年%d月%d日", p.Year, p.Month, p.Day)
	}
	return fmt.Sprintf("%d年%s", p.Year, QuarterOrdinal(p))
}

// QuarterOrdinal names a period's quarter: 第三季度; for other kinds it is
// QuarterName.
func QuarterOrdinal(p report.Period) string {
	if p.Kind != report.Quarter {
		return QuarterName(p)
	}
	return "第" + QuarterName(p)
}

// QuarterName names a period the short way, without its year: 三季度,
// 10月, 上半年, 全年, 11月4日.
func QuarterName(p report.Period) string {
	if p.Kind != report.Quarter {
		return periodName(p)
	}
	return Numeral(p.Quarter) + "季度"
}

func periodName(p report.Period) string {
	switch p.Kind {
	case report.Month:
		return fmt.Sprintf("%d月", p.Month)
	case report.Half:
		if p.Half == 1 {
			return "上半年"
		}
		return "下半年"
	case report.Year:
		return "全年"
	case report.AsOf:
		return fmt.Sprintf("%d月%d日", p.Month, p.Day)
	}
	return QuarterName(p)
}

// PrevWord is how running text names the period compared against: 上季度,
// 上月, 上年 (上半年 for the second half against the first) when prev is
// the period just before cur, else prev's full label (2022年第一季度) so
// that a gap in the archive is never hidden. An as-of notice compares
// with the previous one issued: 上次通报.
func PrevWord(cur, prev report.Period) string {
	if cur.Kind == report.AsOf && prev.Kind == report.AsOf && prev.Before(cur) {
		return "上次通报"
	}
	if prev == cur.Prev() {
		switch cur.Kind {
		case report.Quarter:
			return "上季度"
		case report.Month:
			return "上月"
		case report.Year:
			return "上年"
		case report.Half:
			if cur.Half == 2 {
				return "上半年"
			}
		}
	}
	return PeriodLabel(prev)
}

// YearAgoWord names the same period a year earlier in running text (同比):
// 上年同期.
const YearAgoWord = "上年同期"

// YearBracket writes the year of a 发文字号 in 六角括号 (GB/T 9704 §7.2.4):
// 〔2022〕.
func YearBracket(year int) string { return fmt.Sprintf("〔%d〕", year) }

// Percent writes a fraction as a percent with prec decimals: 0.9981 → 99.81%.
// Exactly 1 is 100% and exactly 0 is 0%, without decimals, as the platform's
// tables print them. A value that is not exactly 1 never rounds up to 100%
// (0.99999 → 99.99%) and one that is not exactly 0 never rounds down to 0%,
// so that a unit that is not done never reads as done.
func Percent(v float64, prec int) string {
	const eps = 1e-12
	switch {
	case math.Abs(v-1) < eps:
		return "100%"
	case math.Abs(v) < eps:
		return "0%"
	}
	p := v * 100
	step := math.Pow(10, -float64(prec))
	r := roundTo(p, prec)
	if r >= 100 && v < 1 {
		r = 100 - step
	}
	if r == 0 {
		r = math.Copysign(step, v)
	}
	return strconv.FormatFloat(r, 'f', prec, 64) + "%"
}

// Number writes a count or measure with prec decimals: 7740, 3.5.
func Number(v float64, prec int) string {
	r := roundTo(v, prec)
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', prec, 64)
}

// Plain writes v with as few decimals as it needs (at most 4): 3, 2.5.
func Plain(v float64) string {
	return strconv.FormatFloat(roundTo(v, 4), 'f', -1, 64)
}

func roundTo(v float64, prec int) float64 {
	m := math.Pow(10, float64(prec))
	return math.Round(v*m) / m
}

// UnitWord is the measure word that follows a count of the given indicator
// unit: person 人, item 项, count 个; empty for percents and plain numbers.
func UnitWord(unit string) string {
	switch unit {
	case "person":
		return "人"
	case "item":
		return "项"
	case "count":
		return "个"
	}
	return ""
}

// PointsChange words the change of a rate against the previous period, d
// being in fractions (0.0032 = 0.32 个百分点), rounded to prec decimals with
// trailing zeros dropped: 较上季度上升0.32个百分点, 较上季度下降5个百分点,
// 与上季度持平 (also when the change rounds to zero). since is the period
// compared against (上季度).
func PointsChange(d float64, prec int, since string) string {
	r := roundTo(d*100, prec)
	switch {
	case r > 0:
		return fmt.Sprintf("较%s上升%s个百分点", since, Plain(r))
	case r < 0:
		return fmt.Sprintf("较%s下降%s个百分点", since, Plain(-r))
	}
	return "与" + since + "持平"
}

// CountChange words the change of a count: 较上季度增加15人, 较上季度减少3项,
// 与上季度持平. word is the measure word (人, 项; may be empty).
func CountChange(d float64, prec int, word, since string) string {
	r := roundTo(d, prec)
	switch {
	case r > 0:
		return fmt.Sprintf("较%s增加%s%s", since, Number(r, prec), word)
	case r < 0:
		return fmt.Sprintf("较%s减少%s%s", since, Number(-r, prec), word)
	}
	return "与" + since + "持平"
}

// Names joins names with the enumeration comma: 甲、乙、丙. One name is
// itself; none is "".
func Names(names []string) string { return strings.Join(names, "、") }

// Grouped words units grouped by a shared number, largest group value
// first as given: with tail 项未梳理,
//
//	衡阳县司法局、祁东县司法局各3项未梳理，蒸湘区市场监督管理局1项未梳理
//
// A group of several names takes 各; a single name does not. Groups with
// no units are skipped; numbers are written with as few decimals as needed.
func Grouped(groups []Group, tail string) string {
	var parts []string
	for _, g := range groups {
		switch len(g.Units) {
		case 0:
			continue
		case 1:
			parts = append(parts, g.Units[0]+Plain(g.Value)+tail)
		default:
			parts = append(parts, Names(g.Units)+"各"+Plain(g.Value)+tail)
		}
	}
	return strings.Join(parts, "，")
}

// Group is units that share one value, for Grouped.
type Group struct {
	Value float64
	Units []string
}

// AttachmentLabel marks the i-th (0-based) of a notice's n attachments on
// its first page: 附件 when it is the only one, else 附件1, 附件2….
func AttachmentLabel(n, i int) string {
	if n == 1 {
		return "附件"
	}
	return "附件" + strconv.Itoa(i+1)
}
