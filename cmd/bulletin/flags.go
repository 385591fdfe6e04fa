package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/source"
)

// periodFlag parses --period into *p ("" leaves it zero).
func periodFlag(s string, p *report.Period) error {
	if s == "" {
		return nil
	}
	q, err := report.ParsePeriod(s)
	if err != nil {
		return usageError{err.Error()}
	}
	*p = q
	return nil
}

// dateFlag parses --date into *d ("" leaves it zero: today).
func dateFlag(s string, d *time.Time) error {
	if s == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return usageError{fmt.Sprintf("--date %q 应为 2022-11-04 这样的日期", s)}
	}
	*d = t
	return nil
}

func joinWords(ws []string) string { return strings.Join(ws, "、") }

// hinted is a library error with what to do, worded for the flags.
type hinted struct {
	err  error
	hint string
}

func (h hinted) Error() string { return h.err.Error() + "\n" + h.hint }
func (h hinted) Unwrap() error { return h.err }

// withFlags words what a library error asks the user to do in terms of
// this command's flags; the libraries name no flag. A file whose name
// holds no period is bad usage (exit status 2): --period is missing.
func withFlags(err error) error {
	var done hinted
	var usage usageError
	if err == nil || errors.As(err, &done) || errors.As(err, &usage) {
		return err // worded already
	}
	var noPeriod *pipeline.NoPeriodInNameError
	if errors.As(err, &noPeriod) {
		return usageError{err.Error() + "：请用 --period " + noPeriod.Kind.Example() + " 指明"}
	}
	var reason *pipeline.ReasonNeededError
	if errors.As(err, &reason) {
		return hinted{err, "请用 --reason \"……\" 说明重新印发的原因"}
	}
	var inside *archive.InsideError
	var badReason *pipeline.ReasonError
	var badDate *pipeline.DateError
	var notEnded *pipeline.NotEndedError
	var noReport *report.NotFoundError
	var noPlaceholder *source.NoPeriodPatternError
	switch {
	case errors.As(err, &inside):
		return hinted{err, "--out 须指向档案库以外的文件或文件夹"}
	case errors.As(err, &badReason):
		return hinted{err, "请用 --reason \"……\" 写明原因"}
	case errors.As(err, &badDate):
		return hinted{err, "请检查 --date（成文日期，如 2022-11-04）"}
	case errors.As(err, &notEnded):
		return hinted{err, "请用 --period 指定已经结束的期次（或检查数据文件名中的期次）"}
	case errors.As(err, &noReport):
		return hinted{err, "--report 应指向含有 " + report.FileName + " 的文件夹"}
	case errors.As(err, &noPlaceholder):
		return hinted{err, "请用 --period 指定期次"}
	case errors.As(err, new(*pipeline.DraftStaleError)):
		return hinted{err, "请先运行 bulletin run 重新生成送审稿"}
	}
	var noDraft *pipeline.NoDraftError
	if errors.As(err, &noDraft) && !noDraft.Found {
		return hinted{err, "请先运行 bulletin run 生成送审稿"}
	}
	return err
}
