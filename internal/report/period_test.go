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
