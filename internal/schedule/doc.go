// Package schedule is the service stage of bulletin: it issues each report's
// notice on time, exactly once, without anybody having to remember.
//
// It sits beside the pipeline, not inside it: the package knows the report
// definitions (report ← schedule) and calendars, and calls two functions it
// is given for everything else. The command wires them to the archive and to
// one pipeline run:
//
//	svc := &schedule.Service{
//		Reports: defs,
//		Issued:  func(ctx context.Context, id string, p report.Period) (bool, error) { … archive … },
//		Issue:   func(ctx context.Context, def *report.Definition, p report.Period) error { … pipeline … },
//		Logger:  slog.Default(),
//	}
//	err := svc.Run(ctx) // until ctx is done; then waits for a running issuance
//
// or, to let a second signal cut the wait short (as cmd/bulletin does):
//
//	if err := svc.Start(context.Background()); err != nil { … }
//	<-firstSignal
//	err := svc.Close(ctxCancelledBySecondSignal)
//
// # When a report runs
//
// Each report's schedule.cron (robfig/cron v3 syntax: five fields or a
// descriptor such as @daily or @every 1h) fires in schedule.timezone
// (default Asia/Shanghai; Go's embedded tzdata is linked in, so no zoneinfo
// is needed on the machine). Every firing is a "trigger"; starting the
// service is one more trigger per report, which is how a period that fell
// due while the machine was down is caught up.
//
// # Which period a trigger issues
//
// The due period at time t is the period due at the latest firing of the
// schedule at or before t, and a firing at time f is due the last complete
// period before f: def.Kind().Of(f).Prev() in the report's zone. So with
// cron "0 9 10 1,4,7,10 *" the firing of 10 October issues the third
// quarter, and a service started on 2 October (before that firing) catches
// up the second quarter, never the third ahead of time. The period follows
// the report's kind: a monthly report's firing on 5 November issues
// October, a half-yearly one's in July the first half, a yearly one's in
// January the year before, and an as-of report's firing on 5 November
// issues 截至11月4日 (2021-11-04). See Plan.Due.
//
// The archive is the record: a trigger first asks Issued and does nothing
// when the period is there. Issue is called with that explicit period, never
// "the newest data"; an Issue func must fail with ErrNotYet when the
// period's own snapshot is missing (or is still last period's file) instead
// of falling back to older data.
//
// # Late data, failures and panics
//
// When Issue returns an error wrapping ErrNotYet or ErrBusy, or Issued
// fails (the archive could not be read), the trigger retries with
// exponential backoff (Service.Backoff) until schedule.deadline after the
// trigger, re-checking Issued before each try, then logs "deadline passed:
// notice not issued". Any other error from Issue ends the trigger (logged
// with the next run time): a wrong spreadsheet does not fix itself, and
// staff rerun with `bulletin run` once it is fixed.
//
// Each report's job is wrapped in cron.SkipIfStillRunning (a trigger that
// comes while the previous one still waits or issues is logged as a skip)
// around cron.Recover (a panic is logged with its stack; the service and the
// other reports go on, and the report runs again at its next trigger).
// Recover must sit inside SkipIfStillRunning: in cron v3.0.1 the skip
// wrapper does not release its slot when the job panics, so the other order
// would skip the panicking report forever.
//
// # Stopping
//
// Close (and Run when its context is done) stops the triggers, abandons
// retry waits at once, and waits for an Issue call in progress to return.
// Issue's context is not cancelled by a graceful stop; it is cancelled only
// when Close's own context ends (a second signal) or the context given to
// Start is cancelled (a hard stop, which also ends the triggers).
//
// # Logs
//
// Every trigger, skip, retry, issuance and failure is one log/slog record
// with the keys report, period, trigger, attempt, err, next and deadline.
package schedule
