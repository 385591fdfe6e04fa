package archive

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Commit messages are for people (Chinese: which notice, period and
// version, why it was reissued, the headline figures) and end with three
// trailers that let Log list issuances without opening any tree:
//
//	Bulletin-Report: hengyang-county
//	Bulletin-Period: 2022Q3
//	Bulletin-Version: 2
const (
	trailerReport  = "Bulletin-Report: "
	trailerPeriod  = "Bulletin-Period: "
	trailerVersion = "Bulletin-Version: "
)

// TagName is the tag of one version: <report-id>/<period>/v<N>.
func TagName(reportID string, p report.Period, version int) string {
	return fmt.Sprintf("%s/%s/v%d", reportID, p, version)
}

func subject(m Manifest) string {
	if m.Imported {
		return fmt.Sprintf("导入 %s %s 历史数据（第%d版）", m.Report, m.Period, m.Version)
	}
	title := m.Title
	if title == "" {
		title = m.Report + " 通报"
	}
	return fmt.Sprintf("印发 %s（%s 第%d版）", title, m.Period, m.Version)
}

func message(m Manifest, headline []string) string {
	var b strings.Builder
	b.WriteString(subject(m))
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "报告：%s\n期间：%s\n版本：第%d版\n", m.Report, m.Period, m.Version)
	if m.DocNumber != "" {
		fmt.Fprintf(&b, "发文字号：%s\n", m.DocNumber)
	}
	if !m.Issued.IsZero() {
		fmt.Fprintf(&b, "成文日期：%s\n", m.Issued.Format("2006-01-02"))
	}
	if m.Reason != "" {
		fmt.Fprintf(&b, "重新印发原因：%s\n", oneLine(m.Reason))
	}
	if len(headline) > 0 {
		b.WriteString("\n主要数据：\n")
		for _, h := range headline {
			fmt.Fprintf(&b, "- %s\n", oneLine(h))
		}
	}
	if len(m.Warnings) > 0 {
		b.WriteString("\n警告：\n")
		for _, w := range m.Warnings {
			fmt.Fprintf(&b, "- %s\n", oneLine(w))
		}
	}
	fmt.Fprintf(&b, "\n%s%s\n%s%s\n%s%d\n", trailerReport, m.Report, trailerPeriod, m.Period, trailerVersion, m.Version)
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// issuanceOf reads the trailers of a commit message; ok is false for
// commits bulletin did not make.
func issuanceOf(msg string) (reportID string, p report.Period, version int, ok bool) {
	var haveP, haveV bool
	for _, line := range strings.Split(msg, "\n") {
		switch {
		case strings.HasPrefix(line, trailerReport):
			reportID = strings.TrimSpace(line[len(trailerReport):])
		case strings.HasPrefix(line, trailerPeriod):
			q, err := report.ParsePeriod(line[len(trailerPeriod):])
			p, haveP = q, err == nil
		case strings.HasPrefix(line, trailerVersion):
			n, err := strconv.Atoi(strings.TrimSpace(line[len(trailerVersion):]))
			version, haveV = n, err == nil
		}
	}
	return reportID, p, version, reportID != "" && haveP && haveV
}

// tagFor is the annotated tag of a bulletin commit. It is a pure function of
// the commit, so that repair can recreate exactly the tag object a crash
// kept from being referenced.
func tagFor(c *object.Commit) (name string, tag *object.Tag, ok bool) {
	r, p, v, ok := issuanceOf(c.Message)
	if !ok {
		return "", nil, false
	}
	name = TagName(r, p, v)
	subj, _, _ := strings.Cut(c.Message, "\n")
	return name, &object.Tag{
		Name:       name,
		Tagger:     c.Author,
		Message:    subj + "\n",
		TargetType: plumbing.CommitObject,
		Target:     c.Hash,
	}, true
}
