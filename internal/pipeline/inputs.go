package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
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

func loadInputs(ctx context.Context, def *report.Definition, opts Options, arch *archive.Archive, logf func(string, ...any)) (*inputs, error) {
	in := &inputs{period: opts.Period}
	if opts.SnapshotFile != "" {
		if in.period.IsZero() {
			p, ok := PeriodFromName(opts.SnapshotFile)
			if !ok {
				return nil, fmt.Errorf("%w：文件名 %s 中没有期间，请用 --period 2022Q3 指明", ErrNoPeriod, filepath.Base(opts.SnapshotFile))
			}
			in.period = p
		}
		data, err := os.ReadFile(opts.SnapshotFile)
		if err != nil {
			return nil, fmt.Errorf("读取数据文件: %w", err)
		}
		in.name, in.data = filepath.Base(opts.SnapshotFile), data
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
		in.name, in.data = name, data
	}
	cur, err := snapshot.Read(in.name, in.data, def)
	if err != nil {
		return nil, err
	}
	in.cur = cur
	logf("读取 %s：%d 个单位（%s）", in.name, len(cur.Units), in.period)

	prev, from, err := previous(ctx, def, in.period, arch)
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

// previous finds the previous period's snapshot: the latest version in the
// archive (what was issued), else the report's own source; nil when there
// is neither.
func previous(ctx context.Context, def *report.Definition, p report.Period, arch *archive.Archive) (*snapshot.Snapshot, string, error) {
	pp := p.Prev()
	if arch != nil {
		data, ok, err := arch.PreviousSnapshot(def.ID, p)
		if err != nil {
			return nil, "", err
		}
		if ok {
			s, err := snapshot.Decode(data)
			if err != nil {
				return nil, "", fmt.Errorf("读取档案中 %s/%s/snapshot.json: %w", def.ID, pp, err)
			}
			return s, fmt.Sprintf("档案 %s/%s/snapshot.json", def.ID, pp), nil
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
