package report

import (
	"fmt"
	"time"
)

// Source says where a period's snapshot comes from. Exactly one of File,
// Inbox and URL is set. Each may hold {{period}} (2022Q3, 2022-10, 2022H2,
// 2022 or 2021-11-04 by the report's period kind), {{year}}, {{quarter}},
// {{month}} (9), {{mm}} (09), {{half}} and {{date}} (2021-11-04), replaced
// for the period being issued.
type Source struct {
	// File is a path (relative to the report folder), e.g. data/{{period}}.xlsx.
	File string `yaml:"file"`
	// Inbox is a folder where exports are dropped; the file for the period
	// (its name holds the period) or else the newest is taken.
	Inbox string `yaml:"inbox"`
	// URL is an HTTP(S) address to download the export from.
	URL string `yaml:"url"`
	// TokenEnv names an environment variable whose value is sent as the
	// Authorization header of URL requests.
	TokenEnv string `yaml:"token_env"`
	// Sheet is the worksheet to read; default: the one holding the header.
	Sheet string `yaml:"sheet"`
	// AsOfCell is, for an as-of report (period: asof), the cell whose
	// text states the as-of date, e.g. A1 holding the title row
	// "……整改情况（截至11月04日）"; when the period is not given it is
	// read from there (a date without a year is the latest one not after
	// today).
	AsOfCell string `yaml:"as_of_cell"`
	// Header is the HTTP header the token is sent in; default
	// Authorization. The variable's value is sent as is (write
	// "Bearer …" into it when the server expects that).
	Header string `yaml:"header"`
	// Timeout bounds each download attempt, as a Go duration; default 30s.
	Timeout string `yaml:"timeout"`
	// Retries is how many times a failed download is tried again; default 3.
	Retries *int `yaml:"retries"`
	// Backoff is the wait before the first retry, doubled each time, as a
	// Go duration; default 2s.
	Backoff string `yaml:"backoff"`
}

// ColumnKind is how a column's values are read.
type ColumnKind string

const (
	// Count is a whole number of things (items, people).
	Count ColumnKind = "count"
	// Number is any decimal number.
	Number ColumnKind = "number"
	// Rate is a percentage, written as text ("99.81%") or as a number with a
	// percent format; stored as a fraction (0.9981).
	Rate ColumnKind = "rate"
	// Text is kept as written.
	Text ColumnKind = "text"
)

// Column is one snapshot column the report reads.
type Column struct {
	// ID is how indicators and templates refer to the column.
	ID string `yaml:"id"`
	// Header is the header text, with group headers joined by "/", e.g.
	// 目录清单梳理情况/完成率. Matching tolerates line breaks, spaces,
	// full-width brackets and a (%) suffix.
	Header string `yaml:"header"`
	// Aliases are other wordings of the header (other years' exports).
	Aliases []string `yaml:"aliases"`
	// Kind is count, number, rate or text. Default count.
	Kind ColumnKind `yaml:"kind"`
	// Optional columns may be missing from a snapshot.
	Optional bool `yaml:"optional"`
	// PartOf is the id of a column this one is a part of: a value greater
	// than the whole's in the same row is an error (已认领 > 目录可认领数).
	PartOf string `yaml:"part_of"`
	// Ratio is, for a rate column, the ids of the numerator and
	// denominator columns it is stated from; a stated rate that differs
	// from numerator/denominator by more than rounding is a warning.
	Ratio []string `yaml:"ratio"`
	// Range is, for a rate column, "any" when rates below 0 % or above
	// 100 % are expected (a growth rate); by default such a rate is an
	// error naming its cell.
	Range string `yaml:"range"`
}

// UnmarshalYAML accepts a bare header string for unit_column.
func (c *Column) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err == nil {
		c.Header = s
		return nil
	}
	type plain Column
	return unmarshal((*plain)(c))
}

func (d *Definition) validateColumns(file string) Problems {
	var ps Problems
	n := 0
	for _, s := range []string{d.Source.File, d.Source.Inbox, d.Source.URL} {
		if s != "" {
			n++
		}
	}
	if n > 1 {
		ps = append(ps, Problem{File: file, Msg: "source 只能写 file、inbox、url 其中之一"})
	}
	seen := map[string]bool{}
	col := func(i int) string { return d.Ref("columns", i, "列", d.Columns[i].ID) }
	for i, c := range d.Columns {
		if c.ID == "" || c.Header == "" {
			ps = append(ps, Problem{File: file, Msg: col(i) + " 需要 id 和 header"})
		}
		if seen[c.ID] {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("%s 的 id 重复", col(i))})
		}
		seen[c.ID] = true
		switch c.Kind {
		case "", Count, Number, Rate, Text:
		default:
			ps = append(ps, Problem{File: file, Msg: col(i) + " 的 kind 应为 count、number、rate 或 text", Got: string(c.Kind)})
		}
	}
	for i, c := range d.Columns {
		if c.Range != "" && (c.Range != "any" || c.Kind != Rate) {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("columns[%d] 的 range 只用于 kind: rate 的列，且只能写 any（允许小于 0%% 或大于 100%% 的比率）", i), Got: c.Range})
		}
		if c.PartOf != "" && d.Column(c.PartOf) == nil {
			ps = append(ps, Problem{File: file, Msg: col(i) + " 的 part_of 引用的列不在 columns 中", Got: c.PartOf})
		}
		if c.Ratio == nil {
			continue
		}
		if c.Kind != Rate || len(c.Ratio) != 2 {
			ps = append(ps, Problem{File: file, Msg: col(i) + " 的 ratio 只用于 kind: rate 的列，且应写 [分子列, 分母列]"})
			continue
		}
		for _, id := range c.Ratio {
			if d.Column(id) == nil {
				ps = append(ps, Problem{File: file, Msg: col(i) + " 的 ratio 引用的列不在 columns 中", Got: id})
			}
		}
	}
	if d.Source.Header != "" && d.Source.TokenEnv == "" {
		ps = append(ps, Problem{File: file, Msg: "source.header 需要同时写 token_env"})
	}
	for _, f := range []struct{ name, v string }{{"source.timeout", d.Source.Timeout}, {"source.backoff", d.Source.Backoff}} {
		if f.v == "" {
			continue
		}
		if dur, err := time.ParseDuration(f.v); err != nil || dur < 0 {
			ps = append(ps, Problem{File: file, Msg: f.name + " 应为时长，如 30s、2m", Got: f.v})
		}
	}
	if r := d.Source.Retries; r != nil && (*r < 0 || *r > 20) {
		ps = append(ps, Problem{File: file, Msg: "source.retries 应在 0 到 20 之间", Got: fmt.Sprint(*r)})
	}
	return ps
}
