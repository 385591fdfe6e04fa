package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// inputs are what one issuance reads.
type inputs struct {
	period   report.Period
	name     string // original snapshot file name
	data     []byte // original snapshot bytes
	cur      *snapshot.Snapshot
	prev     *snapshot.Snapshot
	prevFrom string // where the previous snapshot came from, for notes
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

func loadInputs(ctx context.Context, def *report.Definition, opts Options, arch *archive.Archive, logf func(string, ...any)) (*inputs, error) {
	in := &inputs{period: opts.Period}
	path := opts.SnapshotFile
	if path != "" {
		if in.period.IsZero() {
			p, ok := PeriodFromName(path)
			if !ok {
				return nil, fmt.Errorf("%w：文件名 %s 中没有期间，请用 --period 2022Q3 指明", ErrNoPeriod, filepath.Base(path))
			}
			in.period = p
		}
	} else {
		if in.period.IsZero() {
			p, err := NewestPeriod(def)
			if err != nil {
				return nil, err
			}
			in.period = p
		}
		p, err := SourcePath(def, in.period)
		if err != nil {
			return nil, err
		}
		path = p
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读取数据文件: %w", err)
	}
	in.name, in.data = filepath.Base(path), data
	cur, err := snapshot.ReadFile(path, def)
	if err != nil {
		return nil, err
	}
	in.cur = cur
	logf("读取 %s：%d 个单位（%s）", in.name, len(cur.Units), in.period)

	prev, from, err := previous(def, in.period, arch)
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
// archive, else the report's own source; nil when there is neither.
func previous(def *report.Definition, p report.Period, arch *archive.Archive) (*snapshot.Snapshot, string, error) {
	pp := p.Prev()
	if arch != nil {
		data, ok, err := arch.Latest(def.ID, pp, "snapshot.json")
		if err != nil {
			return nil, "", err
		}
		if ok {
			var s snapshot.Snapshot
			if err := json.Unmarshal(data, &s); err != nil {
				return nil, "", fmt.Errorf("读取档案中 %s/%s/snapshot.json: %w", def.ID, pp, err)
			}
			return &s, fmt.Sprintf("档案 %s/%s/snapshot.json", def.ID, pp), nil
		}
	}
	path, err := SourcePath(def, pp)
	if err != nil {
		return nil, "", nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, "", nil
	}
	s, err := snapshot.ReadFile(path, def)
	if err != nil {
		return nil, "", fmt.Errorf("上一期数据有误: %w", err)
	}
	return s, path, nil
}

func expand(pattern string, p report.Period) string {
	return strings.NewReplacer(
		"{{period}}", p.String(),
		"{{year}}", fmt.Sprint(p.Year),
		"{{quarter}}", fmt.Sprint(p.Quarter),
	).Replace(pattern)
}

// SourcePath is the file the report's source names for period p.
func SourcePath(def *report.Definition, p report.Period) (string, error) {
	if def.Source.File == "" {
		return "", fmt.Errorf("报告 %s 没有配置 source.file：请用 --snapshot 指定数据文件", def.ID)
	}
	return def.Path(expand(def.Source.File, p)), nil
}

// NewestPeriod is the newest period for which the report's source holds a
// file.
func NewestPeriod(def *report.Definition) (report.Period, error) {
	if def.Source.File == "" {
		return report.Period{}, fmt.Errorf("%w：报告 %s 没有配置 source.file，请用 --period 与 --snapshot 指明", ErrNoPeriod, def.ID)
	}
	glob := def.Path(strings.NewReplacer("{{period}}", "*", "{{year}}", "*", "{{quarter}}", "*").Replace(def.Source.File))
	matches, _ := filepath.Glob(glob)
	var found []report.Period
	for _, m := range matches {
		if p, ok := PeriodFromName(m); ok {
			if path, _ := SourcePath(def, p); filepath.Clean(path) == filepath.Clean(m) {
				found = append(found, p)
			}
		}
	}
	if len(found) == 0 {
		return report.Period{}, fmt.Errorf("%w：%s 下没有数据文件", ErrNoPeriod, glob)
	}
	sort.Slice(found, func(i, j int) bool { return found[i].Before(found[j]) })
	return found[len(found)-1], nil
}
