package main

import (
	"context"
	"fmt"
	"io"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// checkCommand is `bulletin check`: what `run` would do now, without
// issuing anything. It lists every problem found at once and says whether
// a run would be a first issue, a new version (which needs --reason) or
// nothing new. Warnings are printed and do not fail the check.
func checkCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	reportDir := fs.String("report", defaultReport, "报告`文件夹`（含 report.yaml）")
	period := fs.String("period", "", "要检查的`期次`，如 2022Q3（按月通报的报告写 2022-10，半年 2022H2，年 2022，截至日期 2021-11-04）；默认为数据源中最新的一期")
	snap := fs.String("snapshot", "", "要检查的数据`文件`（代替报告配置的数据源）")
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（上一期数据先从这里取，与 run 相同）")
	reason := fs.String("reason", "", "与 run 相同：重新印发的`原因`")
	date := fs.String("date", "", "与 run 相同：成文`日期`，如 2022-11-04")
	fontDir := fs.String("fonts", defaultFonts(), "与 run 相同：存放正式字体的`文件夹`")
	if err := parse(fs, args); err != nil {
		return err
	}
	opts := pipeline.Options{SnapshotFile: *snap, ArchiveDir: *archiveDir, Reason: *reason, FontDir: *fontDir}
	if err := periodFlag(*period, &opts.Period); err != nil {
		return err
	}
	if err := dateFlag(*date, &opts.Date); err != nil {
		return err
	}
	def, err := report.Load(*reportDir)
	if err != nil {
		return err
	}
	opts.Report = def
	c, err := pipeline.Check(context.Background(), opts)
	if c != nil && c.File != "" {
		fmt.Fprintf(stdout, "%s %s：%d 个单位\n", c.Period, c.File, c.Units)
		switch {
		case c.PrevPeriod.IsZero():
			fmt.Fprintln(stdout, "档案库中没有更早印发的通报：通报将不作比较")
		case c.PrevFrom == "":
			fmt.Fprintf(stdout, "没有上一期（%s）的数据：通报将不作环比比较\n", c.PrevPeriod)
		default:
			fmt.Fprintf(stdout, "上一期（%s）：%s\n", c.PrevPeriod, c.PrevFrom)
		}
		for _, ds := range c.Datasets {
			fmt.Fprintf(stdout, "数据集 %s：%s：%d 个单位", ds.ID, ds.File, ds.Units)
			if ds.PrevFrom != "" {
				fmt.Fprintf(stdout, "；上一期：%s", ds.PrevFrom)
			}
			fmt.Fprintln(stdout)
		}
	}
	if c != nil && c.NoPeriod != nil {
		fmt.Fprintf(stdout, "%s；已按 %s 检查，运行时请用 --period 指明\n", c.NoPeriod, c.Period)
	}
	if c != nil {
		for _, w := range c.Warnings {
			fmt.Fprintln(stdout, zhColons(w.String()))
		}
	}
	if err != nil {
		return err
	}
	for _, n := range c.Notes {
		fmt.Fprintf(stdout, "注意：%s\n", zhColons(n))
	}
	switch d := c.Decision; {
	case d.Plan == pipeline.NothingNew:
		fmt.Fprintf(stdout, "运行结果：档案库中已有输入相同的第%d版，run 不会新增提交\n", d.Version)
	case d.Plan == pipeline.FirstIssue && d.Superseding:
		fmt.Fprintf(stdout, "运行结果：首次印发（第%d版，取代导入的历史数据）\n", d.Version)
	case d.Plan == pipeline.FirstIssue:
		fmt.Fprintln(stdout, "运行结果：首次印发（第1版）")
	case c.ReasonNeeded != nil:
		fmt.Fprintf(stdout, "运行结果：将成为第%d版（%s有变化），需要用 --reason \"……\" 说明重新印发的原因\n", d.Version, joinWords(d.Changed))
	default:
		fmt.Fprintf(stdout, "运行结果：将成为第%d版（%s有变化）\n", d.Version, joinWords(d.Changed))
	}
	if len(c.Warnings) > 0 {
		fmt.Fprintf(stdout, "检查通过（%d 条警告）\n", len(c.Warnings))
	} else {
		fmt.Fprintln(stdout, "检查通过")
	}
	return nil
}
