package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/templates"
)

// Checked is Check's answer: what `run` would do now with the same
// options.
type Checked struct {
	Period report.Period
	// File is the export read and Units how many units it holds.
	File  string
	Units int
	// PrevFrom says where the previous period came from ("" when there is
	// none: the notice would make no comparison).
	PrevFrom string
	// Warnings are printed and recorded but do not stop a run.
	Warnings report.Problems
	// Decision is what run would do: a first issue, a new version (a
	// reason is needed unless Options.Reason is set), or nothing new.
	Decision Decision
	// ReasonNeeded is set when run would refuse for want of a reason.
	ReasonNeeded *ReasonNeededError
	// NoPeriod is set when the file given names no period: it was
	// checked as of the current period, and run needs the period named.
	NoPeriod *NoPeriodInNameError
	// Notes are what run would tell the user (stand-in fonts, no previous
	// period).
	Notes []string
}

// Check answers "what would Issue do now" without issuing anything: the
// same export, the same previous period (the archive first, then the
// source), the same inputs, and the same versioning policy. Problems are
// returned together (errors.Join), each naming file, sheet and cell; a
// re-issue without a reason is not a problem but Checked.ReasonNeeded.
func Check(ctx context.Context, opts Options) (*Checked, error) {
	def := opts.Report
	var problems []error
	defOK := true
	if ps := metrics.Validate(def); len(ps.Errors()) > 0 {
		problems = append(problems, ps.Errors())
		defOK = false
	}
	if err := notice.Check(def, notice.Options{Templates: templates.FS}); err != nil {
		problems = append(problems, err)
	}
	if err := checkID(def); err != nil {
		problems = append(problems, err)
	}
	if reason, err := checkReason(opts.Reason); err != nil {
		problems = append(problems, err)
	} else {
		opts.Reason = reason
	}
	arch, err := openArchive(opts.ArchiveDir)
	if err != nil {
		return nil, err
	}
	if arch != nil {
		defer arch.Close()
	}
	view, _, err := viewOf(arch)
	if err != nil {
		return nil, err
	}
	c := &Checked{Period: opts.Period}
	if opts.SnapshotFile != "" && opts.Period.IsZero() {
		if _, ok := PeriodFromName(opts.SnapshotFile); !ok {
			// The file is still checked, as of the current period; run
			// would need the period named.
			c.NoPeriod = &NoPeriodInNameError{File: filepath.Base(opts.SnapshotFile)}
			opts.Period = report.PeriodOf(time.Now())
		}
	}
	// A period that has not ended is refused before its export is
	// looked for (the source has none yet).
	notEnded := func(p report.Period) error {
		if loc, err := location(def); err == nil && c.NoPeriod == nil {
			return ended(p, loc, time.Now())
		}
		return nil
	}
	if err := notEnded(opts.Period); err != nil {
		return c, errors.Join(append(problems, err)...)
	}
	in, err := readExport(ctx, def, opts.Period, opts.SnapshotFile)
	if err != nil {
		return c, errors.Join(append(problems, err)...)
	}
	c.Period, c.File, c.Units = in.period, in.name, len(in.cur.Units)
	if opts.Period.IsZero() {
		if err := notEnded(in.period); err != nil {
			problems = append(problems, err)
		}
	}
	c.Warnings = append(c.Warnings, in.cur.Warnings...)
	if err := notCopiedFromPrevious(def, in, view); err != nil {
		problems = append(problems, err)
	}
	prev, from, err := previous(ctx, def, in.period, view)
	if err != nil {
		problems = append(problems, err)
	}
	in.prev, in.prevFrom, c.PrevFrom = prev, from, from
	if len(problems) > 0 || !defOK {
		return c, errors.Join(problems...)
	}
	pr, err := prepare(def, in, opts, arch)
	if err != nil {
		return c, err
	}
	c.Warnings = append(c.Warnings, pr.res.Warnings...)
	c.Notes = append(c.Notes, in.notes...)
	c.Notes = append(c.Notes, pr.faces.Substitutes()...)
	if pr.dateWarning != "" {
		c.Notes = append(c.Notes, pr.dateWarning)
	}
	var latest archive.Manifest
	var ok bool
	if view != nil {
		if latest, ok, err = view.Latest(def.ID, in.period); err != nil {
			return c, err
		}
	}
	c.Decision, err = decide(latest, ok, pr.manifest, pr.explicitDate)
	if err != nil {
		if !errors.As(err, &c.ReasonNeeded) {
			return c, err
		}
	}
	return c, nil
}
