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
}

// Outcome says what a run did.
type Outcome struct {
	Period report.Period
	// Written are the paths of the files written (archive or dry-run
	// folder).
	Written []string
	// Commit is the archive commit; Committed is false when the archive
	// already held identical inputs (nothing new) or for a dry run.
	Commit    string
	Committed bool
	Version   int
	// Notes are things the user should know (no previous period, stand-in
	// fonts, warnings).
	Notes []string
}

// Issue runs one issuance.
func Issue(ctx context.Context, opts Options) (*Outcome, error) {
	def := opts.Report
	logf := func(format string, a ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", a...)
		}
	}
	out := &Outcome{}

	var arch *archive.Archive
	if !opts.DryRun {
		a, err := archive.Open(opts.ArchiveDir)
		if err != nil {
			return nil, err
		}
		defer a.Close()
		unlock, err := a.Lock()
		if err != nil {
			return nil, err
		}
		defer unlock()
		arch = a
	} else if opts.ArchiveDir != "" {
		// A dry run still reads the previous period from an existing
		// archive, but never creates or changes one.
		if fi, err := os.Stat(filepath.Join(opts.ArchiveDir, ".git")); err == nil && fi.IsDir() {
			a, err := archive.Open(opts.ArchiveDir)
			if err != nil {
				return nil, err
			}
			defer a.Close()
			arch = a
		}
	}

	in, err := loadInputs(ctx, def, opts, arch, logf)
	if err != nil {
		return nil, err
	}
	out.Period = in.period
	out.Notes = append(out.Notes, in.notes...)
	if err := notCopiedFromPrevious(def, in, arch); err != nil {
		return nil, err
	}

	built, err := build(def, in, opts, arch)
	if err != nil {
		return nil, err
	}
	out.Notes = append(out.Notes, built.notes...)

	if opts.DryRun {
		dir := opts.OutDir
		if dir == "" {
			dir, err = os.MkdirTemp("", "bulletin-")
			if err != nil {
				return nil, err
			}
		}
		paths, err := writeFiles(dir, built.files)
		if err != nil {
			return nil, err
		}
		out.Written = paths
		return out, nil
	}

	commit, committed, err := arch.Commit(archive.Issuance{
		Manifest: built.manifest,
		Files:    built.files,
		Author:   def.Office.Author,
		Headline: built.headline,
	})
	if err != nil {
		return nil, err
	}
	out.Commit, out.Committed = commit, committed
	dir := filepath.Join(opts.ArchiveDir, def.ID, in.period.String())
	for _, f := range built.files {
		out.Written = append(out.Written, filepath.Join(dir, f.Name))
	}
	out.Written = append(out.Written, filepath.Join(dir, "manifest.json"))
	if m, ok, err := latestManifest(arch, def.ID, in.period); err == nil && ok {
		out.Version = m.Version
	}
	// The issuance is safe in the local archive; a failed push is a note,
	// and the next run sends whatever the remote still lacks.
	if def.Archive.Remote != "" {
		if err := arch.Push(ctx, archive.PushOptionsFor(def.Archive)); err != nil {
			out.Notes = append(out.Notes, err.Error())
		} else {
			logf("已推送到 %s", def.Archive.Remote)
		}
	}
	return out, nil
}

// ErrSameAsPrevious matches the error of a run whose export is byte for
// byte the one archived for the period before: the platform has not yet
// exported the new quarter (it served last quarter's file again).
var ErrSameAsPrevious = errors.New("数据文件与上一期相同")

// notCopiedFromPrevious refuses an export identical to the one the
// archive holds for the previous period, which would issue last
// quarter's figures under this quarter's title.
func notCopiedFromPrevious(def *report.Definition, in *inputs, arch *archive.Archive) error {
	if arch == nil {
		return nil
	}
	pp := in.period.Prev()
	m, ok, err := latestManifest(arch, def.ID, pp)
	if err != nil || !ok {
		return err
	}
	h := sha(in.data)
	for name, v := range m.Inputs {
		if v == h && name != PreviousInput {
			return fmt.Errorf("%w：%s 与档案中 %s 的 %s 完全相同，平台可能尚未导出 %s 的数据；未印发。请取得 %s 的导出文件后再运行",
				ErrSameAsPrevious, in.name, pp, name, in.period, in.period)
		}
	}
	return nil
}

// writeFiles writes files into dir and returns their paths.
func writeFiles(dir string, files []archive.File) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("创建输出文件夹: %w", err)
	}
	var paths []string
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, fmt.Errorf("写入 %s: %w", p, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// ErrNoPeriod is returned when no period was given and none can be told
// from the source.
var ErrNoPeriod = errors.New("无法确定要通报的期间")
