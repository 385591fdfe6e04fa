package main

import (
	"fmt"
	"io"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// diffCommand is `bulletin diff REPORT PERIOD [V1 V2]`: what changed
// between two versions of a period (default: the one before the latest and
// the latest): the inputs that changed, the notice text difference, and
// every figure of the snapshot that changed (pipeline.CompareVersions).
func diffCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("diff", stderr)
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（git 仓库）")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 && len(pos) != 4 {
		return usageError{"应给出报告编号和期次，可再给两个版本号。" + usageOf("diff")}
	}
	id := pos[0]
	p, err := report.ParsePeriod(pos[1])
	if err != nil {
		return usageError{err.Error()}
	}
	var v1, v2 int
	if len(pos) == 4 {
		if v1, err = parseVersion(pos[2]); err != nil {
			return err
		}
		if v2, err = parseVersion(pos[3]); err != nil {
			return err
		}
	}
	d, err := pipeline.DiffVersions(*archiveDir, id, p, v1, v2)
	if err != nil {
		return err
	}
	from, to := d.From.Manifest.Version, d.To.Manifest.Version
	fmt.Fprintf(stdout, "%s %s：第%d版（%s，%s）→ 第%d版（%s，%s）\n", id, p, from, statusWords(d.From.Manifest), shortHash(d.From.Commit), to, statusWords(d.To.Manifest), shortHash(d.To.Commit))
	if d.To.Manifest.Reason != "" {
		fmt.Fprintf(stdout, "重新印发原因：%s\n", d.To.Manifest.Reason)
	}
	if len(d.Inputs) > 0 {
		fmt.Fprintf(stdout, "有变化的输入：%s\n", joinWords(d.Inputs))
	}
	for _, e := range []struct {
		v int
		w []string
	}{{from, d.From.Manifest.Warnings}, {to, d.To.Manifest.Warnings}} {
		if len(e.w) > 0 {
			fmt.Fprintf(stdout, "第%d版的警告：\n", e.v)
			for _, w := range e.w {
				fmt.Fprintln(stdout, "  "+zhColons(w))
			}
		}
	}
	fmt.Fprintln(stdout, "\n通报正文（notice.txt）：")
	if d.Text != "" {
		fmt.Fprint(stdout, d.Text)
	} else {
		fmt.Fprintln(stdout, "（无变化）")
	}
	fmt.Fprintln(stdout, "\n数据变化（snapshot.json）：")
	for _, c := range d.Figures {
		fmt.Fprintln(stdout, "  "+c.String())
	}
	fmt.Fprintf(stdout, "共 %d 项数据变化\n", len(d.Figures))
	return nil
}
