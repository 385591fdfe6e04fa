package pipeline

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/gongwen/docx"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/workbook"
)

// The checks below refuse, before anything is read or written, what would
// otherwise be refused late (at commit, with an internal message) or not
// at all: names git or the archive cannot hold, blank or hostile reasons,
// impossible dates and periods that have not ended. Check, Issue and
// Import apply them alike.

// outputNames are the files an issuance writes into its period folder
// besides the export itself (and manifest.json, which the archive adds).
var outputNames = []string{"snapshot.json", "notice.txt", "notice.pdf", docx.FileName, workbook.FileName}

// checkExportName refuses an export whose name cannot be kept in the
// archive beside the issuance's own files.
func checkExportName(name string) error {
	return archive.CheckFileName("数据文件名", name, outputNames...)
}

// ErrBadReason matches the error of a reason that is blank or holds
// control characters.
var ErrBadReason = errors.New("重新印发的原因不可用")

// ReasonError says why a reason was refused.
type ReasonError struct{ Why string }

func (e *ReasonError) Error() string { return ErrBadReason.Error() + "：" + e.Why }

// Unwrap makes errors.Is(err, ErrBadReason) hold.
func (e *ReasonError) Unwrap() error { return ErrBadReason }

// checkReason refuses a reason that was given but says nothing (only
// spaces) or holds control or invisible format characters (an ESC would
// reach every terminal showing `git log`). It returns the reason trimmed.
func checkReason(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return "", &ReasonError{Why: "只有空白，请写明为什么重新印发"}
	}
	for _, r := range t {
		if !unicode.IsSpace(r) && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			return "", &ReasonError{Why: fmt.Sprintf("含有不可见的控制字符 U+%04X，请只用文字、数字和标点", r)}
		}
	}
	return t, nil
}

// ErrNotEnded matches the error for a period that has not ended yet.
var ErrNotEnded = errors.New("期次尚未结束")

// NotEndedError is returned for a period that has not ended in the
// report's time zone: its figures are not final, and a notice about it
// would be issued before the platform's export of the full period.
type NotEndedError struct {
	Period report.Period
	End    time.Time // first instant after the period
}

func (e *NotEndedError) Error() string {
	return fmt.Sprintf("%s：%s 到 %s 才结束，不能为尚未结束的期次印发通报或导入数据", ErrNotEnded, e.Period, e.End.Add(-time.Second).Format("2006-01-02"))
}

// Unwrap makes errors.Is(err, ErrNotEnded) hold.
func (e *NotEndedError) Unwrap() error { return ErrNotEnded }

// ended refuses a period that has not ended at now in loc.
func ended(p report.Period, loc *time.Location, now time.Time) error {
	if p.IsZero() {
		return nil
	}
	if end := p.End(loc); now.Before(end) {
		return &NotEndedError{Period: p, End: end}
	}
	return nil
}

// ErrBadDate matches the error for an impossible 成文日期.
var ErrBadDate = errors.New("成文日期不合理")

// DateError says why a 成文日期 was refused.
type DateError struct {
	Date time.Time
	Why  string
}

func (e *DateError) Error() string {
	return fmt.Sprintf("%s：%s %s", ErrBadDate, e.Date.Format("2006-01-02"), e.Why)
}

// Unwrap makes errors.Is(err, ErrBadDate) hold.
func (e *DateError) Unwrap() error { return ErrBadDate }

// maxAhead is how far after today a 成文日期 may lie (a notice dated for
// its signing next week is usual; one dated years ahead is a typo).
const maxAhead = 366 * 24 * time.Hour

// checkDate refuses a 成文日期 before the period began (a notice cannot
// report on a period before it started) or more than a year after today,
// and returns a warning for one before the period ended: possible (the
// notice is drafted before the quarter's last day), but its figures may
// not be final.
//
// A date before the export's 统计截止时间 (asOf, nil when the sheet states
// none) is a warning too: the notice would be dated before its figures.
func checkDate(date time.Time, p report.Period, asOf *time.Time, loc *time.Location, now time.Time) (warning string, err error) {
	if start := p.Start(loc); date.Before(start) {
		return "", &DateError{Date: date, Why: fmt.Sprintf("早于 %s 的开始（%s）：通报不能在所报期次开始之前成文", p, start.Format("2006-01-02"))}
	}
	if date.After(now.Add(maxAhead)) {
		return "", &DateError{Date: date, Why: fmt.Sprintf("比今天（%s）晚一年以上", now.In(loc).Format("2006-01-02"))}
	}
	if end := p.End(loc); date.Before(end) {
		return fmt.Sprintf("成文日期 %s 早于 %s 结束（%s）：该期数据可能尚不完整", date.Format("2006-01-02"), p, end.Add(-time.Second).Format("2006-01-02")), nil
	}
	if asOf != nil && date.Format("2006-01-02") < asOf.Format("2006-01-02") {
		return fmt.Sprintf("成文日期 %s 早于数据的统计截止时间 %s：通报的成文日期一般不早于其数据", date.Format("2006-01-02"), asOf.Format("2006-01-02")), nil
	}
	return "", nil
}

// checkID refuses a report id git or the archive cannot hold.
func checkID(def *report.Definition) error {
	return archive.CheckID(def.ID)
}
