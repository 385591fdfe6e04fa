package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
	"github.com/bulletin-gov/bulletin/templates"
)

// checkCommand is `bulletin check`: validate the definition, the template
// and the data without issuing, listing every problem found.
func checkCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	reportDir := fs.String("report", defaultReport, "报告文件夹（含 report.yaml）")
	snap := fs.String("snapshot", "", "要检查的数据文件；默认为数据源中最新的一期")
	if err := parse(fs, args); err != nil {
		return err
	}
	def, err := report.Load(*reportDir)
	if err != nil {
		return err
	}
	var problems []error
	if err := notice.Check(def, notice.Options{Templates: templates.FS}); err != nil {
		problems = append(problems, err)
	}
	path := *snap
	if path == "" {
		p, err := pipeline.NewestPeriod(def)
		if err == nil {
			path, err = pipeline.SourcePath(def, p)
		}
		if err != nil {
			problems = append(problems, err)
		}
	}
	var warnings report.Problems
	if path != "" {
		s, err := snapshot.ReadFile(path, def)
		if err != nil {
			problems = append(problems, err)
		} else {
			warnings = s.Warnings
			fmt.Fprintf(stdout, "%s：%d 个单位\n", path, len(s.Units))
		}
	}
	for _, w := range warnings {
		fmt.Fprintln(stdout, w.String())
	}
	if len(problems) > 0 {
		return errors.Join(problems...)
	}
	fmt.Fprintln(stdout, "检查通过")
	return nil
}
