package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
)

// logCommand is `bulletin log`: list the archived issuances and their
// changes of state, newest first, one per line: tag, 成文日期, 发文字号,
// title, commit, status (草稿, 已签发, 已用印, 已撤回; 导入), the 签发人, the
// reason of a re-issue and how many warnings it had; then each warning on
// a line of its own, indented by a tab. The columns before the status are
// as before drafts existed (scripts read them).
func logCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("log", stderr)
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（git 仓库）")
	reportID := fs.String("report", "", "只列出这个报告（`报告编号`，如 hengyang-county）")
	if err := parse(fs, args); err != nil {
		return err
	}
	entries, err := pipeline.History(*archiveDir, *reportID)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		fmt.Fprintln(stderr, "档案库中还没有通报")
		return nil
	}
	for _, e := range entries {
		m := e.Manifest
		date := ""
		if !m.Issued.IsZero() {
			date = m.Issued.Format("2006-01-02")
		}
		title := m.Title
		if m.Imported {
			title = "（历史数据导入，无通报）"
		}
		cols := []string{e.Tag, date, m.DocNumber, title, shortHash(e.Commit), statusWords(m)}
		if m.Approval != nil {
			cols = append(cols, "签发人："+m.Approval.By)
		}
		if m.Reason != "" {
			cols = append(cols, "原因："+m.Reason)
		}
		if len(m.Warnings) > 0 {
			cols = append(cols, fmt.Sprintf("警告%d条", len(m.Warnings)))
		}
		fmt.Fprintln(stdout, strings.Join(cols, "\t"))
		for _, w := range m.Warnings {
			fmt.Fprintln(stdout, "\t"+zhColons(w))
		}
	}
	return nil
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// statusWords is a version's status for people; an import has none.
func statusWords(m archive.Manifest) string {
	if m.Imported {
		return "导入"
	}
	return m.Status.Words()
}
