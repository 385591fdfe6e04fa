package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// ImportOptions are the settings of Import.
type ImportOptions struct {
	Report *report.Definition
	// Period the export belongs to; zero: the period in the file's name.
	Period report.Period
	// File is the past period's export (of the first dataset).
	File string
	// Others are, for a report with datasets:, the further datasets'
	// exports of the same period, in the datasets' order.
	Others     []string
	ArchiveDir string
	// Reason explains an import that supersedes an earlier import of the
	// same period.
	Reason string
}

// Import records a past period's export in the archive, without a notice,
// so that the next notice can compare against it. It reads the export as
// Issue does and applies the same rules: an export byte for byte the one
// archived for the period before is refused; the same export again is
// nothing new; a different one supersedes the earlier import as a new
// version and needs a reason; a period whose notice was issued is
// refused. The import is dated now in the report's time zone.
func Import(ctx context.Context, opts ImportOptions) (*Outcome, error) {
	if err := checkID(opts.Report); err != nil {
		return nil, err
	}
	reason, err := checkReason(opts.Reason)
	if err != nil {
		return nil, err
	}
	opts.Reason = reason
	return retryMoved(opts.ArchiveDir, func() (*Outcome, error) { return importOnce(ctx, opts) })
}

func importOnce(ctx context.Context, opts ImportOptions) (*Outcome, error) {
	def := opts.Report
	r, err := readArchive(opts.ArchiveDir)
	if err != nil {
		return nil, err
	}
	defer r.close()
	arch, view := r.arch, r.view
	in, err := readExport(ctx, def, opts.Period, opts.File, time.Time{})
	if err != nil {
		return nil, err
	}
	if err := notCopiedFromPrevious(def, in, view); err != nil {
		return nil, err
	}
	if err := readOthers(def, in, opts.Others, view); err != nil {
		return nil, err
	}
	loc, err := location(def)
	if err != nil {
		return nil, err
	}
	if err := ended(in.period, loc, now()); err != nil {
		return nil, err
	}
	snapJSON, err := in.cur.JSON()
	if err != nil {
		return nil, err
	}
	if err := in.encodeExtras(); err != nil {
		return nil, err
	}
	set := inputSet{}
	set.snapshot(in.name, in.data, snapJSON)
	if err := set.datasets(def, in, false); err != nil {
		return nil, err
	}
	var warnings []string
	for _, w := range in.cur.Warnings {
		warnings = append(warnings, w.String())
	}
	for _, di := range in.extra {
		for _, w := range di.cur.Warnings {
			warnings = append(warnings, w.String())
		}
	}
	m := archive.Manifest{
		Report:   def.ID,
		Period:   in.period,
		Issued:   now().In(loc),
		Program:  "bulletin " + Version,
		Inputs:   set,
		Warnings: warnings,
		Reason:   opts.Reason,
		Imported: true,
	}
	out := &Outcome{Period: in.period}
	latest, ok, err := r.latest(def.ID, in.period)
	if err != nil {
		return nil, err
	}
	dec, err := decide(latest, ok, m, false)
	if err != nil {
		return nil, err
	}
	out.Decision, out.Version = dec, dec.Version
	dir := filepath.Join(opts.ArchiveDir, def.ID, in.period.String())
	files := []archive.File{{Name: in.name, Data: in.data}, {Name: "snapshot.json", Data: snapJSON}}
	for _, di := range in.extra {
		files = append(files, archive.File{Name: di.name, Data: di.data}, archive.File{Name: snapshotName(def, di.id), Data: di.json})
	}
	for _, f := range files {
		out.Written = append(out.Written, filepath.Join(dir, f.Name))
	}
	out.Written = append(out.Written, filepath.Join(dir, archive.ManifestName))
	if dec.Plan == NothingNew {
		repairIfBehind(arch, &out.Notes)
		push(ctx, arch, def, &out.Notes, func(string, ...any) {})
		return out, nil
	}
	written, c, err := commit(ctx, opts.ArchiveDir, r.base, archive.Issuance{Manifest: m, Files: files, Author: def.Office.Author}, def, &out.Notes, func(string, ...any) {})
	if errors.As(err, &out.Worktree) {
		out.Notes = append(out.Notes, worktreeNote(out.Worktree))
	} else if err != nil {
		return nil, err
	}
	out.Commit, out.Committed, out.Version = c, true, written.Version
	return out, nil
}

// now is the clock of imports.
var now = time.Now
