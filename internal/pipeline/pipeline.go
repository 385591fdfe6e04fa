package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/notify"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// Version is the program version written into every manifest; the build
// may set it with -ldflags "-X .../pipeline.Version=v1.2.3".
var Version = "dev"

// Options are one issuance's settings; the zero value of each field is the
// documented default of `bulletin run`.
type Options struct {
	// Report is the loaded report definition.
	Report *report.Definition
	// Period to issue; zero: the newest period the source holds (or the
	// period named in the snapshot file's name).
	Period report.Period
	// SnapshotFile overrides the report's source.
	SnapshotFile string
	// ArchiveDir is the archive repository (created if missing).
	ArchiveDir string
	// DryRun writes the outputs to OutDir and commits nothing.
	DryRun bool
	// OutDir receives the outputs of a dry run; empty: a new temporary
	// folder.
	OutDir string
	// Reason explains a re-issue of a period whose inputs changed.
	Reason string
	// Date is the 成文日期; zero: today in the report's time zone.
	Date time.Time
	// FontDir is searched for the office's official fonts.
	FontDir string
	// Log receives progress lines for people (stderr of the command).
	Log io.Writer
	// Notifier tells people about the issuance (tell.go); nil: one made
	// from the report's notify section.
	Notifier *notify.Notifier

	// approve is set by Approve: the issuance is a draft's approval.
	approve *approveStep
}

// Outcome says what a run did.
type Outcome struct {
	Period report.Period
	// Written are the paths of the files written (archive or dry-run
	// folder).
	Written []string
	// Commit is the archive commit; Committed is false when the archive
	// already held identical inputs (nothing new: Commit is then the
	// latest version's) or for a dry run.
	Commit    string
	Committed bool
	Version   int
	// Status is the version's state as committed (archive.StatusDraft for
	// a draft; "" or issued for a notice), DocNumber its 发文字号.
	Status    archive.Status
	DocNumber string
	// Deliveries are the notifications sent after the commit (tell.go).
	Deliveries []notify.Delivery
	// Decision is the versioning policy's answer (for a dry run: what a
	// run would do).
	Decision Decision
	// Notes are things the user should know (no previous period, stand-in
	// fonts, warnings).
	Notes []string
	// Worktree is set when the commit was made (the notice is issued) but
	// the archive's worktree files could not be brought up to it; the next
	// run repairs them.
	Worktree *archive.WorktreeError
}

// openArchive opens the archive at dir for reading, or returns nil when
// there is none yet (it is created only when something is committed). A
// folder that is not a bulletin archive is refused.
func openArchive(dir string) (*archive.Archive, error) {
	if dir == "" {
		return nil, nil
	}
	if !archive.Exists(dir) {
		// Refuse now what the commit would refuse (a folder of other
		// files), so that check and a dry run say what run would do.
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			a, err := archive.Open(dir)
			if err != nil {
				return nil, err
			}
			a.Close()
		}
		return nil, nil
	}
	return archive.OpenExisting(dir)
}

// movedError says, in words, that other writers kept committing.
func movedError(dir string, err error) error {
	return fmt.Errorf("档案库 %s 在本次运行过程中被其他进程反复写入（已重试 %d 次），未写入；请稍后再运行: %w", dir, maxAttempts, err)
}

// reading is the archive as a stage reads it: one view of its HEAD, the
// state an issuance is built from and committed on top of. All fields are
// nil (base "") when there is no archive yet.
type reading struct {
	arch *archive.Archive
	view *archive.View
	base string // the view's commit
}

// readArchive opens the archive at dir (openArchive) and a view of its
// HEAD; the caller closes it.
func readArchive(dir string) (*reading, error) {
	a, err := openArchive(dir)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return &reading{}, nil
	}
	v, err := a.View()
	if err != nil {
		a.Close()
		return nil, err
	}
	return &reading{arch: a, view: v, base: v.Commit()}, nil
}

// close closes the archive, if there is one.
func (r *reading) close() {
	if r.arch != nil {
		r.arch.Close()
	}
}

// latest is the period's latest manifest in the view (ok false when
// there is none, or no archive).
func (r *reading) latest(reportID string, p report.Period) (archive.Manifest, bool, error) {
	if r.view == nil {
		return archive.Manifest{}, false, nil
	}
	return r.view.Latest(reportID, p)
}

