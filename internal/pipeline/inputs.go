package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
	"github.com/bulletin-gov/bulletin/internal/source"
)

// inputs are what one issuance reads.
type inputs struct {
	period   report.Period
	name     string // original snapshot file name
	data     []byte // original snapshot bytes
	cur      *snapshot.Snapshot
	prev     *snapshot.Snapshot
	prevFrom string // where the previous snapshot came from, for the log
	notes    []string
}

var periodInName = regexp.MustCompile(`(\d{4})\s*[Qq]([1-4])`)

// PeriodFromName finds a period such as 2022Q3 in a file name.
func PeriodFromName(name string) (report.Period, bool) {
	m := periodInName.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return report.Period{}, false
	}
	p, err := report.ParsePeriod(m[1] + "Q" + m[2])
	return p, err == nil
}

// NewestPeriod is the newest period whose export the report's source
// holds, as of now.
func NewestPeriod(ctx context.Context, def *report.Definition, now time.Time) (report.Period, error) {
	p, err := source.Latest(ctx, def, now)
	if err != nil {
		return report.Period{}, fmt.Errorf("%w：%w", ErrNoPeriod, err)
	}
	return p, nil
}

// readExport reads the period's export: the file given, or the report's
// source (the newest period it holds when none is given).
func readExport(ctx context.Context, def *report.Definition, period report.Period, file string) (*inputs, error) {
	in := &inputs{period: period}
	if file != "" {
		if in.period.IsZero() {
			p, ok := PeriodFromName(file)
			if !ok {
				return nil, &NoPeriodInNameError{File: filepath.Base(file)}
			}
			in.period = p
		}
		if err := checkExportName(filepath.Base(file)); err != nil {
			return nil, err
		}
		data, err := source.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("读取数据文件: %w", err)
		}
		in.name, in.data = filepath.Base(file), data
	} else {
		if in.period.IsZero() {
			p, err := NewestPeriod(ctx, def, time.Now())
			if err != nil {
				return nil, err
			}
			in.period = p
		}
		name, data, err := source.Fetch(ctx, def, in.period)
		if err != nil {
			return nil, err
		}
		if err := checkExportName(name); err != nil {
			return nil, err
		}
		in.name, in.data = name, data
	}
	cur, err := snapshot.Read(in.name, in.data, def)
	if err != nil {
		return nil, err
	}
	in.cur = cur
	return in, nil
}

// loadInputs reads the export and the previous period, as run and check
// both do.
func loadInputs(ctx context.Context, def *report.Definition, opts Options, view *archive.View, logf func(string, ...any)) (*inputs, error) {
	in, err := readExport(ctx, def, opts.Period, opts.SnapshotFile)
	if err != nil {
		return nil, err
	}
	logf("读取 %s：%d 个单位（%s）", in.name, len(in.cur.Units), in.period)
	if err := notCopiedFromPrevious(def, in, view); err != nil {
		return nil, err
	}
	prev, from, err := previous(ctx, def, in.period, view)
	if err != nil {
		return nil, err
	}
	in.prev, in.prevFrom = prev, from
	if prev == nil {
		in.notes = append(in.notes, fmt.Sprintf("没有找到上一期（%s）的数据：通报不作环比比较", in.period.Prev()))
	} else {
		logf("上一期 %s：%s", in.period.Prev(), from)
	}
	return in, nil
}

// notCopiedFromPrevious refuses an export identical to the one the
// archive holds for the previous period, which would issue (or import)
// last quarter's figures under this quarter's title.
func notCopiedFromPrevious(def *report.Definition, in *inputs, view *archive.View) error {
	if view == nil {
		return nil
	}
	pp := in.period.Prev()
	m, ok, err := view.Latest(def.ID, pp)
	if err != nil || !ok {
		return err
	}
	h := sha(in.data)
	for name, v := range m.Inputs {
		if v == h && name != PreviousInput {
			return fmt.Errorf("%w：%s 与档案库中 %s 的 %s 完全相同，平台可能尚未导出 %s 的数据；未写入档案库。请取得 %s 的导出文件后再运行",
				ErrSameAsPrevious, in.name, pp, name, in.period, in.period)
		}
	}
	return nil
}

// previous finds the previous period's snapshot: the latest version in the
// archive (what was issued), else the report's own source; nil when there
// is neither.
func previous(ctx context.Context, def *report.Definition, p report.Period, view *archive.View) (*snapshot.Snapshot, string, error) {
	pp := p.Prev()
	if view != nil {
		data, ok, err := view.LatestFile(def.ID, pp, "snapshot.json")
		if err != nil {
			return nil, "", err
		}
		if ok {
			s, err := snapshot.Decode(data)
			if err != nil {
				return nil, "", fmt.Errorf("读取档案库中 %s/%s/snapshot.json: %w", def.ID, pp, err)
			}
			return s, fmt.Sprintf("档案库 %s/%s/snapshot.json", def.ID, pp), nil
		}
	}
	name, data, err := source.Fetch(ctx, def, pp)
	if errors.Is(err, source.ErrNotYet) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("上一期（%s）数据: %w", pp, err)
	}
	s, err := snapshot.Read(name, data, def)
	if err != nil {
		return nil, "", fmt.Errorf("上一期（%s）数据有误: %w", pp, err)
	}
	return s, name, nil
}
