package pipeline

import (
	"errors"
	"fmt"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// The errors below carry what the user must do as data; they name no
// command-line flag. cmd/bulletin words the hint for its flags
// (`--reason`, `--period`).

// ErrReasonNeeded matches a *ReasonNeededError.
var ErrReasonNeeded = errors.New("重新印发需要说明原因")

// ReasonNeededError is returned when a period already issued would be
// issued again from different inputs and no reason was given.
type ReasonNeededError struct {
	Report  string
	Period  report.Period
	Version int // the latest version archived
	// Changed says which inputs differ, in words.
	Changed []string
}

func (e *ReasonNeededError) Error() string {
	return fmt.Sprintf("%s %s 已存档第%d版，本次%s有变化，将成为第%d版；重新印发需要说明原因",
		e.Report, e.Period, e.Version, strings.Join(e.Changed, "、"), e.Version+1)
}

// Unwrap makes errors.Is(err, ErrReasonNeeded) hold.
func (e *ReasonNeededError) Unwrap() error { return ErrReasonNeeded }

// ErrNoPeriod is returned (wrapped) when no period was given and none can
// be told from the source or the file name.
var ErrNoPeriod = errors.New("无法确定要通报的期次")

// NoPeriodInNameError is returned when a file given in place of the source
// names no period and none was given: the caller must name it.
type NoPeriodInNameError struct {
	File string
	// Kind is the report's period kind (the form the name should hold).
	Kind report.Kind
}

func (e *NoPeriodInNameError) Error() string {
	return fmt.Sprintf("%s：文件名 %s 中没有期次（如 %s），需要指明数据所属的期次", ErrNoPeriod, e.File, e.Kind.Example())
}

// Unwrap makes errors.Is(err, ErrNoPeriod) hold.
func (e *NoPeriodInNameError) Unwrap() error { return ErrNoPeriod }

// ErrSameAsPrevious matches the error of a run or an import whose export
// is byte for byte the one archived for the period before: the platform
// has not yet exported the new quarter (it served last quarter's file
// again).
var ErrSameAsPrevious = errors.New("数据文件与上一期相同")

// ErrImportOverIssued is returned (wrapped) by Import for a period whose
// notice was issued: an import would replace issued figures.
var ErrImportOverIssued = errors.New("已印发通报，不能再导入历史数据")
