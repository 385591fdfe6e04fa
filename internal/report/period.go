package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind is the kind of a reporting period. The zero Kind is Quarter, so a
// Period written as {Year, Quarter} is a quarter, as it always was.
type Kind uint8

// The period kinds a report may declare (report.yaml period:).
const (
	// Quarter: 2022Q3.
	Quarter Kind = iota
	// Month: 2022-10.
	Month
	// Half is a half-year: 2022H1, 2022H2.
	Half
	// Year: 2022.
	Year
	// AsOf is a date the figures stand at (截至2021年11月4日): 2021-11-04.
	// Its Prev and Next are the calendar's neighbouring days; a notice
	// compares with the previous as-of date issued, which the pipeline
	// finds in the archive.
	AsOf
)

type kindInfo struct{ name, example, chinese string }

// kinds is what each kind is called and how its periods are written: its
// report.yaml name, an example period, and its name in messages.
var kinds = [...]kindInfo{
	Quarter: {"quarter", "2022Q3", "季度"},
	Month:   {"month", "2022-10", "月"},
	Half:    {"half", "2022H2", "半年"},
	Year:    {"year", "2022", "年"},
	AsOf:    {"asof", "2021-11-04", "截至日期"},
}

// info is k's row of kinds; a kind out of range reads as Quarter.
func (k Kind) info() kindInfo {
	if int(k) < len(kinds) {
		return kinds[k]
	}
	return kinds[Quarter]
}

