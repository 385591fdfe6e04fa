package main

import (
	"context"
	"fmt"
	"io"

	"github.com/bulletin-gov/bulletin/internal/notify"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// tellSummary says on stderr who was told, and who could not be.
func tellSummary(w io.Writer, ds []notify.Delivery) {
	if len(ds) == 0 {
		return
	}
	ok := 0
	for _, d := range ds {
		if d.OK {
			ok++
		}
	}
	fmt.Fprintf(w, "已通知 %d 个收件方", ok)
	if ok < len(ds) {
		fmt.Fprintf(w, "，%d 个未送达（见档案库 %s）", len(ds)-ok, ".records/notify/")
	}
	fmt.Fprintln(w)
}

// tellFailed tells staff that a run failed (the report's notify section
// says who); it never changes the command's outcome.
func tellFailed(archiveDir string, def *report.Definition, p report.Period, err error, stderr io.Writer) {
	if def == nil || err == nil {
		return
	}
	tellSummary(stderr, pipeline.TellFailed(context.Background(), archiveDir, def, p, err, nil))
}
