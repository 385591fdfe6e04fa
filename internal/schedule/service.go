package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// ErrNotYet is wrapped by an Issue func's error when the period's snapshot
// is not there yet (the platform exports late). The trigger retries with
// backoff until the report's deadline.
var ErrNotYet = errors.New("snapshot not there yet")

// ErrBusy is wrapped by an Issue func's error when another writer (a manual
// `bulletin run`) holds the archive lock. The trigger retries like ErrNotYet
// and re-checks Issued first, so the period is issued once.
var ErrBusy = errors.New("archive busy")

// Defaults of Backoff.
const (
	DefaultBackoffInitial = time.Minute      // first wait after a late snapshot
	DefaultBackoffMax     = 30 * time.Minute // waits double up to this
)

// Backoff is how long a trigger waits between attempts: Initial, then
// doubling up to Max, never beyond the deadline.
type Backoff struct {
	Initial time.Duration
	Max     time.Duration
}

// Service runs the schedules of a set of reports. Set the exported fields,
// then call Start once and Close once.
type Service struct {
	// Reports are the definitions to schedule; those without schedule.cron
	// are left out (and logged).
	Reports []*report.Definition
	// Issued reports whether the archive already holds period p of the
	// report. It is the record that makes the service idempotent.
	Issued func(ctx context.Context, reportID string, p report.Period) (bool, error)
	// Issue runs one issuance of period p. It returns an error wrapping
	// ErrNotYet when p's snapshot is not there yet and ErrBusy when the
	// archive is locked by another writer; it must never issue other data
	// as p.
	Issue func(ctx context.Context, def *report.Definition, p report.Period) error
	// Late, if set, is called once when a trigger gives up at its
	// deadline without the period issued; why is the last attempt's
	// error (the export not there yet, the archive busy).
	Late func(ctx context.Context, def *report.Definition, p report.Period, deadline time.Time, why error)
	// Logger receives the service's records; nil: slog.Default().
	Logger *slog.Logger
	// Backoff between attempts; zero fields take the defaults.
	Backoff Backoff

	plans []*Plan
	crons []*cron.Cron

	mu      sync.Mutex
	started bool
	closed  bool
	running sync.WaitGroup // jobs in progress

	stopping   context.Context // done when Close is called: no new work, retries end
	stop       context.CancelFunc
	issueCtx   context.Context // given to Issued/Issue; cancelled on a hard stop only
	cancelWork context.CancelFunc
}

// Plans parses the schedules of defs, leaving out reports without one.
// All errors are returned together.
func Plans(defs []*report.Definition) ([]*Plan, error) {
	var plans []*Plan
	var errs []error
	for _, def := range defs {
		pl, err := NewPlan(def)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if pl != nil {
			plans = append(plans, pl)
		}
	}
	return plans, errors.Join(errs...)
}

// Start parses every report's schedule, starts one cron scheduler per
// report in the report's zone, and runs each report once at once to catch
// up a period that fell due while the service was down. ctx is the parent
// of the context given to Issued and Issue: cancelling it aborts running
// issuances (a hard stop); Close is the graceful stop.
func (s *Service) Start(ctx context.Context) error {
	if s.Issued == nil || s.Issue == nil {
		return errors.New("schedule: Service needs Issued and Issue")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return errors.New("schedule: Service started twice")
	}
	log := s.logger()
	plans, err := Plans(s.Reports)
	if err != nil {
		return err
	}
	for _, def := range s.Reports {
		if def.Schedule.Cron == "" {
			log.Warn("no schedule.cron: report not scheduled", "report", def.ID)
		}
	}
	if len(plans) == 0 {
		return fmt.Errorf("没有任何报告配置了 schedule.cron，定时服务无事可做")
	}
	s.plans = plans
	s.stopping, s.stop = context.WithCancel(context.Background())
	s.issueCtx, s.cancelWork = context.WithCancel(ctx)
	s.started = true
	// A cancelled ctx is a hard stop: no more triggers either.
	context.AfterFunc(ctx, func() { s.Close(ctx) })

	for _, pl := range plans {
		rlog := log.With("report", pl.Report.ID)
		clog := cronLogger{rlog}
		c := cron.New(cron.WithLocation(pl.Location), cron.WithLogger(clog))
		// Skip outside Recover: see the package comment.
		j := &job{svc: s, plan: pl, log: rlog}
		j.firstRun.Store(true)
		wrapped := cron.NewChain(cron.SkipIfStillRunning(clog), cron.Recover(clog)).Then(j)
		c.Schedule(pl.sched, wrapped)
		c.Start()
		s.crons = append(s.crons, c)
		now := time.Now()
		rlog.Info("scheduled", "cron", pl.Report.Schedule.Cron, "timezone", pl.Location.String(),
			"deadline", shortDuration(pl.Deadline), "next", pl.Next(now), "due", pl.Due(now).String())
		go wrapped.Run() // start-up catch-up, through the same skip/recover chain
	}
	return nil
}

// Run starts the service and, when ctx is done, stops it gracefully: no
// new work, retry waits abandoned, and an issuance in progress finishes with
// its context intact. It returns once everything has stopped.
func (s *Service) Run(ctx context.Context) error {
	if err := s.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	<-ctx.Done()
	return s.Close(context.Background())
}

// Close stops the triggers, ends retry waits, and waits until an issuance
// in progress returns. If ctx ends first, the issuances' context is
// cancelled and Close returns ctx.Err() without waiting further. Close
// after Close (or after a hard stop) returns nil at once.
func (s *Service) Close(ctx context.Context) error {
	s.mu.Lock()
	if !s.started || s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()

	s.stop()
	for _, c := range s.crons {
		c.Stop()
	}
	done := make(chan struct{})
	go func() {
		s.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		s.cancelWork()
		s.logger().Info("stopped")
		return nil
	case <-ctx.Done():
		s.cancelWork()
		s.logger().Warn("stop cut short: running issuance cancelled", "err", ctx.Err())
		return ctx.Err()
	}
}

// enter registers a job run; false once Close was called.
func (s *Service) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.running.Add(1)
	return true
}

func (s *Service) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

func (s *Service) backoff() Backoff {
	b := s.Backoff
	if b.Initial <= 0 {
		b.Initial = DefaultBackoffInitial
	}
	if b.Max < b.Initial {
		b.Max = max(DefaultBackoffMax, b.Initial)
	}
	return b
}
