package pipeline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// The office's document-number register (发文登记簿). A 发文字号 is the
// issuing organ's 代字, the year and a sequence number, e.g.
// 衡县政务公开办〔2022〕7号; the sequence runs per organ and year and is
// shared by every report of that office, so two reports with the same
// 代字 never get the same number. The register is the archive itself:
// every issued version (any report) carries its number in its commit's
// Bulletin-Doc-Number trailer, and a number is taken when the version
// that carries it is committed, under the archive's writer lock, on top of
// the state it was chosen from (a concurrent approval that took it first
// makes the issuance rebuild with the next). Drafts carry no number.

// docNumberFor chooses the 发文字号 of an issuance of period p in year:
//   - a period issued before keeps the number of its first issued
//     version (an explicit different number is refused);
//   - a draft leaves the number blank for the register (衡县政务公开办〔2022〕 号);
//   - an explicit number (from the 文书's paper register) is taken if no
//     other notice in the archive carries it;
//   - else the next of the register: one more than the highest sequence
//     number issued in the archive under the same 代字 and year (at least
//     doc_number.start).
//
// seq is the sequence number for the template's {{序号}} (0 when
// docNumber is given instead).
func docNumberFor(def *report.Definition, p report.Period, year int, arch *archive.Archive, opts Options) (seq int, docNumber string, err error) {
	explicit := ""
	if opts.approve != nil {
		explicit = strings.TrimSpace(opts.approve.docNumber)
	}
	var entries []archive.Entry
	if arch != nil {
		if entries, err = arch.Log(""); err != nil {
			return 0, "", err
		}
	}
	if own := periodNumber(entries, def.ID, p); own != "" {
		if explicit != "" && explicit != own {
			return 0, "", &NumberKeptError{Report: def.ID, Period: p, Number: own, Given: explicit}
		}
		return 0, own, nil
	}
	switch {
	case drafting(opts):
		return 0, BlankDocNumber(def, year), nil
	case explicit != "":
		for _, e := range entries {
			m := e.Manifest
			if m.DocNumber == explicit && counts(m) && !(m.Report == def.ID && m.Period == p) {
				return 0, "", &DocNumberTakenError{Number: explicit, Report: m.Report, Period: m.Period, Version: m.Version}
			}
		}
		return 0, explicit, nil
	}
	return nextNumber(def, year, entries), "", nil
}

// periodNumber is the number the period's first issued version carries
// ("" when none was issued).
func periodNumber(entries []archive.Entry, reportID string, p report.Period) string {
	own := ""
	for _, e := range entries { // newest first: the last match is the oldest
		m := e.Manifest
		if m.Report == reportID && m.Period == p && counts(m) && m.DocNumber != "" {
			own = m.DocNumber
		}
	}
	return own
}

// counts reports whether a version's number is in the register: issued
// notices, not drafts, rejected drafts or imported data.
func counts(m archive.Manifest) bool {
	return !m.Imported && m.Status.Issued()
}

// nextNumber is the register's next sequence number for the report's 代字
// and year.
func nextNumber(def *report.Definition, year int, entries []archive.Entry) int {
	next := def.DocNumber.Start
	re := numberPattern(def, year)
	if re == nil {
		return next
	}
	for _, e := range entries {
		m := e.Manifest
		if !counts(m) {
			continue
		}
		if sub := re.FindStringSubmatch(m.DocNumber); sub != nil {
			if n, err := strconv.Atoi(sub[1]); err == nil && n >= next {
				next = n + 1
			}
		}
	}
	return next
}

// numberPattern matches the numbers of the report's 代字 in year, the
// sequence number captured; nil when the pattern has no {{序号}}.
func numberPattern(def *report.Definition, year int) *regexp.Regexp {
	pat := def.DocNumber.Pattern
	if !strings.Contains(pat, "{{序号}}") {
		return nil
	}
	q := regexp.QuoteMeta(strings.ReplaceAll(pat, "{{年}}", strconv.Itoa(year)))
	q = strings.Replace(q, regexp.QuoteMeta("{{序号}}"), `0*(\d+)`, 1)
	re, err := regexp.Compile("^" + q + "$")
	if err != nil {
		return nil
	}
	return re
}

// BlankDocNumber is the 发文字号 of a draft: the pattern with the year and
// the sequence number left blank, for the register to fill at 签发
// (衡县政务公开办〔2022〕 号); "" when the report has no pattern.
func BlankDocNumber(def *report.Definition, year int) string {
	if def.DocNumber.Pattern == "" {
		return ""
	}
	return strings.NewReplacer("{{年}}", strconv.Itoa(year), "{{序号}}", " ").Replace(def.DocNumber.Pattern)
}

// DocNumberTakenError is returned when an explicit 发文字号 is already
// carried by another notice in the archive.
type DocNumberTakenError struct {
	Number  string
	Report  string
	Period  report.Period
	Version int
}

func (e *DocNumberTakenError) Error() string {
	return fmt.Sprintf("发文字号 %s 已被 %s %s 第%d版使用；同一机关同一年度的发文字号不能重复，请核对发文登记簿", e.Number, e.Report, e.Period, e.Version)
}

// NumberKeptError is returned when an explicit number is given for a
// period issued before: a re-issued notice keeps its number.
type NumberKeptError struct {
	Report string
	Period report.Period
	Number string
	Given  string
}

func (e *NumberKeptError) Error() string {
	return fmt.Sprintf("%s %s 已以发文字号 %s 印发，重新印发的版本沿用原发文字号，不能改为 %s", e.Report, e.Period, e.Number, e.Given)
}
