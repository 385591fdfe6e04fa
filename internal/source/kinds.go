package source

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// placeholders are what a file pattern, inbox or address may hold, with
// the regexp each matches when the files are listed. {{period}} is the
// period's canonical form (2022Q3, 2022-10, 2022H2, 2022, 2021-11-04).
var placeholders = []struct{ name, re string }{
	{"period", `(?i:\d{4}(?:Q[1-4]|H[12]|-\d\d(?:-\d\d)?)?)`},
	{"date", `\d{4}-\d\d-\d\d`},
	{"year", `\d{4}`},
	{"quarter", `[1-4]`},
	{"month", `\d{1,2}`},
	{"mm", `\d\d`},
	{"half", `[12]`},
}

// Expand replaces the placeholders in pattern for p: {{period}} (2022Q3,
// 2022-10, 2022H2, 2022 or 2021-11-04 by the period's kind), {{year}},
// {{quarter}} (3), {{month}} (9), {{mm}} (the month in two digits: 09),
// {{half}} (1 or 2) and
// {{date}} (2021-11-04, as-of dates).
func Expand(pattern string, p report.Period) string {
	date := ""
	if p.Kind == report.AsOf {
		date = p.String()
	}
	return strings.NewReplacer(
		"{{period}}", p.String(),
		"{{year}}", strconv.Itoa(p.Year),
		"{{quarter}}", strconv.Itoa(p.Quarter),
		"{{month}}", strconv.Itoa(p.Month),
		"{{mm}}", fmt.Sprintf("%02d", p.Month),
		"{{half}}", strconv.Itoa(p.Half),
		"{{date}}", date,
	).Replace(pattern)
}

// globOf turns a pattern into a glob listing every period's file.
func globOf(pattern string) string {
	for _, ph := range placeholders {
		pattern = strings.ReplaceAll(pattern, "{{"+ph.name+"}}", "*")
	}
	return pattern
}

// fieldsPeriod builds a period of kind k from the placeholders a file
// name matched (name → text); ok is false when they do not make one.
func fieldsPeriod(k report.Kind, fields map[string]string) (report.Period, bool) {
	if s, ok := fields["period"]; ok {
		p, err := report.ParsePeriodOf(k, s)
		return p, err == nil
	}
	if s, ok := fields["date"]; ok {
		p, err := report.ParsePeriodOf(k, s)
		return p, err == nil
	}
	y, err := strconv.Atoi(fields["year"])
	if err != nil {
		return report.Period{}, false
	}
	var s string
	switch k {
	case report.Quarter:
		s = fmt.Sprintf("%dQ%s", y, fields["quarter"])
	case report.Month:
		mm, ok := fields["month"]
		if !ok {
			mm = fields["mm"]
		}
		m, err := strconv.Atoi(mm)
		if err != nil {
			return report.Period{}, false
		}
		s = fmt.Sprintf("%d-%02d", y, m)
	case report.Half:
		s = fmt.Sprintf("%dH%s", y, fields["half"])
	case report.Year:
		s = strconv.Itoa(y)
	default:
		return report.Period{}, false
	}
	p, err := report.ParsePeriodOf(k, s)
	return p, err == nil
}

// enoughFor says whether a pattern using these placeholders names a
// period of kind k, and if not, what it should hold.
func enoughFor(k report.Kind, used map[string]bool) (string, bool) {
	if used["period"] {
		return "", true
	}
	switch k {
	case report.Quarter:
		return "{{period}}（或 {{year}} 与 {{quarter}}）", used["year"] && used["quarter"]
	case report.Month:
		return "{{period}}（或 {{year}} 与 {{month}}）", used["year"] && (used["month"] || used["mm"])
	case report.Half:
		return "{{period}}（或 {{year}} 与 {{half}}）", used["year"] && used["half"]
	case report.Year:
		return "{{period}}（或 {{year}}）", used["year"]
	}
	return "{{period}}（或 {{date}}）", used["date"]
}

// Names of periods in file names, by kind, beyond the canonical form.
var (
	namedMonth = regexp.MustCompile(`((?:19|20)\d\d)\s*(?:[-_.年]\s*)?(1[0-2]|0?[1-9])\s*月?(?:\D|$)`)
	namedHalf  = regexp.MustCompile(`(?i)((?:19|20)\d\d)\s*(?:[-_ ]?h([12])|年度?\s*([上下])半年)`)
	namedYear  = regexp.MustCompile(`((?:19|20)\d\d)`)
	namedDate  = regexp.MustCompile(`((?:19|20)\d\d)\s*[-_.年]?\s*(1[0-2]|0[1-9]|[1-9](?:[-_.月]))\s*[-_.月]?\s*(3[01]|[12]\d|0?[1-9])`)
)

// PeriodInName finds the period of kind k a file name states: for months
// 2022-10, 2022年10月, 202210; halves 2022H2, 2022年下半年; years 2022;
// as-of dates 2021-11-04, 2021年11月4日, 20211104. Quarters are
// periodInName's.
func PeriodInName(k report.Kind, name string) (report.Period, bool) {
	var s string
	switch k {
	case report.Quarter:
		return periodInName(name)
	case report.Month:
		m := namedMonth.FindStringSubmatch(name)
		if m == nil {
			return report.Period{}, false
		}
		mo, _ := strconv.Atoi(m[2])
		s = fmt.Sprintf("%s-%02d", m[1], mo)
	case report.Half:
		m := namedHalf.FindStringSubmatch(name)
		if m == nil {
			return report.Period{}, false
		}
		h := m[2]
		if h == "" {
			h = map[string]string{"上": "1", "下": "2"}[m[3]]
		}
		s = m[1] + "H" + h
	case report.Year:
		m := namedYear.FindStringSubmatch(name)
		if m == nil {
			return report.Period{}, false
		}
		s = m[1]
	case report.AsOf:
		m := namedDate.FindStringSubmatch(name)
		if m == nil {
			return report.Period{}, false
		}
		mo, _ := strconv.Atoi(strings.TrimRight(m[2], "-_.月"))
		d, _ := strconv.Atoi(m[3])
		s = fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
	}
	p, err := report.ParsePeriodOf(k, s)
	return p, err == nil
}

// exportedFor is the period of kind k an export made at mod is for, when
// its name does not say: exports are made from the last part of their
// period into the next one. A quarter's export is made from the first day
// of its last month to the first day of the next quarter's last month (one
// made in July is 2022Q2's), a month's from its 16th to the next month's
// 15th, a half-year's and a year's from their last month, an as-of
// export on its day.
func exportedFor(k report.Kind, mod time.Time) report.Period {
	switch k {
	case report.Month:
		return k.Of(mod.AddDate(0, 0, -15))
	case report.Half:
		return k.Of(mod.AddDate(0, -5, 0))
	case report.Year:
		return k.Of(mod.AddDate(0, -11, 0))
	case report.AsOf:
		return k.Of(mod)
	}
	return k.Of(mod.AddDate(0, -2, 0))
}