// maxAttempts bounds how often Issue rebuilds when another writer commits
// between its reading the archive and its taking the lock.
const maxAttempts = 3

// retryMoved runs once again while another writer committed between its
// reading the archive at dir and its commit (archive.ErrMoved), at most
// maxAttempts times; then the error says so (movedError).
func retryMoved[T any](dir string, once func() (T, error)) (T, error) {
	for attempt := 1; ; attempt++ {
		out, err := once()
		if !errors.Is(err, archive.ErrMoved) {
			return out, err
		}
		if attempt >= maxAttempts {
			var zero T
			return zero, movedError(dir, err)
		}
	}
}

// Issue runs one issuance. Everything (export, previous period, figures,
// notice, PDF, workbook) is read and built from one state of the archive
// without holding its lock; the writer lock is taken only to commit, and
// if another writer committed meanwhile, the issuance is built again.
func Issue(ctx context.Context, opts Options) (*Outcome, error) {
	if err := checkID(opts.Report); err != nil {
		return nil, err
	}
	reason, err := checkReason(opts.Reason)
	if err != nil {
		return nil, err
	}
	opts.Reason = reason
	if opts.DryRun && opts.OutDir != "" {
		if err := archive.CheckOutside(opts.ArchiveDir, opts.OutDir); err != nil {
			return nil, err
		}
	}
	return retryMoved(opts.ArchiveDir, func() (*Outcome, error) { return issueOnce(ctx, opts) })
}

func issueOnce(ctx context.Context, opts Options) (*Outcome, error) {
	def := opts.Report
	logf := func(format string, a ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", a...)
		}
	}
	out := &Outcome{}
	if !opts.DryRun && opts.ArchiveDir == "" {
		return nil, errors.New("pipeline: no archive folder")
	}
	loc, err := location(def)
	if err != nil {
		return nil, err
	}
	// A period that has not ended may be previewed, not issued.
	notEnded := func(p report.Period) error {
		err := ended(p, loc, time.Now())
		if err != nil && opts.DryRun {
			out.Notes = append(out.Notes, err.Error())
			return nil
		}
		return err
	}
	if err := notEnded(opts.Period); err != nil {
		return nil, err
	}
	r, err := readArchive(opts.ArchiveDir)
	if err != nil {
		return nil, err
	}
	defer r.close()
	arch, view := r.arch, r.view
	in, err := loadInputs(ctx, def, opts, view, logf)
	if err != nil {
		return nil, err
	}
	out.Period = in.period
	if opts.Period.IsZero() {
		if err := notEnded(in.period); err != nil {
			return nil, err
		}
	}
	out.Notes = append(out.Notes, in.notes...)
	pr, err := prepare(def, in, opts, arch)
	if err != nil {
		return nil, err
	}
	out.Notes = append(out.Notes, pr.notes...)
	stamp(&pr.manifest, opts)
	pr.draft = drafting(opts)
	out.Status, out.DocNumber = pr.manifest.Status, pr.manifest.DocNumber

	latest, ok, err := r.latest(def.ID, in.period)
	if err != nil {
		return nil, err
	}
	dec, decErr := decideFor(opts, latest, ok, &pr.manifest, pr.explicitDate)
	out.Decision, out.Version = dec, dec.Version
	dir := filepath.Join(opts.ArchiveDir, def.ID, in.period.String())

	if opts.DryRun {
		if decErr != nil {
			out.Notes = append(out.Notes, decErr.Error())
		}
		files, err := pr.outputs(def)
		if err != nil {
			return nil, err
		}
		outDir := opts.OutDir
		if outDir == "" {
			outDir, err = os.MkdirTemp("", "bulletin-")
			if err != nil {
				return nil, err
			}
		}
		paths, err := writeFiles(outDir, files)
		if err != nil {
			return nil, err
		}
		out.Written = paths
		return out, nil
	}
	if decErr != nil {
		return nil, decErr
	}
	if dec.Plan == NothingNew {
		files, err := view.Files(def.ID, in.period, 0)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			out.Written = append(out.Written, filepath.Join(dir, f.Name))
		}
		if e, err := view.Version(def.ID, in.period, 0); err == nil {
			out.Commit = e.Commit
		}
		repairIfBehind(arch, &out.Notes)
		push(ctx, arch, def, &out.Notes, logf)
		return out, nil
	}

	files, err := pr.outputs(def)
	if err != nil {
		return nil, err
	}
	m, commit, err := commit(ctx, opts.ArchiveDir, r.base, archive.Issuance{
		Manifest:    pr.manifest,
		Files:       files,
		Author:      def.Office.Author,
		Headline:    pr.headline,
		Event:       event(opts),
		KeepVersion: dec.Replacing,
	}, def, &out.Notes, logf)
	if errors.As(err, &out.Worktree) {
		out.Notes = append(out.Notes, worktreeNote(out.Worktree))
	} else if err != nil {
		return nil, err
	}
	out.Commit, out.Committed, out.Version = commit, true, m.Version
	for _, f := range files {
		out.Written = append(out.Written, filepath.Join(dir, f.Name))
	}
	out.Written = append(out.Written, filepath.Join(dir, archive.ManifestName))
	out.Deliveries = tellIssued(ctx, opts, m, files, &out.Notes)
	return out, nil
}

