package web

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// The same period a year earlier and the period before, for every kind.
func TestYearBeforeAndBeforeEveryKind(t *testing.T) {
	var all []Issuance
	for i, s := range []string{"2022Q3", "2021Q3", "2022-10", "2021-10", "2022-09", "2022H2", "2021H2", "2022", "2021",
		"2022-11-04", "2021-11-04", "2020-11-04", "2022-06-30"} {
		p, err := report.ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, Issuance{Key: Key{Report: "r", Period: p, Version: 1}, Commit: string(rune('a' + i))})
	}
	v := newView("h", all)
	for cur, want := range map[string][2]string{ // year before, before
		"2022Q3":     {"2021Q3", ""},
		"2022-10":    {"2021-10", "2022-09"},
		"2022H2":     {"2021H2", ""},
		"2022":       {"2021", "2021"},
		"2022-11-04": {"2021-11-04", "2022-06-30"}, // the as-of date issued before
		"2021-11-04": {"2020-11-04", "2020-11-04"},
		"2022-06-30": {"", "2021-11-04"},
	} {
		p, _ := report.ParsePeriod(cur)
		got := [2]string{}
		if is := v.yearBefore("r", p); is != nil {
			got[0] = is.Period.String()
		}
		if is := v.before("r", p); is != nil {
			got[1] = is.Period.String()
		}
		if got != want {
			t.Errorf("%s: year before, before = %q, want %q", cur, got, want)
		}
	}
}
