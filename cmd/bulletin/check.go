package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
	"github.com/bulletin-gov/bulletin/internal/source"
	"github.com/bulletin-gov/bulletin/templates"
)

// checkCommand is `bulletin check`: validate the definition, the template
// and a period's data without issuing anything, listing every problem
// found at once. Warnings are printed and do not fail the check.
func checkCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	reportDir := fs.String("report", defaultReport, "报告文件夹（含 report.yaml）")
	period := fs.String("period", "", "要检查的期间，如 2022Q3；默认为数据源中最新的一期")
	snap := fs.String("snapshot", "", "要检查的数据文件（代替报告配置的数据源）")
	if err := parse(fs, args); err != nil {
		return err
	}
	var p report.Period
	if *period != "" {
		var err error
		if p, err = report.ParsePeriod(*period); err != nil {
			return usageError{err.Error()}
		}
	}
	def, err := report.Load(*reportDir)
	if err != nil {
		return err
	}
	ctx := context.Background()
	var problems []error
	defOK := true
	if ps := metrics.Validate(def); len(ps.Errors()) > 0 {
		problems = append(problems, ps.Errors())
		defOK = false
	}
	if err := notice.Check(def, notice.Options{Templates: templates.FS}); err != nil {
		problems = append(problems, err)
	}

	cur, err := checkSnapshot(ctx, def, &p, *snap)
	if err != nil {
		problems = append(problems, err)
	}
	var warnings report.Problems
	if cur != nil {
		fmt.Fprintf(stdout, "%s %s：%d 个单位\n", p, cur.File, len(cur.Units))
		warnings = append(warnings, cur.Warnings...)
		prev, err := checkPrevious(ctx, def, p)
		if err != nil {
			problems = append(problems, err)
		}
		if prev == nil && err == nil {
			fmt.Fprintf(stdout, "没有上一期（%s）的数据：通报将不作环比比较\n", p.Prev())
		}
		if defOK {
			res, err := metrics.Compute(def, cur, prev)
			if err != nil {
				problems = append(problems, err)
			} else {
				warnings = append(warnings, res.Warnings...)
			}
		}
	}
	for _, w := range warnings {
		fmt.Fprintln(stdout, w.String())
	}
	if len(problems) > 0 {
		return errors.Join(problems...)
	}
	if len(warnings) > 0 {
		fmt.Fprintf(stdout, "检查通过（%d 条警告）\n", len(warnings))
	} else {
		fmt.Fprintln(stdout, "检查通过")
	}
	return nil
}

// checkSnapshot reads the snapshot to check: the file given, or period
// *p's export from the source (the newest when *p is zero). It sets *p.
func checkSnapshot(ctx context.Context, def *report.Definition, p *report.Period, file string) (*snapshot.Snapshot, error) {
	if file != "" {
		if p.IsZero() {
			if q, ok := pipeline.PeriodFromName(file); ok {
				*p = q
			} else {
				*p = report.PeriodOf(time.Now())
			}
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("读取数据文件: %w", err)
		}
		return snapshot.Read(filepath.Base(file), data, def)
	}
	if p.IsZero() {
		q, err := pipeline.NewestPeriod(ctx, def, time.Now())
		if err != nil {
			return nil, err
		}
		*p = q
	}
	name, data, err := source.Fetch(ctx, def, *p)
	if err != nil {
		return nil, err
	}
	return snapshot.Read(name, data, def)
}

// checkPrevious reads the period before p from the source, if it is there.
func checkPrevious(ctx context.Context, def *report.Definition, p report.Period) (*snapshot.Snapshot, error) {
	name, data, err := source.Fetch(ctx, def, p.Prev())
	if errors.Is(err, source.ErrNotYet) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	s, err := snapshot.Read(name, data, def)
	if err != nil {
		return nil, fmt.Errorf("上一期（%s）数据有误:\n%w", p.Prev(), err)
	}
	return s, nil
}
