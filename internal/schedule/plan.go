package schedule

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // schedule.timezone must load in minimal containers without /usr/share/zoneinfo

	"github.com/robfig/cron/v3"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// DefaultTimeZone is the zone used when a report names none.
const DefaultTimeZone = "Asia/Shanghai"

// DefaultDeadline is how long after a trigger a late snapshot is waited for
// when a report names no deadline (three days: platforms export late).
const DefaultDeadline = 72 * time.Hour

// lookBack bounds how far back Due searches for a firing (two years; a
// schedule that fires less often issues nothing).
const lookBack = 2 * 366 * 24 * time.Hour

// Plan is one report's parsed schedule: when it fires and which period each
// firing issues.
type Plan struct {
	Report   *report.Definition
	Location *time.Location
	// Deadline is how long after a trigger to keep retrying a late
	// snapshot; zero means one attempt per trigger.
	Deadline time.Duration

	sched cron.Schedule
}

// NewPlan parses def.Schedule. It returns (nil, nil) when the report has no
// schedule.cron (it is then issued only by hand). Errors name the report
// file and field, in Chinese, for the staff who edit report.yaml.
func NewPlan(def *report.Definition) (*Plan, error) {
	s := def.Schedule
	spec := strings.TrimSpace(s.Cron)
	if spec == "" {
		return nil, nil
	}
	file := filepath.Join(def.Dir, report.FileName)
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		return nil, fmt.Errorf("%s: schedule.cron %q 不应写时区前缀，请改用 schedule.timezone", file, s.Cron)
	}
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: schedule.cron %q 无法解析（%v）：应为五段式 cron，如 \"0 9 10 1,4,7,10 *\"（每季度首月10日9时），或 @daily、@every 1h", file, s.Cron, err)
	}
	tz := s.TimeZone
	if tz == "" {
		tz = DefaultTimeZone
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("%s: schedule.timezone %q 不是有效的时区名：应为 Asia/Shanghai 这样的 IANA 名称", file, s.TimeZone)
	}
	deadline := DefaultDeadline
	if s.Deadline != "" {
		deadline, err = time.ParseDuration(s.Deadline)
		if err != nil || deadline < 0 {
			return nil, fmt.Errorf("%s: schedule.deadline %q 无效：应为 72h、90m 这样的时长", file, s.Deadline)
		}
	}
	return &Plan{Report: def, Location: loc, Deadline: deadline, sched: sched}, nil
}

// Next returns the first firing after t, in the plan's zone; zero if the
// schedule never fires again.
func (pl *Plan) Next(t time.Time) time.Time {
	return pl.sched.Next(t.In(pl.Location))
}

// Due returns the period due at t: the one due at the latest firing at or
// before t, where a firing at f is due the period (of the report's kind)
// before the one holding f, in the plan's zone: a quarterly report firing
// in October issues the third quarter, a monthly one firing on 5 November
// issues October, an as-of report firing on 5 November issues 截至11月4日.
// It is the zero Period when the schedule did not fire in the last two
// years.
//
// It needs no backward search: the latest firing falls in the current
// period if there is a firing between the period's start and t; otherwise
// in the period before if there is one in that period; and so on.
func (pl *Plan) Due(t time.Time) report.Period {
	t = t.In(pl.Location)
	cur := pl.Report.Kind().Of(t)
	until := t
	for t.Sub(until) < lookBack {
		start := cur.Start(pl.Location)
		if f := pl.Next(start.Add(-time.Nanosecond)); !f.IsZero() && !f.After(until) {
			return cur.Prev()
		}
		// Search the previous period up to its last instant.
		until = start.Add(-time.Nanosecond)
		cur = cur.Prev()
	}
	return report.Period{}
}
