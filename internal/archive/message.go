package archive

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Commit messages are for people (Chinese: which notice, period and
// version, why it was reissued, the headline figures) and end with git
// trailers that let Log list issuances from the commits alone, without
// opening any tree (one object read per issuance):
//
//	Bulletin-Report: hengyang-county
//	Bulletin-Period: 2022Q3
//	Bulletin-Version: 2
//	Bulletin-Issued: 2022-11-04T00:00:00+08:00
//	Bulletin-Doc-Number: 衡县政务公开办〔2022〕3号
//	Bulletin-Title: 关于2022年第三季度全县“互联网+监管”工作情况的通报
//	Bulletin-Reason: 县发改局已认领数更正
//	Bulletin-Imported: true
const (
	trailerReport   = "Bulletin-Report: "
	trailerPeriod   = "Bulletin-Period: "
	trailerVersion  = "Bulletin-Version: "
	trailerIssued   = "Bulletin-Issued: "
	trailerDocNum   = "Bulletin-Doc-Number: "
	trailerTitle    = "Bulletin-Title: "
	trailerReason   = "Bulletin-Reason: "
	trailerImported = "Bulletin-Imported: "
	trailerStatus   = "Bulletin-Status: "
	trailerEvent    = "Bulletin-Event: "
	trailerApprover = "Bulletin-Approved-By: "
)

// TagName is the tag of one version: <report-id>/<period>/v<N>.
func TagName(reportID string, p report.Period, version int) string {
	return fmt.Sprintf("%s/%s/v%d", reportID, p, version)
}

func subject(m Manifest, event string) string {
	if s := eventSubject(m, event); s != "" {
		return s
	}
	if m.Imported {
		return fmt.Sprintf("导入 %s %s 历史数据（第%d版）", m.Report, m.Period, m.Version)
	}
	title := oneLine(m.Title)
	if title == "" {
		title = m.Report + " 通报"
	}
	return fmt.Sprintf("印发 %s（%s 第%d版）", title, m.Period, m.Version)
}

func message(m Manifest, headline []string, event string) string {
	var b strings.Builder
	b.WriteString(subject(m, event))
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "报告：%s\n期间：%s\n版本：第%d版\n", m.Report, m.Period, m.Version)
	if m.DocNumber != "" {
		fmt.Fprintf(&b, "发文字号：%s\n", oneLine(m.DocNumber))
	}
	if !m.Issued.IsZero() {
		fmt.Fprintf(&b, "成文日期：%s\n", m.Issued.Format("2006-01-02"))
	}
	if m.Reason != "" {
		fmt.Fprintf(&b, "重新印发原因：%s\n", oneLine(m.Reason))
	}
	stateLines(&b, m)
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
	if !m.Issued.IsZero() {
		b.WriteString(trailerIssued + m.Issued.Format(time.RFC3339) + "\n")
	}
	for _, t := range [][2]string{{trailerDocNum, m.DocNumber}, {trailerTitle, m.Title}, {trailerReason, m.Reason}} {
		if v := oneLine(t[1]); v != "" {
			b.WriteString(t[0] + v + "\n")
		}
	}
	if m.Imported {
		b.WriteString(trailerImported + "true\n")
	}
	if m.Status != "" {
		b.WriteString(trailerStatus + string(m.Status) + "\n")
	}
	if m.Approval != nil {
		b.WriteString(trailerApprover + oneLine(m.Approval.By) + "\n")
	}
	if event != "" {
		b.WriteString(trailerEvent + event + "\n")
	}
	return b.String()
}

// oneLine is s on one line, without control or invisible format
// characters.
func oneLine(s string) string {
	return strings.Join(strings.Fields(Clean(s)), " ")
}

// issuanceOf reads the trailers of a commit message into the manifest
// fields they carry (not Inputs, Program), and the warnings listed in its
// body (one line each); ok is false for commits bulletin did not make.
func issuanceOf(msg string) (m Manifest, ok bool) {
	var haveP, haveV, inWarnings bool
	for _, line := range strings.Split(msg, "\n") {
		switch {
		case line == "警告：":
			inWarnings = true
			continue
		case inWarnings && strings.HasPrefix(line, "- "):
			m.Warnings = append(m.Warnings, line[2:])
			continue
		default:
			inWarnings = false
		}
		key, val, found := strings.Cut(line, ": ")
		if !found {
			continue
		}
		val = strings.TrimSpace(val)
		switch key + ": " {
		case trailerReport:
			m.Report = val
		case trailerPeriod:
			p, err := report.ParsePeriod(val)
			m.Period, haveP = p, err == nil
		case trailerVersion:
			n, err := strconv.Atoi(val)
			m.Version, haveV = n, err == nil
		case trailerIssued:
			m.Issued, _ = time.Parse(time.RFC3339, val)
		case trailerDocNum:
			m.DocNumber = val
		case trailerTitle:
			m.Title = val
		case trailerReason:
			m.Reason = val
		case trailerImported:
			m.Imported = val == "true"
		case trailerStatus:
			m.Status = Status(val)
		case trailerApprover:
			m.Approval = &Approval{By: val}
		}
	}
	return m, m.Report != "" && haveP && haveV
}

// tagFor is the annotated tag of a bulletin commit. It is a pure function of
// the commit, so that repair can recreate exactly the tag object a crash
// kept from being referenced.
func tagFor(c *object.Commit) (name string, tag *object.Tag, ok bool) {
	m, ok := issuanceOf(c.Message)
	if !ok {
		return "", nil, false
	}
	if name, ok = tagOf(m, eventOf(c.Message)); !ok {
		return "", nil, false
	}
	subj, _, _ := strings.Cut(c.Message, "\n")
	return name, &object.Tag{
		Name:       name,
		Tagger:     c.Author,
		Message:    subj + "\n",
		TargetType: plumbing.CommitObject,
		Target:     c.Hash,
	}, true
}
