package report

import (
	"fmt"
	"strings"
)

// Dataset is one of several exports a notice is made from (a county's
// table per department and the city's table of its districts). Each has
// its own source, sheet, unit column and columns; indicators, checks and
// rankings name the dataset they are computed from (dataset: id; default
// the first). Every field is documented in docs/zh/report.md.
type Dataset struct {
	// ID names the dataset: in indicators' dataset:, in templates
	// ({{dataset "city"}}), and in the archive (snapshot-<id>.json).
	ID string `yaml:"id"`
	// Name is a short human name for messages, e.g. 全市各县市区.
	Name string `yaml:"name"`
	// Source, UnitColumn and Columns are as the report's own.
	Source     Source   `yaml:"source"`
	UnitColumn Column   `yaml:"unit_column"`
	Columns    []Column `yaml:"columns"`
}

// HasDatasets reports whether the report reads several exports.
func (d *Definition) HasDatasets() bool { return len(d.Datasets) > 0 }

// DatasetIDs lists the datasets' ids in order; a report without datasets:
// has one, "" (its own source and columns).
func (d *Definition) DatasetIDs() []string {
	if !d.HasDatasets() {
		return []string{""}
	}
	ids := make([]string, len(d.Datasets))
	for i, ds := range d.Datasets {
		ids[i] = ds.ID
	}
	return ids
}

// datasetOf is the dataset an entry names, "" meaning the first.
func (d *Definition) datasetOf(id string) string {
	if id == "" && d.HasDatasets() {
		return d.Datasets[0].ID
	}
	return id
}

// Dataset returns the report as seen by one dataset: its source, unit
// column and columns, and only the indicators, checks and rankings that
// name it (scoring belongs to the first dataset). Snapshots, sources and
// figures are read and computed on this view. For a report without
// datasets: (or id "") of the first dataset, and of the report itself when
// it has none. Nil when there is no such dataset.
func (d *Definition) Dataset(id string) *Definition {
	if !d.HasDatasets() {
		if id == "" {
			return d
		}
		return nil
	}
	id = d.datasetOf(id)
	var ds *Dataset
	for i := range d.Datasets {
		if d.Datasets[i].ID == id {
			ds = &d.Datasets[i]
		}
	}
	if ds == nil {
		return nil
	}
	v := *d
	v.Datasets = nil
	v.Source, v.UnitColumn, v.Columns = ds.Source, ds.UnitColumn, ds.Columns
	v.lines = map[string]int{}
	for k, l := range d.lines {
		if !strings.HasPrefix(k, "indicators[") && !strings.HasPrefix(k, "rankings[") && !strings.HasPrefix(k, "checks[") {
			v.lines[k] = l
		}
	}
	v.Indicators, v.Checks, v.Rankings = nil, nil, nil
	for i, ind := range d.Indicators {
		if d.datasetOf(ind.Dataset) == id {
			v.lines[fmt.Sprintf("indicators[%d]", len(v.Indicators))] = d.lines[fmt.Sprintf("indicators[%d]", i)]
			v.Indicators = append(v.Indicators, ind)
		}
	}
	for i, c := range d.Checks {
		if d.datasetOf(c.Dataset) == id {
			v.lines[fmt.Sprintf("checks[%d]", len(v.Checks))] = d.lines[fmt.Sprintf("checks[%d]", i)]
			v.Checks = append(v.Checks, c)
		}
	}
	for i, r := range d.Rankings {
		if d.datasetOf(r.Dataset) == id {
			v.lines[fmt.Sprintf("rankings[%d]", len(v.Rankings))] = d.lines[fmt.Sprintf("rankings[%d]", i)]
			v.Rankings = append(v.Rankings, r)
		}
	}
	if id != d.Datasets[0].ID {
		v.Scoring = nil
	}
	return &v
}

// Alias returns the name a unit is known by in the notice: the alias
// table's name for it, else name itself.
func (d *Definition) Alias(name string) string {
	if to, ok := d.Aliases[name]; ok {
		return to
	}
	return name
}

func (d *Definition) validateDatasets(file string) Problems {
	var ps Problems
	for _, id := range d.DatasetIDs() {
		if v := d.Dataset(id); v != nil && v.Source.AsOfCell != "" && d.Kind() != AsOf {
			ps = append(ps, Problem{File: file, Msg: "source.as_of_cell 只用于 period: asof（截至日期）的报告", Got: v.Source.AsOfCell})
		}
	}
	if !d.HasDatasets() {
		for _, e := range d.datasetRefs() {
			ps = append(ps, Problem{File: file, Msg: e.what + " 写了 dataset，但 report.yaml 没有 datasets", Got: e.id})
		}
		return ps
	}
	if d.Source != (Source{}) || d.UnitColumn.Header != "" || len(d.Columns) > 0 {
		ps = append(ps, Problem{File: file, Msg: "写了 datasets 时，source、unit_column 和 columns 应写在每个数据集之下，而不是顶层"})
	}
	seen := map[string]bool{}
	for i, ds := range d.Datasets {
		ref := d.Ref("datasets", i, "数据集", ds.ID)
		if ds.ID == "" {
			ps = append(ps, Problem{File: file, Msg: ref + " 需要 id"})
		}
		if seen[ds.ID] {
			ps = append(ps, Problem{File: file, Msg: ref + " 的 id 重复"})
		}
		seen[ds.ID] = true
		if ds.UnitColumn.Header == "" {
			ps = append(ps, Problem{File: file, Msg: ref + " 缺少 unit_column"})
		}
		if ds.Source.File == "" && ds.Source.Inbox == "" && ds.Source.URL == "" {
			ps = append(ps, Problem{File: file, Msg: ref + " 的 source 应写 file、inbox 或 url"})
		}
	}
	for _, e := range d.datasetRefs() {
		if !seen[e.id] {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("%s 的 dataset 不在 datasets 中（可用：%s）", e.what, strings.Join(d.DatasetIDs(), "、")), Got: e.id})
		}
	}
	return ps
}

type datasetRef struct{ what, id string }

// datasetRefs lists the entries that name a dataset.
func (d *Definition) datasetRefs() []datasetRef {
	var out []datasetRef
	for i, ind := range d.Indicators {
		if ind.Dataset != "" {
			out = append(out, datasetRef{d.IndicatorRef(i), ind.Dataset})
		}
	}
	for i, c := range d.Checks {
		if c.Dataset != "" {
			out = append(out, datasetRef{d.Ref("checks", i, "校验规则", ""), c.Dataset})
		}
	}
	for i, r := range d.Rankings {
		if r.Dataset != "" {
			out = append(out, datasetRef{d.Ref("rankings", i, "排名表", r.ID), r.Dataset})
		}
	}
	return out
}
