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

// inputs are what one issuance reads. The fields without a prefix are the
// first (or only) dataset's; a report with datasets: has the others in
// extra.
type inputs struct {
	period report.Period
	// prevPeriod is the period compared against: period.Prev(), or for an
	// as-of report the latest as-of date archived before it (zero when
	// there is none).
	prevPeriod report.Period
	name       string // original snapshot file name
	data       []byte // original snapshot bytes
	cur        *snapshot.Snapshot
	prev       *snapshot.Snapshot
	prevFrom   string // where the previous snapshot came from, for the log
	// yearAgo is the same period a year earlier, from the archive (同比).
	yearAgo *snapshot.Snapshot
	extra   []*dataInput
	notes   []string
}

// dataInput is one further dataset's export and its comparisons.
type dataInput struct {
	id                 string
	def                *report.Definition // the report as the dataset sees it
	name               string
	data               []byte
	cur, prev, yearAgo *snapshot.Snapshot
	prevFrom           string
	// json is cur's snapshot JSON, made once by encodeExtras: it is both
	// hashed as an input and archived.
	json []byte
}

// encodeExtras makes the further datasets' snapshot JSON.
func (in *inputs) encodeExtras() error {
	for _, di := range in.extra {
		js, err := di.cur.JSON()
		if err != nil {
			return err
		}
		di.json = js
	}
	return nil
}

// snapshotName is the archived snapshot of a dataset: snapshot.json for
// the first (or only) one, snapshot-<id>.json for the others.
func snapshotName(def *report.Definition, id string) string {
	if id == "" || id == def.DatasetIDs()[0] {
		return "snapshot.json"
	}
	return "snapshot-" + id + ".json"
}

var periodInName = regexp.MustCompile(`(\d{4})\s*[Qq]([1-4])`)

// PeriodFromName finds a period of kind k in a file name: 2022Q3 for
// quarters, 2022-10 or 2022年10月 for months, and so on
// (source.PeriodInName).
func PeriodFromName(name string, k report.Kind) (report.Period, bool) {
	if k != report.Quarter {
		return source.PeriodInName(k, filepath.Base(name))
	}
	m := periodInName.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return report.Period{}, false
	}
	p, err := report.ParsePeriod(m[1] + "Q" + m[2])
	return p, err == nil
}

// NewestPeriod is the newest period whose export the report's source
// (its first dataset's) holds, as of now.
func NewestPeriod(ctx context.Context, def *report.Definition, now time.Time) (report.Period, error) {
	p, err := source.Latest(ctx, def.Dataset(""), now)
	if err != nil {
		return report.Period{}, fmt.Errorf("%w：%w", ErrNoPeriod, err)
	}
	return p, nil
}

