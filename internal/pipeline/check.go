package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"time"

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
	// PrevPeriod is the period compared with (for an as-of report the
	// latest as-of date archived before, zero when there is none);
	// PrevFrom says where its figures came from ("" when there are none:
	// the notice would make no comparison).
	PrevPeriod report.Period
	PrevFrom   string
	// Datasets are the further datasets read (reports with datasets:).
	Datasets []CheckedDataset
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

// CheckedDataset is one further dataset as Check read it.
type CheckedDataset struct {
	ID, File string
	Units    int
	PrevFrom string
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
	for _, id := range def.DatasetIDs() {
		if ps := metrics.Validate(def.Dataset(id)); len(ps.Errors()) > 0 {
			problems = append(problems, ps.Errors())
			defOK = false
		}
	}
	// The templates are checked on the period's figures, as run renders
	// them; on sample figures only when there are none (samplesCheck).
	nopts := notice.Options{Templates: templates.FS, Date: opts.Date}
	samplesCheck := func(errs []error) error {
		return errors.Join(append(errs, notice.Check(def, nopts))...)
	}
	if err := checkID(def); err != nil {
		problems = append(problems, err)
	}
	if reason, err := checkReason(opts.Reason); err != nil {
		problems = append(problems, err)
	} else {
		opts.Reason = reason
	}
	r, err := readArchive(opts.ArchiveDir)
	if err != nil {
		return nil, err
	}
	defer r.close()
	arch, view := r.arch, r.view
	c := &Checked{Period: opts.Period}
	if opts.SnapshotFile != "" && opts.Period.IsZero() {
		fromCell := def.Kind() == report.AsOf && def.Dataset("").Source.AsOfCell != ""
		if _, ok := PeriodFromName(opts.SnapshotFile, def.Kind()); !ok && !fromCell {
			// The file is still checked, as of the current period; run
			// would need the period named.
			c.NoPeriod = &NoPeriodInNameError{File: filepath.Base(opts.SnapshotFile), Kind: def.Kind()}
			opts.Period = def.Kind().Of(time.Now())
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
	in, err := readExport(ctx, def, opts.Period, opts.SnapshotFile, opts.Date)
	if err != nil {
		return c, samplesCheck(append(problems, err))
	}
	c.Period, c.File, c.Units = in.period, in.name, len(in.cur.Units)
	if opts.Period.IsZero() {
		if err := notEnded(in.period); err != nil {
			problems = append(problems, err)
		}
	}
	c.Warnings = append(c.Warnings, in.cur.Warnings...)
	if in.prevPeriod, err = previousPeriod(def, in.period, view); err != nil {
		return c, errors.Join(append(problems, err)...)
	}
	c.PrevPeriod = in.prevPeriod
	if err := notCopiedFromPrevious(def, in, view); err != nil {
		problems = append(problems, err)
	}
	if err := in.comparisons(ctx, def, view, func(string, ...any) {}); err != nil {
		problems = append(problems, err)
	}
	c.PrevFrom = in.prevFrom
	if err := readExtras(ctx, def, in, view, func(string, ...any) {}); err != nil {
		problems = append(problems, err)
	}
	for _, di := range in.extra {
		c.Datasets = append(c.Datasets, CheckedDataset{ID: di.id, File: di.name, Units: len(di.cur.Units), PrevFrom: di.prevFrom})
		c.Warnings = append(c.Warnings, di.cur.Warnings...)
	}
	if len(problems) > 0 || !defOK {
		return c, samplesCheck(problems)
	}
	res, err := compute(def, in)
	if err != nil {
		return c, samplesCheck([]error{err})
	}
	if err := notice.CheckWith(def, res, nopts); err != nil {
		return c, err
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
	latest, ok, err := r.latest(def.ID, in.period)
	if err != nil {
		return c, err
	}
	c.Decision, err = decideFor(opts, latest, ok, &pr.manifest, pr.explicitDate)
	if err != nil {
		if !errors.As(err, &c.ReasonNeeded) {
			return c, err
		}
	}
	return c, nil
}
