package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
)

// importCommand is `bulletin import FILE [FILE…]`: record a past period's
// snapshot in the archive without issuing a notice, so that the next
// notice can compare against it; a report with datasets: takes one file
// per dataset, in their order. The rules are run's (pipeline.Import).
func importCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	flags := addReportFlags(fs, reportHelp{
		period:  "数据所属的`期次`，如 2022Q2；默认从文件名中识别",
		archive: "档案库`文件夹`（git 仓库，不存在则创建）",
		reason:  "更正已导入的数据时说明`原因`",
	})
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 {
		return usageError{"应给出数据文件。" + usageOf("import")}
	}
	shared, err := flags.options()
	if err != nil {
		return err
	}
	def := shared.Report
	opts := pipeline.ImportOptions{Report: def, Period: shared.Period, File: pos[0], Others: pos[1:], ArchiveDir: shared.ArchiveDir, Reason: shared.Reason}
	out, err := pipeline.Import(context.Background(), opts)
	if err != nil {
		return withFlags(err)
	}
	for _, n := range out.Notes {
		fmt.Fprintf(stderr, "注意：%s\n", zhColons(n))
	}
	if out.Committed {
		fmt.Fprintf(stderr, "已导入 %s %s 的历史数据（第%d版）：提交 %s\n", def.ID, out.Period, out.Version, shortHash(out.Commit))
	} else {
		fmt.Fprintf(stderr, "档案库中已有相同的 %s %s 数据，未新增提交\n", def.ID, out.Period)
	}
	fmt.Fprintln(stdout, filepath.Join(opts.ArchiveDir, def.ID, out.Period.String()))
	return nil
}
