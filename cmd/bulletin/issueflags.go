package main

import (
	"flag"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// The flags run, check and import share, declared and read in one place;
// each command words their help for itself.

// reportHelp is a command's help for the shared flags; an empty text
// leaves its flag out.
type reportHelp struct {
	period, archive, reason  string // run, check and import
	snapshot, date, fontDirs string // run and check
}

// reportFlags are the shared flags as declared on one command's flag set.
type reportFlags struct {
	report, period, archive, reason *string
	snapshot, date, fonts           *string
}

// addReportFlags declares --report, --period, --archive and --reason, and
// --snapshot, --date and --fonts where help words them.
func addReportFlags(fs *flag.FlagSet, help reportHelp) reportFlags {
	f := reportFlags{
		report:  fs.String("report", defaultReport, "报告`文件夹`（含 report.yaml）"),
		period:  fs.String("period", "", help.period),
		archive: fs.String("archive", "archive", help.archive),
		reason:  fs.String("reason", "", help.reason),
	}
	if help.snapshot != "" {
		f.snapshot = fs.String("snapshot", "", help.snapshot)
		f.date = fs.String("date", "", help.date)
		f.fonts = fs.String("fonts", "", help.fontDirs)
	}
	return f
}

// options reads the parsed flags into the pipeline's options: --period,
// then --date (usage errors, exit 2), then the report's definition.
func (f reportFlags) options() (pipeline.Options, error) {
	opts := pipeline.Options{ArchiveDir: *f.archive, Reason: *f.reason}
	if f.snapshot != nil {
		opts.SnapshotFile, opts.FontDir = *f.snapshot, *f.fonts
	}
	if err := periodFlag(*f.period, &opts.Period); err != nil {
		return opts, err
	}
	if f.date != nil {
		if err := dateFlag(*f.date, &opts.Date); err != nil {
			return opts, err
		}
	}
	def, err := report.Load(*f.report)
	if err != nil {
		return opts, err
	}
	opts.Report = def
	return opts, nil
}