// commit opens (or creates) the archive, takes the writer lock only for
// the commit itself, and pushes afterwards. base is the HEAD the issuance
// was built on; archive.ErrMoved says another writer came first.
func commit(ctx context.Context, dir, base string, iss archive.Issuance, def *report.Definition, notes *[]string, logf func(string, ...any)) (archive.Manifest, string, error) {
	a, err := archive.Open(dir)
	if err != nil {
		return archive.Manifest{}, "", err
	}
	defer a.Close()
	unlock, err := a.Lock(iss.Manifest.Report + " " + iss.Manifest.Period.String())
	if err != nil {
		return archive.Manifest{}, "", err
	}
	m, c, err := a.Put(iss, base)
	unlock()
	var wt *archive.WorktreeError
	if err != nil && !errors.As(err, &wt) {
		return m, c, err
	}
	push(ctx, a, def, notes, logf)
	return m, c, err
}

// worktreeNote says what a commit whose worktree update failed did, and
// what to do.
func worktreeNote(e *archive.WorktreeError) string {
	return fmt.Sprintf("通报已印发并存档（提交 %.12s，标签已建），请勿重复印发；但档案库 %s 文件夹中的文件未能更新（%v）。排除原因（如磁盘已满）后再运行一次同样的命令，即会补齐这些文件", e.Commit, e.Dir, e.Err)
}

// repairIfBehind brings an archive whose worktree an earlier run left
// behind HEAD (a full disk, a crash) up to date, so that a rerun that
// commits nothing still repairs it.
func repairIfBehind(a *archive.Archive, notes *[]string) {
	if a == nil {
		return
	}
	if ok, err := a.Synced(); err != nil || ok {
		return
	}
	if err := a.Repair(); err != nil {
		*notes = append(*notes, fmt.Sprintf("档案库工作区文件落后于最新提交，修复未成功（下次运行再试）：%v", err))
		return
	}
	*notes = append(*notes, "已补齐档案库工作区中此前未能更新的文件")
}

// push sends the archive to the report's remote, after every run, also
// one that committed nothing, so that a push that failed earlier is
// completed. The issuance is safe in the local archive; a failed push is a
// note, and the next run sends whatever the remote still lacks. It needs
// no lock: it reads refs and immutable objects.
func push(ctx context.Context, a *archive.Archive, def *report.Definition, notes *[]string, logf func(string, ...any)) {
	if def.Archive.Remote == "" || a == nil {
		return
	}
	if err := a.Push(ctx, archive.PushOptionsFor(def.Archive)); err != nil {
		*notes = append(*notes, err.Error())
	} else {
		logf("已推送到 %s", def.Archive.Remote)
	}
}

// writeFiles writes files into dir, all or nothing (archive.WriteOut),
// and returns their paths.
func writeFiles(dir string, files []archive.File) ([]string, error) {
	paths, err := archive.WriteOut(dir, files)
	if err != nil {
		return nil, fmt.Errorf("写出到 %s 未完成，该文件夹中原有的文件未被改动: %w", dir, err)
	}
	return paths, nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
