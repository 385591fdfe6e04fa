package schedule_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/schedule"
)

func plan(t *testing.T, spec string) *schedule.Plan {
	t.Helper()
	pl, err := schedule.NewPlan(def(t, "r", spec, ""))
	if err != nil || pl == nil {
		t.Fatalf("NewPlan(%q) = %v, %v", spec, pl, err)
	}
	return pl
}

func TestDue(t *testing.T) {
	cst := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04:05", s, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	const quarterly = "0 9 10 1,4,7,10 *"
	tests := []struct {
		name string
		spec string
		at   time.Time
		want string // "" for no period
	}{
		{"just after the quarter's firing", quarterly, cst("2026-10-10 09:00:05"), "2026Q3"},
		{"at the firing itself", quarterly, cst("2026-01-10 09:00:00"), "2025Q4"},
		{"a minute before the firing: still the period before", quarterly, cst("2026-10-10 08:59:00"), "2026Q2"},
		{"quarter begun, firing ahead: catch up the period before, not this one early", quarterly, cst("2026-10-02 12:00:00"), "2026Q2"},
		{"late in the quarter", quarterly, cst("2026-12-31 23:59:59"), "2026Q3"},
		{"midnight firing, instant given in UTC: the report's zone decides", "0 0 1 1,4,7,10 *", utc("2026-09-30T16:30:00Z"), "2026Q3"},
		{"one minute before Shanghai midnight", "0 0 1 1,4,7,10 *", utc("2026-09-30T15:59:00Z"), "2026Q2"},
		{"yearly firing long past", "0 9 15 1 *", cst("2026-11-23 10:00:00"), "2025Q4"},
		{"yearly firing not yet this year", "0 9 15 1 *", cst("2026-01-10 10:00:00"), "2024Q4"},
		{"every second", "@every 1s", cst("2026-11-23 10:00:00"), "2026Q3"},
		{"daily", "@daily", cst("2027-01-01 00:00:00"), "2026Q4"},
		{"never fires", "0 0 30 2 *", cst("2026-11-23 10:00:00"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plan(t, tt.spec).Due(tt.at)
			if (tt.want == "" && !got.IsZero()) || (tt.want != "" && got.String() != tt.want) {
				t.Errorf("Due(%v) with %q = %v, want %q", tt.at, tt.spec, got, tt.want)
			}
		})
	}
}

func TestNewPlan(t *testing.T) {
	tests := []struct {
		name     string
		sched    report.Schedule
		wantErr  string // substring; "" for no error
		wantNil  bool
		wantZone string
		wantDL   time.Duration
	}{
		{name: "no cron: not scheduled", sched: report.Schedule{}, wantNil: true},
		{name: "defaults", sched: report.Schedule{Cron: "@daily"}, wantZone: "Asia/Shanghai", wantDL: 72 * time.Hour},
		{name: "explicit zone and deadline", sched: report.Schedule{Cron: "0 9 10 1,4,7,10 *", TimeZone: "Europe/Berlin", Deadline: "90m"}, wantZone: "Europe/Berlin", wantDL: 90 * time.Minute},
		{name: "zero deadline: one attempt", sched: report.Schedule{Cron: "@daily", Deadline: "0s"}, wantZone: "Asia/Shanghai", wantDL: 0},
		{name: "bad cron", sched: report.Schedule{Cron: "0 9 10 13 *"}, wantErr: `schedule.cron "0 9 10 13 *" 无法解析`},
		{name: "six fields", sched: report.Schedule{Cron: "0 0 9 10 1,4,7,10 *"}, wantErr: "应为五段式 cron"},
		{name: "zone prefix", sched: report.Schedule{Cron: "CRON_TZ=UTC 0 9 * * *"}, wantErr: "请改用 schedule.timezone"},
		{name: "bad zone", sched: report.Schedule{Cron: "@daily", TimeZone: "Asia/Hengyang"}, wantErr: `schedule.timezone "Asia/Hengyang" 不是有效的时区名`},
		{name: "bad deadline", sched: report.Schedule{Cron: "@daily", Deadline: "3 days"}, wantErr: `schedule.deadline "3 days" 无效`},
		{name: "negative deadline", sched: report.Schedule{Cron: "@daily", Deadline: "-1h"}, wantErr: "schedule.deadline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &report.Definition{Dir: "reports/x", ID: "x", Schedule: tt.sched}
			pl, err := schedule.NewPlan(d)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "reports/x/report.yaml") {
					t.Fatalf("err = %v, want one naming reports/x/report.yaml and %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantNil {
				if pl != nil {
					t.Fatalf("plan = %+v, want nil", pl)
				}
				return
			}
			if pl.Location.String() != tt.wantZone || pl.Deadline != tt.wantDL {
				t.Errorf("zone %s deadline %v, want %s %v", pl.Location, pl.Deadline, tt.wantZone, tt.wantDL)
			}
		})
	}
}

func TestList(t *testing.T) {
	d := def(t, "hengyang-county", "0 9 10 1,4,7,10 *", "72h")
	pl, err := schedule.NewPlan(d)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)
	var out bytes.Buffer
	if err := schedule.List(&out, []*schedule.Plan{pl}, now, 3); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"报告 hengyang-county（hengyang-county 情况通报）",
		"定时：0 9 10 1,4,7,10 *（时区 Asia/Shanghai，迟到的数据最多等待 72h）",
		"当前应印发：2026Q3",
		"下次运行：2027-01-10 09:00:00 +08:00  印发 2026Q4",
		"下次运行：2027-04-10 09:00:00 +08:00  印发 2027Q1",
		"下次运行：2027-07-10 09:00:00 +08:00  印发 2027Q2",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("list lacks %q:\n%s", want, out.String())
		}
	}
}

// TestDueKinds: the period a firing issues follows the report's kind.
func TestDueKinds(t *testing.T) {
	cst := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, tt := range []struct {
		kind, spec string
		at         time.Time
		want       string
	}{
		{"month", "0 9 5 * *", cst("2022-11-05 09:30"), "2022-10"},
		{"month", "0 9 5 * *", cst("2022-11-04 18:00"), "2022-09"}, // catch up the month before, not October early
		{"month", "0 9 5 * *", cst("2023-01-20 10:00"), "2022-12"},
		{"half", "0 9 10 1,7 *", cst("2022-07-11 09:00"), "2022H1"},
		{"half", "0 9 10 1,7 *", cst("2022-07-01 09:00"), "2021H2"},
		{"year", "0 9 15 1 *", cst("2023-03-01 09:00"), "2022"},
		{"asof", "0 9 * * 1", cst("2021-11-04 10:00"), "2021-10-31"}, // Mondays: 1 November issues 截至10月31日
		{"asof", "0 9 * * *", cst("2021-11-05 10:00"), "2021-11-04"},
	} {
		d := def(t, "r", tt.spec, "")
		d.Period = tt.kind
		pl, err := schedule.NewPlan(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := pl.Due(tt.at); got.String() != tt.want || got.Kind.String() != tt.kind {
			t.Errorf("%s %q at %s: Due = %s (%s), want %s", tt.kind, tt.spec, tt.at, got, got.Kind, tt.want)
		}
	}
}
