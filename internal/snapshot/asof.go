package snapshot

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// asOfLabel marks the row stating the snapshot's date: 统计截止时间：….
var asOfLabel = regexp.MustCompile(`截[止至]|统计时间|数据时间`)

// dateText finds a date written as 2022年11月3日, 2022-11-03, 2022/11/3 or
// 2022.11.3.
var dateText = regexp.MustCompile(`((?:19|20)\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})`)

// findAsOf reads the 统计截止时间 from the rows above the header: the date
// in the labelled cell, or in the next cell of its row (a date cell shown
// as text, or an Excel serial day number). The date is midnight UTC of
// the day stated; nil when none is stated.
func findAsOf(rows [][]cellIn) *time.Time {
	for _, cells := range rows {
		for i, c := range cells {
			s := fold(c.Text)
			if !asOfLabel.MatchString(s) {
				continue
			}
			if d, ok := parseDate(s); ok {
				return &d
			}
			for _, next := range cells[i+1:] {
				if strings.TrimSpace(next.Text) == "" {
					continue
				}
				if d, ok := parseDate(fold(next.Text)); ok {
					return &d
				}
				raw := next.Raw
				if raw == "" {
					raw = next.Text
				}
				if serial, err := strconv.ParseFloat(strings.TrimSpace(raw), 64); err == nil && serial > 20000 && serial < 80000 {
					// Excel's day 0 is 1899-12-30 (the 1900 leap-year bug).
					d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial))
					return &d
				}
				break
			}
		}
	}
	return nil
}

func parseDate(s string) (time.Time, bool) {
	m := dateText.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || d < 1 || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
