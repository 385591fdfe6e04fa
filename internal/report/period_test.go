package report_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

func TestParsePeriod(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want report.Period
		ok   bool
	}{
		{"2022Q3", report.Period{Year: 2022, Quarter: 3}, true},
		{" 2022q1 ", report.Period{Year: 2022, Quarter: 1}, true},
		{"2022Q5", report.Period{}, false},
		{"2022Q0", report.Period{}, false},
		{"22Q3", report.Period{}, false},
		{"2022-Q3", report.Period{}, false},
		{"2022Q34", report.Period{}, false},
		{"1800Q1", report.Period{}, false},
		{"", report.Period{}, false},
	} {
		got, err := report.ParsePeriod(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePeriod(%q) = %v, %v", tt.in, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "应为 2022Q3") {
			t.Errorf("ParsePeriod(%q) error %q does not say what is expected", tt.in, err)
		}
	}
}

func TestPeriodArithmetic(t *testing.T) {
	q1 := report.Period{Year: 2023, Quarter: 1}
	q4 := report.Period{Year: 2022, Quarter: 4}
	q3 := report.Period{Year: 2022, Quarter: 3}
	if q1.Prev() != q4 || q4.Next() != q1 || q3.Next() != q4 || q4.Prev() != q3 {
		t.Error("Prev/Next across a year")
	}
	if !q3.Before(q4) || !q4.Before(q1) || q1.Before(q4) || q3.Before(q3) {
		t.Error("Before")
	}
	if q3.String() != "2022Q3" || !(report.Period{}).IsZero() || q3.IsZero() {
		t.Error("String/IsZero")
	}
	sh := time.FixedZone("CST", 8*3600)
	if s := q3.Start(sh); !s.Equal(time.Date(2022, 7, 1, 0, 0, 0, 0, sh)) {
		t.Errorf("Start = %v", s)
	}
	if e := q4.End(sh); !e.Equal(time.Date(2023, 1, 1, 0, 0, 0, 0, sh)) {
		t.Errorf("End = %v", e)
	}
	for m, q := range map[time.Month]int{1: 1, 3: 1, 4: 2, 6: 2, 7: 3, 9: 3, 10: 4, 12: 4} {
		if p := report.PeriodOf(time.Date(2022, m, 15, 0, 0, 0, 0, sh)); p != (report.Period{Year: 2022, Quarter: q}) {
			t.Errorf("PeriodOf(month %d) = %v", m, p)
		}
	}
}

func TestPeriodJSON(t *testing.T) {
	b, err := json.Marshal(map[string]report.Period{"p": {Year: 2022, Quarter: 3}})
	if err != nil || string(b) != `{"p":"2022Q3"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back map[string]report.Period
	if err := json.Unmarshal(b, &back); err != nil || back["p"] != (report.Period{Year: 2022, Quarter: 3}) {
		t.Fatalf("Unmarshal = %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"p":"2022Q9"}`), &back); err == nil {
		t.Error("2022Q9 accepted")
	}
}

func TestPeriodKinds(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	for _, tt := range []struct {
		in               string
		kind             report.Kind
		prev, next, yago string
		start, end       time.Time
	}{
		{"2022-10", report.Month, "2022-09", "2022-11", "2021-10", time.Date(2022, 10, 1, 0, 0, 0, 0, sh), time.Date(2022, 11, 1, 0, 0, 0, 0, sh)},
		{"2023-01", report.Month, "2022-12", "2023-02", "2022-01", time.Date(2023, 1, 1, 0, 0, 0, 0, sh), time.Date(2023, 2, 1, 0, 0, 0, 0, sh)},
		{"2022Q1", report.Quarter, "2021Q4", "2022Q2", "2021Q1", time.Date(2022, 1, 1, 0, 0, 0, 0, sh), time.Date(2022, 4, 1, 0, 0, 0, 0, sh)},
		{"2022H2", report.Half, "2022H1", "2023H1", "2021H2", time.Date(2022, 7, 1, 0, 0, 0, 0, sh), time.Date(2023, 1, 1, 0, 0, 0, 0, sh)},
		{"2022h1", report.Half, "2021H2", "2022H2", "2021H1", time.Date(2022, 1, 1, 0, 0, 0, 0, sh), time.Date(2022, 7, 1, 0, 0, 0, 0, sh)},
		{"2022", report.Year, "2021", "2023", "2021", time.Date(2022, 1, 1, 0, 0, 0, 0, sh), time.Date(2023, 1, 1, 0, 0, 0, 0, sh)},
		{"2021-11-04", report.AsOf, "2021-11-03", "2021-11-05", "2020-11-04", time.Date(2021, 11, 4, 0, 0, 0, 0, sh), time.Date(2021, 11, 5, 0, 0, 0, 0, sh)},
		{"2024-02-29", report.AsOf, "2024-02-28", "2024-03-01", "2023-02-28", time.Date(2024, 2, 29, 0, 0, 0, 0, sh), time.Date(2024, 3, 1, 0, 0, 0, 0, sh)},
	} {
		p, err := report.ParsePeriod(tt.in)
		if err != nil || p.Kind != tt.kind {
			t.Fatalf("ParsePeriod(%q) = %+v, %v", tt.in, p, err)
		}
		if p.Prev().String() != tt.prev || p.Next().String() != tt.next || p.YearAgo().String() != tt.yago {
			t.Errorf("%s: prev %s next %s year ago %s", tt.in, p.Prev(), p.Next(), p.YearAgo())
		}
		if !p.Start(sh).Equal(tt.start) || !p.End(sh).Equal(tt.end) {
			t.Errorf("%s: start %v end %v", tt.in, p.Start(sh), p.End(sh))
		}
		if !p.Prev().Before(p) || p.Before(p.Prev()) || p.Prev().Next() != p {
			t.Errorf("%s: order", tt.in)
		}
		if q := tt.kind.Of(p.Start(sh).Add(time.Hour)); q != p {
			t.Errorf("%s: Of(start) = %v", tt.in, q)
		}
		if q, err := report.ParsePeriod(p.String()); err != nil || q != p {
			t.Errorf("%s: round trip %v %v", tt.in, q, err)
		}
		if _, err := report.ParsePeriodOf(report.Quarter, tt.in); (err == nil) != (tt.kind == report.Quarter) {
			t.Errorf("ParsePeriodOf(quarter, %q) = %v", tt.in, err)
		}
	}
	for _, bad := range []string{"2022-13", "2022-00", "2022H3", "2022-02-30", "2022-1", "2022-10-1", "20221", "2022Q", "2022-+1"} {
		if p, err := report.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) = %v, want an error", bad, p)
		}
	}
	if _, err := report.ParsePeriodOf(report.Month, "2022Q3"); err == nil || !strings.Contains(err.Error(), "本报告按月通报，应为 2022-10") {
		t.Errorf("ParsePeriodOf(month, 2022Q3) = %v", err)
	}
	if k, ok := report.ParseKind("asof"); !ok || k != report.AsOf {
		t.Error("ParseKind(asof)")
	}
	if (report.Period{Year: 2022, Quarter: 3}) != report.PeriodOf(time.Date(2022, 8, 1, 0, 0, 0, 0, sh)) {
		t.Error("a Period literal without Kind is a quarter")
	}
}
