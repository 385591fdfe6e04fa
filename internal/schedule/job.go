package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// job is one report's trigger: decide the due period, skip it if the
// archive holds it, else issue it, retrying late data until the deadline.
// It implements cron.Job.
type job struct {
	svc  *Service
	plan *Plan
	log  *slog.Logger
	// firstRun labels the start-up catch-up run in the logs.
	firstRun atomic.Bool
}

// Run implements cron.Job.
func (j *job) Run() {
	s := j.svc
	trigger := "schedule"
	if j.firstRun.Swap(false) {
		trigger = "start-up"
	}
	log := j.log.With("trigger", trigger)
	if !s.enter() {
		log.Info("skip: service stopping")
		return
	}
	defer s.running.Done()

	now := time.Now()
	p := j.plan.Due(now)
	if p.IsZero() {
		log.Warn("skip: no period due (schedule did not fire in two years)")
		return
	}
	log = log.With("period", p.String())
	deadline := now.Add(j.plan.Deadline).In(j.plan.Location)
	log.Info("trigger", "deadline", deadline)

	b := s.backoff()
	delay := b.Initial
	for attempt := 1; ; attempt++ {
		done, err := j.attempt(p, log, attempt)
		if done {
			return
		}
		wait := min(delay, time.Until(deadline))
		if wait <= 0 {
			log.Error("deadline passed: notice not issued", "attempt", attempt, "deadline", deadline,
				"err", err, "next", j.plan.Next(time.Now()))
			if s.Late != nil {
				s.Late(s.issueCtx, j.plan.Report, p, deadline, err)
			}
			return
		}
		log.Info("retry", "attempt", attempt, "in", wait.Round(time.Millisecond).String(), "err", err)
		t := time.NewTimer(wait)
		select {
		case <-s.stopping.Done():
			t.Stop()
			log.Info("skip: service stopping, retry abandoned", "attempt", attempt)
			return
		case <-t.C:
		}
		delay = min(2*delay, b.Max)
	}
}

// attempt checks the archive and issues p once. done is true when the
// trigger is over (issued, already issued, or failed for good, each
// logged); otherwise err is the reason to retry.
func (j *job) attempt(p report.Period, log *slog.Logger, attempt int) (done bool, err error) {
	s := j.svc
	issued, err := s.Issued(s.issueCtx, j.plan.Report.ID, p)
	switch {
	case s.issueCtx.Err() != nil:
		log.Warn("trigger cancelled by shutdown", "attempt", attempt)
		return true, nil
	case err != nil:
		// The archive could not be read (a disk hiccup, a repository
		// being created by a manual run): retried like late data.
		return false, fmt.Errorf("无法读取档案库：%w", err)
	case issued:
		log.Info("skip: already issued", "attempt", attempt)
		return true, nil
	}
	start := time.Now()
	err = s.Issue(s.issueCtx, j.plan.Report, p)
	switch {
	case err == nil:
		log.Info("issued", "attempt", attempt, "took", time.Since(start).Round(time.Millisecond).String())
		return true, nil
	case s.issueCtx.Err() != nil && errors.Is(err, context.Canceled):
		log.Warn("issuance cancelled by shutdown", "attempt", attempt, "err", err)
		return true, nil
	case errors.Is(err, ErrNotYet), errors.Is(err, ErrBusy):
		return false, err
	}
	log.Error("issuance failed", "attempt", attempt, "err", err, "next", j.plan.Next(time.Now()))
	return true, nil
}
