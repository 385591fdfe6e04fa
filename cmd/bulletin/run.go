package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// defaultReport is the bundled sample report, relative to the repository.
const defaultReport = "reports/hengyang-county"

// runCommand is `bulletin run`: issue one notice.
func runCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", stderr)
	reportDir := fs.String("report", defaultReport, "报告`文件夹`（含 report.yaml）")
	period := fs.String("period", "", "要印发的`期次`，如 2022Q3（按月通报的报告写 2022-10，半年 2022H2，年 2022，截至日期 2021-11-04）；默认为数据源中最新的一期")
	snap := fs.String("snapshot", "", "数据`文件`（.xlsx/.csv），代替报告配置的数据源")
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（git 仓库，不存在则创建）")
	dryRun := fs.Bool("dry-run", false, "试运行：只把文件写到 --out，不动档案库")
	outDir := fs.String("out", "", "试运行的输出`文件夹`；默认新建临时文件夹")
	reason := fs.String("reason", "", "重新印发（数据或模板有变）的`原因`")
	date := fs.String("date", "", "成文`日期`，如 2022-11-04；默认今天")
	fontDir := fs.String("fonts", defaultFonts(), "存放正式字体（仿宋、黑体、楷体、小标宋）的`文件夹`；也可用环境变量 BULLETIN_FONTS")
	if err := parse(fs, args); err != nil {
		return err
	}
	opts := pipeline.Options{
		SnapshotFile: *snap,
		ArchiveDir:   *archiveDir,
		DryRun:       *dryRun,
		OutDir:       *outDir,
		Reason:       *reason,
		FontDir:      *fontDir,
		Log:          stderr,
	}
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out, err := pipeline.Issue(ctx, opts)
	if err != nil {
		if !opts.DryRun {
			tellFailed(opts.ArchiveDir, def, opts.Period, err, stderr)
		}
		return withFlags(err)
	}
	for _, n := range out.Notes {
		fmt.Fprintf(stderr, "注意：%s\n", zhColons(n))
	}
	if opts.DryRun && out.Decision.Plan == pipeline.NewVersion && opts.Reason == "" {
		fmt.Fprintln(stderr, "注意：正式运行时请用 --reason \"……\" 说明重新印发的原因")
	}
	switch {
	case opts.DryRun:
		fmt.Fprintf(stderr, "试运行：%s 的文件已写出，档案库未改动\n", out.Period)
	case out.Worktree != nil:
		fmt.Fprintf(stderr, "已存档 %s 第 %d 版：提交 %.12s；档案库工作区文件尚待补齐（见上面的注意）\n", out.Period, out.Version, out.Commit)
	case out.Committed && out.Status == archive.StatusDraft:
		fmt.Fprintf(stderr, "已存档 %s 第 %d 版送审稿（发文字号待签发时编号）：提交 %.12s；签发：bulletin approve %s %s --by 签发人\n", out.Period, out.Version, out.Commit, def.ID, out.Period)
	case out.Committed && out.Decision.Changed != nil && !out.Decision.Superseding:
		fmt.Fprintf(stderr, "已存档 %s 第 %d 版（%s有变化）：提交 %.12s\n", out.Period, out.Version, joinWords(out.Decision.Changed), out.Commit)
	case out.Committed:
		fmt.Fprintf(stderr, "已存档 %s 第 %d 版：提交 %.12s\n", out.Period, out.Version, out.Commit)
	case out.Status == archive.StatusDraft:
		fmt.Fprintf(stderr, "档案库中已有输入相同的 %s 送审稿（第 %d 版），等待签发，未新增提交\n", out.Period, out.Version)
	default:
		fmt.Fprintf(stderr, "档案库中已有输入相同的 %s 通报（第 %d 版），未新增提交\n", out.Period, out.Version)
	}
	tellSummary(stderr, out.Deliveries)
	for _, p := range out.Written {
		fmt.Fprintln(stdout, p)
	}
	return nil
}
