package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// approveCommand is `bulletin approve REPORT PERIOD --by 签发人
// [--doc-number TEXT]`: issue the period's pending draft (签发).
func approveCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("approve", stderr)
	reports := fs.String("reports", "reports", "报告总`文件夹`（给出的是报告编号时，在这里找报告）")
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（git 仓库）")
	by := fs.String("by", "", "`签发人`姓名（必填）")
	docNumber := fs.String("doc-number", "", "`发文字号`；默认取发文登记簿的下一个号")
	fontDir := fs.String("fonts", "", "存放正式字体的`文件夹`（应与生成送审稿时相同）；也可用环境变量 BULLETIN_FONTS")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"应给出签发人、报告和期次。" + usageOf("approve")}
	}
	if *by == "" {
		return usageError{"请用 --by 写明签发人"}
	}
	def, err := loadReport(*reports, pos[0])
	if err != nil {
		return err
	}
	p, err := report.ParsePeriod(pos[1])
	if err != nil {
		return usageError{err.Error()}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out, err := pipeline.Approve(ctx, pipeline.ApproveOptions{Report: def, Period: p, ArchiveDir: *archiveDir,
		By: *by, DocNumber: *docNumber, FontDir: *fontDir, Log: stderr})
	if err != nil {
		return withFlags(err)
	}
	for _, n := range out.Notes {
		fmt.Fprintf(stderr, "注意：%s\n", zhColons(n))
	}
	fmt.Fprintf(stderr, "已签发 %s 第 %d 版，发文字号 %s，签发人 %s：提交 %.12s\n", out.Period, out.Version, out.DocNumber, *by, out.Commit)
	tellSummary(stderr, out.Deliveries)
	for _, p := range out.Written {
		fmt.Fprintln(stdout, p)
	}
	return nil
}

// rejectCommand is `bulletin reject REPORT PERIOD --reason …`: send the
// pending draft back; the next run makes a new draft.
func rejectCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("reject", stderr)
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（git 仓库）")
	reason := fs.String("reason", "", "退回`原因`（必填）")
	by := fs.String("by", "", "退回人`姓名`")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"应给出退回原因、报告和期次。" + usageOf("reject")}
	}
	if *reason == "" {
		return usageError{"请用 --reason 说明退回原因"}
	}
	p, err := report.ParsePeriod(pos[1])
	if err != nil {
		return usageError{err.Error()}
	}
	m, c, err := pipeline.Reject(pipeline.RejectOptions{ArchiveDir: *archiveDir, ReportID: reportID(pos[0]), Period: p, Reason: *reason, By: *by})
	if err != nil {
		return withFlags(err)
	}
	fmt.Fprintf(stderr, "已退回 %s %s 第 %d 版送审稿（%s）：提交 %.12s；下次运行将生成新的送审稿\n", m.Report, m.Period, m.Version, *reason, c)
	return nil
}

// attachSignedCommand is `bulletin attach-signed REPORT PERIOD FILE`:
// store a copy signed or sealed elsewhere (PDF or OFD) as the latest
// version's signed copy.
func attachSignedCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("attach-signed", stderr)
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（git 仓库）")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return usageError{"应给出报告编号、期次和用印件。" + usageOf("attach-signed")}
	}
	p, err := report.ParsePeriod(pos[1])
	if err != nil {
		return usageError{err.Error()}
	}
	data, err := readLimited(pos[2])
	if err != nil {
		return err
	}
	m, c, err := pipeline.AttachSigned(*archiveDir, reportID(pos[0]), p, pos[2], data, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "已存档 %s %s 第 %d 版的用印件 %s（SHA-256 %s）：提交 %.12s\n", m.Report, m.Period, m.Version, m.Signed.File, m.Signed.SHA256, c)
	fmt.Fprintln(stdout, filepath.Join(*archiveDir, m.Report, m.Period.String(), m.Signed.File))
	return nil
}

// maxSignedSize bounds a signed copy read into memory.
const maxSignedSize = 200 << 20

// readLimited reads a file of at most maxSignedSize bytes.
func readLimited(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("读取 %s：%w", path, err)
	}
	if fi.Size() > maxSignedSize {
		return nil, fmt.Errorf("%s 有 %d MB，超过用印件的上限 %d MB", path, fi.Size()>>20, maxSignedSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读取 %s：%w", path, err)
	}
	return data, nil
}

// loadReport loads a report given as a folder (holding report.yaml) or
// as an id under the reports folder.
func loadReport(reports, arg string) (*report.Definition, error) {
	if fi, err := os.Stat(filepath.Join(arg, report.FileName)); err == nil && !fi.IsDir() {
		return report.Load(arg)
	}
	dir := filepath.Join(reports, arg)
	if _, err := os.Stat(filepath.Join(dir, report.FileName)); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("找不到报告 %s：既不是含 %s 的文件夹，也不在 %s 中（用 --reports 指定报告所在的文件夹）", arg, report.FileName, reports)
	}
	return report.Load(dir)
}

// reportID is the id of a report given as an id or a folder (its name).
func reportID(arg string) string {
	if fi, err := os.Stat(filepath.Join(arg, report.FileName)); err == nil && !fi.IsDir() {
		if def, err := report.Load(arg); err == nil {
			return def.ID
		}
	}
	return arg
}
