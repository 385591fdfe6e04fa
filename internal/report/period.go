package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is one reporting period. Notices are issued per quarter today; the
// type keeps the kind so that monthly or yearly reports can be added without
// changing callers.
type Period struct {
	Year    int
	Quarter int // 1..4
}

// ParsePeriod reads the command-line form "2022Q3" (case-insensitive).
func ParsePeriod(s string) (Period, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	i := strings.IndexByte(t, 'Q')
	if i < 4 || i != len(t)-2 {
		return Period{}, fmt.Errorf("期次 %q 格式不对：应为 2022Q3 这样的年份加季度", s)
	}
	y, err := strconv.Atoi(t[:i])
	q := int(t[i+1] - '0')
	if err != nil || y < 1900 || y > 9999 || q < 1 || q > 4 {
		return Period{}, fmt.Errorf("期次 %q 格式不对：应为 2022Q3 这样的年份加季度", s)
	}
	return Period{Year: y, Quarter: q}, nil
}

// String returns the canonical form, "2022Q3"; it names archive folders.
func (p Period) String() string { return fmt.Sprintf("%dQ%d", p.Year, p.Quarter) }

// IsZero reports whether p is the zero Period (no period).
func (p Period) IsZero() bool { return p.Year == 0 }

// Prev returns the period before p.
func (p Period) Prev() Period {
	if p.Quarter == 1 {
		return Period{Year: p.Year - 1, Quarter: 4}
	}
	return Period{Year: p.Year, Quarter: p.Quarter - 1}
}

// Next returns the period after p.
func (p Period) Next() Period {
	if p.Quarter == 4 {
		return Period{Year: p.Year + 1, Quarter: 1}
	}
	return Period{Year: p.Year, Quarter: p.Quarter + 1}
}

// Before reports whether p comes before q.
func (p Period) Before(q Period) bool {
	return p.Year < q.Year || (p.Year == q.Year && p.Quarter < q.Quarter)
}

// Start returns the first day of the period in loc.
func (p Period) Start(loc *time.Location) time.Time {
	return time.Date(p.Year, time.Month(3*(p.Quarter-1)+1), 1, 0, 0, 0, 0, loc)
}

// End returns the first instant after the period in loc.
func (p Period) End(loc *time.Location) time.Time { return p.Next().Start(loc) }

// PeriodOf returns the period that contains t.
func PeriodOf(t time.Time) Period {
	return Period{Year: t.Year(), Quarter: (int(t.Month())-1)/3 + 1}
}

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