// readExport reads the period's export of the first dataset: the file
// given, or the report's source (the newest period it holds when none is
// given). For an as-of report with source.as_of_cell, the period is the
// date the export's title row states when none is given (a date without
// its year is placed in the year of ref, the 成文日期; zero: today), and an
// export stating another date than the one given is not there yet.
func readExport(ctx context.Context, def *report.Definition, period report.Period, file string, ref time.Time) (*inputs, error) {
	view := def.Dataset("")
	k := def.Kind()
	if !period.IsZero() && period.Kind != k {
		return nil, fmt.Errorf("期次 %s 不是本报告的期次：report.yaml 的 period 为 %s，应写作 %s 这样", period, k, k.Example())
	}
	in := &inputs{period: period}
	fromCell := period.IsZero() && k == report.AsOf && view.Source.AsOfCell != ""
	if file != "" {
		if in.period.IsZero() && !fromCell {
			p, ok := PeriodFromName(file, k)
			if !ok {
				return nil, &NoPeriodInNameError{File: filepath.Base(file), Kind: k}
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
		p := in.period
		if p.IsZero() {
			var err error
			p, err = NewestPeriod(ctx, def, time.Now())
			if err != nil && !fromCell {
				return nil, err
			}
			if err != nil {
				p = k.Of(time.Now()) // a fixed path: its title row says the date
			}
		}
		name, data, err := source.Fetch(ctx, view, p)
		if err != nil {
			return nil, err
		}
		if err := checkExportName(name); err != nil {
			return nil, err
		}
		in.period, in.name, in.data = p, name, data
	}
	if k == report.AsOf && view.Source.AsOfCell != "" {
		if !fromCell {
			ref = in.period.End(time.UTC).Add(-time.Second) // a stated day without its year is in the period's year
		}
		p, err := asOfFromCell(def, view.Source, in.name, in.data, ref)
		if err != nil {
			return nil, err
		}
		if !fromCell && p != in.period {
			// The export at hand is another date's: not this one's yet.
			return nil, &source.NotYetError{Period: in.period, Where: fmt.Sprintf("%s（其标题行写的是截至 %s）", in.name, p)}
		}
		in.period = p
	}
	cur, err := snapshot.Read(in.name, in.data, view)
	if err != nil {
		return nil, err
	}
	in.cur = cur
	return in, nil
}

// asOfFromCell reads the as-of date from the cell the report names
// (source.as_of_cell): 截至11月04日 or 截至2021年11月4日. A date without its
// year is the latest such day not after ref (or today).
func asOfFromCell(def *report.Definition, s report.Source, name string, data []byte, ref time.Time) (report.Period, error) {
	loc, err := location(def)
	if err != nil {
		return report.Period{}, err
	}
	y, m, d, err := snapshot.StatedDate(name, data, s.Sheet, s.AsOfCell)
	if err != nil {
		return report.Period{}, err
	}
	now := time.Now().In(loc)
	if !ref.IsZero() {
		now = time.Date(ref.Year(), ref.Month(), ref.Day(), 23, 59, 59, 0, loc)
	}
	if y == 0 {
		y = now.Year()
		if time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc).After(now) {
			y--
		}
	}
	return report.ParsePeriodOf(report.AsOf, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
}

// readExtras reads the further datasets' exports of in.period from their
// sources, each with its own previous period and year-ago snapshot.
func readExtras(ctx context.Context, def *report.Definition, in *inputs, view *archive.View, logf func(string, ...any)) error {
	ids := def.DatasetIDs()
	names := map[string]string{in.name: ids[0]}
	var errs []error
	for _, id := range ids[1:] {
		v := def.Dataset(id)
		di := &dataInput{id: id, def: v}
		name, data, err := source.Fetch(ctx, v, in.period)
		if err != nil {
			errs = append(errs, fmt.Errorf("数据集 %s：%w", id, err))
			continue
		}
		if other, ok := names[name]; ok {
			errs = append(errs, fmt.Errorf("数据集 %s 与 %s 的导出文件同名（%s）：档案库按原名保存每个导出文件，请让两个数据源的文件名不同", id, other, name))
			continue
		}
		names[name] = id
		di.name, di.data = name, data
		if di.cur, err = snapshot.Read(name, data, v); err != nil {
			errs = append(errs, err)
			continue
		}
		logf("读取 %s：%d 个单位（数据集 %s，%s）", name, len(di.cur.Units), id, in.period)
		if err := notCopied(def, in.period, in.prevPeriod, name, data, view); err != nil {
			errs = append(errs, err)
		}
		if !in.prevPeriod.IsZero() {
			di.prev, di.prevFrom, err = previousOf(ctx, def, id, in.prevPeriod, view)
			if err != nil {
				errs = append(errs, err)
			}
		}
		if di.yearAgo, err = archived(def, id, in.period.YearAgo(), view); err != nil {
			errs = append(errs, err)
		}
		in.extra = append(in.extra, di)
	}
	return errors.Join(errs...)
}

// loadInputs reads the exports and the previous period, as run and check
// both do.
func loadInputs(ctx context.Context, def *report.Definition, opts Options, view *archive.View, logf func(string, ...any)) (*inputs, error) {
	in, err := readExport(ctx, def, opts.Period, opts.SnapshotFile, opts.Date)
	if err != nil {
		return nil, err
	}
	logf("读取 %s：%d 个单位（%s）", in.name, len(in.cur.Units), in.period)
	if in.prevPeriod, err = previousPeriod(def, in.period, view); err != nil {
		return nil, err
	}
	if err := notCopiedFromPrevious(def, in, view); err != nil {
		return nil, err
	}
	if err := in.comparisons(ctx, def, view, logf); err != nil {
		return nil, err
	}
	if err := readExtras(ctx, def, in, view, logf); err != nil {
		return nil, err
	}
	return in, nil
}

// comparisons finds the first dataset's previous and year-ago snapshots.
func (in *inputs) comparisons(ctx context.Context, def *report.Definition, view *archive.View, logf func(string, ...any)) error {
	var err error
	if !in.prevPeriod.IsZero() {
		in.prev, in.prevFrom, err = previousOf(ctx, def, "", in.prevPeriod, view)
		if err != nil {
			return err
		}
	}
	if in.prev == nil {
		if in.prevPeriod.IsZero() {
			in.notes = append(in.notes, "档案库中没有更早印发的通报：通报不作比较")
		} else {
			in.notes = append(in.notes, fmt.Sprintf("没有找到上一期（%s）的数据：通报不作环比比较", in.prevPeriod))
		}
	} else {
		logf("上一期 %s：%s", in.prevPeriod, in.prevFrom)
	}
	if in.yearAgo, err = archived(def, "", in.period.YearAgo(), view); err != nil {
		return err
	}
	if in.yearAgo != nil {
		logf("上年同期 %s：档案库 %s/%s", in.period.YearAgo(), def.ID, in.period.YearAgo())
	}
	return nil
}

// previousPeriod is the period p is compared with: the one before it, or
// for an as-of report the latest as-of date the archive holds before p
// (zero when it holds none).
func previousPeriod(def *report.Definition, p report.Period, view *archive.View) (report.Period, error) {
	if p.Kind != report.AsOf {
		return p.Prev(), nil
	}
	if view == nil {
		return report.Period{}, nil
	}
	periods, err := view.Periods(def.ID)
	if err != nil {
		return report.Period{}, err
	}
	var best report.Period
	for _, q := range periods {
		if q.Kind == report.AsOf && q.Before(p) && (best.IsZero() || best.Before(q)) {
			best = q
		}
	}
	return best, nil
}

// notCopiedFromPrevious refuses an export identical to the one the
// archive holds for the previous period, which would issue (or import)
// last quarter's figures under this quarter's title.
func notCopiedFromPrevious(def *report.Definition, in *inputs, view *archive.View) error {
	pp := in.prevPeriod
	if pp.IsZero() {
		pp = in.period.Prev()
	}
	return notCopied(def, in.period, pp, in.name, in.data, view)
}

func notCopied(def *report.Definition, p, pp report.Period, name string, data []byte, view *archive.View) error {
	if view == nil || pp.IsZero() {
		return nil
	}
	m, ok, err := view.Latest(def.ID, pp)
	if err != nil || !ok {
		return err
	}
	h := sha(data)
	for archived, v := range m.Inputs {
		if v == h && archived != PreviousInput && !isComparison(archived) {
			return fmt.Errorf("%w：%s 与档案库中 %s 的 %s 完全相同，平台可能尚未导出 %s 的数据；未写入档案库。请取得 %s 的导出文件后再运行",
				ErrSameAsPrevious, name, pp, archived, p, p)
		}
	}
	return nil
}

// archived is a dataset's snapshot of period p as the archive holds it
// (its latest version), nil when it holds none.
func archived(def *report.Definition, id string, p report.Period, view *archive.View) (*snapshot.Snapshot, error) {
	if view == nil {
		return nil, nil
	}
	file := snapshotName(def, id)
	data, ok, err := view.LatestFile(def.ID, p, file)
	if err != nil || !ok {
		return nil, err
	}
	s, err := snapshot.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("读取档案库中 %s/%s/%s：%w", def.ID, p, file, err)
	}
	return s, nil
}

// previousOf finds a dataset's snapshot of the previous period pp: the
// latest version in the archive (what was issued), else the dataset's own
// source; nil when there is neither.
func previousOf(ctx context.Context, def *report.Definition, id string, pp report.Period, view *archive.View) (*snapshot.Snapshot, string, error) {
	s, err := archived(def, id, pp, view)
	if err != nil {
		return nil, "", err
	}
	if s != nil {
		return s, fmt.Sprintf("档案库 %s/%s/%s", def.ID, pp, snapshotName(def, id)), nil
	}
	v := def.Dataset(id)
	name, data, err := source.Fetch(ctx, v, pp)
	if errors.Is(err, source.ErrNotYet) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("上一期（%s）数据: %w", pp, err)
	}
	s, err = snapshot.Read(name, data, v)
	if err != nil {
		return nil, "", fmt.Errorf("上一期（%s）数据有误: %w", pp, err)
	}
	return s, name, nil
}
