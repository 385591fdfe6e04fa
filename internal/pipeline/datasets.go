package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// compute works out the figures of every dataset: the first dataset's
// Result, holding the others in Datasets and every dataset's rankings in
// Rankings (definition order), each with its year-ago comparison when the
// archive holds one.
func compute(def *report.Definition, in *inputs) (*metrics.Result, error) {
	ids := def.DatasetIDs()
	res, err := computeOne(def, ids[0], in.cur, in.prev, in.yearAgo, in.period, in.prevPeriod)
	if err != nil {
		return nil, err
	}
	var others []*metrics.Result
	for _, di := range in.extra {
		r, err := computeOne(def, di.id, di.cur, di.prev, di.yearAgo, in.period, in.prevPeriod)
		if err != nil {
			return nil, err
		}
		others = append(others, r)
	}
	return metrics.Join(def, res, others), nil
}

func computeOne(def *report.Definition, id string, cur, prev, yearAgo *snapshot.Snapshot, p, pp report.Period) (*metrics.Result, error) {
	v := def.Dataset(id)
	c, err := aliased(def, cur)
	if err != nil {
		return nil, err
	}
	pr, err := aliased(def, prev)
	if err != nil {
		return nil, err
	}
	res, err := metrics.Compute(v, c, pr)
	if err != nil {
		return nil, err
	}
	res.Period, res.Prev, res.Dataset = p, pp, id
	if p.Kind == report.AsOf && res.AsOf == nil {
		// The period is the 统计截止时间 (midnight UTC of the day, as a
		// snapshot states one).
		day := p.Start(time.UTC)
		res.AsOf = &day
	}
	if yearAgo != nil {
		ya, err := aliased(def, yearAgo)
		if err != nil {
			return nil, err
		}
		yr, err := metrics.Compute(v, c, ya)
		if err != nil {
			return nil, err
		}
		yr.Period, yr.Prev, yr.Dataset = p, p.YearAgo(), id
		res.YearAgo = yr
	}
	return res, nil
}

// aliased returns s with its units named as the notice names them (the
// report's aliases:), so that a unit renamed between exports or periods
// is compared with itself. s itself is not changed: the archived
// snapshot.json keeps the names as read. Two rows that become the same
// unit are an error naming both.
func aliased(def *report.Definition, s *snapshot.Snapshot) (*snapshot.Snapshot, error) {
	if s == nil || len(def.Aliases) == 0 {
		return s, nil
	}
	c := *s
	c.Units = make([]snapshot.Unit, len(s.Units))
	rows := map[string]int{}
	for i, u := range s.Units {
		u.Name = def.Alias(u.Name)
		if r, dup := rows[u.Name]; dup {
			return nil, report.Problems{{File: s.File, Sheet: s.Sheet,
				Msg: fmt.Sprintf("第 %d 行和第 %d 行按 report.yaml 的 aliases 是同一个单位「%s」", r, u.Row, u.Name),
				Got: s.Units[i].Name}}
		}
		rows[u.Name] = u.Row
		c.Units[i] = u
	}
	return &c, nil
}

// readOthers reads files given for the further datasets (in their order)
// into in.extra, for an import.
func readOthers(def *report.Definition, in *inputs, files []string, view *archive.View) error {
	ids := def.DatasetIDs()
	if !def.HasDatasets() && len(files) > 0 {
		return fmt.Errorf("给了 %d 个数据文件，但本报告只读一个导出文件（report.yaml 没有 datasets）", len(files)+1)
	}
	if len(files) > len(ids)-1 {
		return fmt.Errorf("给了 %d 个数据文件，但 report.yaml 只有 %d 个数据集（%s）：每个数据集一个文件，按 datasets 的顺序", len(files)+1, len(ids), ids)
	}
	names := map[string]string{in.name: ids[0]}
	for i, file := range files {
		id := ids[i+1]
		v := def.Dataset(id)
		data, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("读取数据文件: %w", err)
		}
		name := filepath.Base(file)
		if other, ok := names[name]; ok {
			return fmt.Errorf("数据集 %s 与 %s 的导出文件同名（%s）：档案库按原名保存每个导出文件，请让两个文件名不同", id, other, name)
		}
		names[name] = id
		cur, err := snapshot.Read(name, data, v)
		if err != nil {
			return err
		}
		if err := notCopied(def, in.period, in.period.Prev(), name, data, view); err != nil {
			return err
		}
		in.extra = append(in.extra, &dataInput{id: id, def: v, name: name, data: data, cur: cur})
	}
	return nil
}