// String is the name report.yaml uses: quarter, month, half, year, asof.
func (k Kind) String() string {
	if int(k) < len(kinds) {
		return kinds[k].name
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Example is how a period of the kind is written: 2022Q3, 2022-10, 2022H2,
// 2022, 2021-11-04.
func (k Kind) Example() string { return k.info().example }

// ParseKind reads a kind's report.yaml name; "" is Quarter. "date" and
// "as_of" are accepted for asof.
func ParseKind(s string) (Kind, bool) {
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case "":
		return Quarter, true
	case "as_of", "date":
		return AsOf, true
	}
	for k, row := range kinds {
		if row.name == s {
			return Kind(k), true
		}
	}
	return Quarter, false
}

// Of returns the period of kind k that contains t (for AsOf, t's day).
func (k Kind) Of(t time.Time) Period {
	switch k {
	case Month:
		return Period{Kind: Month, Year: t.Year(), Month: int(t.Month())}
	case Half:
		return Period{Kind: Half, Year: t.Year(), Half: (int(t.Month())-1)/6 + 1}
	case Year:
		return Period{Kind: Year, Year: t.Year()}
	case AsOf:
		return Period{Kind: AsOf, Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	}
	return Period{Year: t.Year(), Quarter: (int(t.Month())-1)/3 + 1}
}

// Period is one reporting period of a kind. Only the fields of its kind
// are set (a month has Year and Month, a quarter Year and Quarter, an
// as-of date Year, Month and Day), so that two equal periods are == and a
// Period can key a map.
type Period struct {
	Kind    Kind
	Year    int
	Quarter int // 1..4, quarters
	Month   int // 1..12, months and as-of dates
	Half    int // 1..2, half-years
	Day     int // 1..31, as-of dates
}

// ParsePeriod reads a period in any kind's form: 2022Q3 (quarter, case
// insensitive), 2022-10 (month), 2022H2 (half), 2022 (year) or 2021-11-04
// (as-of date).
func ParsePeriod(s string) (Period, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	bad := fmt.Errorf("期次 %q 格式不对：应为 2022Q3 这样的年份加季度（或 2022-10 月、2022H2 半年、2022 年、2021-11-04 截至日期）", s)
	if len(t) < 4 {
		return Period{}, bad
	}
	y, err := strconv.Atoi(t[:4])
	if err != nil || y < 1900 || y > 9999 || t[0] == '+' || t[0] == '-' {
		return Period{}, bad
	}
	rest := t[4:]
	num := func(s string, lo, hi int) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && len(s) <= 2 && s[0] != '+' && s[0] != '-' && n >= lo && n <= hi
	}
	switch {
	case rest == "":
		return Period{Kind: Year, Year: y}, nil
	case len(rest) == 2 && rest[0] == 'Q':
		if q, ok := num(rest[1:], 1, 4); ok {
			return Period{Year: y, Quarter: q}, nil
		}
	case len(rest) == 2 && rest[0] == 'H':
		if h, ok := num(rest[1:], 1, 2); ok {
			return Period{Kind: Half, Year: y, Half: h}, nil
		}
	case len(rest) == 3 && rest[0] == '-':
		if m, ok := num(rest[1:], 1, 12); ok {
			return Period{Kind: Month, Year: y, Month: m}, nil
		}
	case len(rest) == 6 && rest[0] == '-' && rest[3] == '-':
		m, ok1 := num(rest[1:3], 1, 12)
		d, ok2 := num(rest[4:], 1, 31)
		if ok1 && ok2 && time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d {
			return Period{Kind: AsOf, Year: y, Month: m, Day: d}, nil
		}
	}
	return Period{}, bad
}

// ParsePeriodOf reads a period that must be of kind k; the error says the
// form expected.
func ParsePeriodOf(k Kind, s string) (Period, error) {
	p, err := ParsePeriod(s)
	if err == nil && p.Kind == k {
		return p, nil
	}
	return Period{}, fmt.Errorf("期次 %q 格式不对：本报告按%s通报，应为 %s 这样的写法", s, k.Chinese(), k.Example())
}

// Chinese names the kind for messages: 季度, 月, 半年, 年, 截至日期.
func (k Kind) Chinese() string { return k.info().chinese }

// String returns the canonical form, which names archive folders: 2022Q3,
// 2022-10, 2022H2, 2022, 2021-11-04.
func (p Period) String() string {
	switch p.Kind {
	case Month:
		return fmt.Sprintf("%d-%02d", p.Year, p.Month)
	case Half:
		return fmt.Sprintf("%dH%d", p.Year, p.Half)
	case Year:
		return strconv.Itoa(p.Year)
	case AsOf:
		return fmt.Sprintf("%d-%02d-%02d", p.Year, p.Month, p.Day)
	}
	return fmt.Sprintf("%dQ%d", p.Year, p.Quarter)
}

// IsZero reports whether p is the zero Period (no period).
func (p Period) IsZero() bool { return p.Year == 0 }

// Prev returns the period before p, of the same kind (for an as-of date,
// the day before).
func (p Period) Prev() Period { return p.Kind.Of(p.Start(time.UTC).Add(-time.Hour)) }

// Next returns the period after p, of the same kind.
func (p Period) Next() Period { return p.Kind.Of(p.End(time.UTC)) }

// YearAgo returns the same period a year earlier (同比): 2021-10 for
// 2022-10, 2021Q3 for 2022Q3; for an as-of date the same day a year
// earlier (28 February for a 29 February).
func (p Period) YearAgo() Period {
	q := p
	q.Year--
	if p.Kind == AsOf {
		return AsOf.Of(time.Date(q.Year, time.Month(q.Month), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, min(q.Day, daysIn(q.Year, q.Month))-1))
	}
	return q
}

func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// Before reports whether p starts before q.
func (p Period) Before(q Period) bool { return p.Start(time.UTC).Before(q.Start(time.UTC)) }

// Start returns the first instant of the period in loc.
func (p Period) Start(loc *time.Location) time.Time {
	switch p.Kind {
	case Month:
		return time.Date(p.Year, time.Month(p.Month), 1, 0, 0, 0, 0, loc)
	case Half:
		return time.Date(p.Year, time.Month(6*(p.Half-1)+1), 1, 0, 0, 0, 0, loc)
	case Year:
		return time.Date(p.Year, 1, 1, 0, 0, 0, 0, loc)
	case AsOf:
		return time.Date(p.Year, time.Month(p.Month), p.Day, 0, 0, 0, 0, loc)
	}
	return time.Date(p.Year, time.Month(3*(p.Quarter-1)+1), 1, 0, 0, 0, 0, loc)
}

// End returns the first instant after the period in loc.
func (p Period) End(loc *time.Location) time.Time {
	s := p.Start(loc)
	switch p.Kind {
	case Month:
		return s.AddDate(0, 1, 0)
	case Half:
		return s.AddDate(0, 6, 0)
	case Year:
		return s.AddDate(1, 0, 0)
	case AsOf:
		return s.AddDate(0, 0, 1)
	}
	return s.AddDate(0, 3, 0)
}

// PeriodOf returns the quarter that contains t (Kind.Of for other kinds).
func PeriodOf(t time.Time) Period { return Quarter.Of(t) }

// MarshalText implements encoding.TextMarshaler ("2022Q3").
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *Period) UnmarshalText(b []byte) error {
	q, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}
