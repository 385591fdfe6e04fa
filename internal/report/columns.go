package report

import "fmt"

// Source says where a period's snapshot comes from. Exactly one of File,
// Inbox and URL is set. Each may hold {{period}} (2022Q3), {{year}} and
// {{quarter}}, replaced for the period being issued.
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
	for i, c := range d.Columns {
		if c.ID == "" || c.Header == "" {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("columns[%d] 需要 id 和 header", i)})
		}
		if seen[c.ID] {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("columns[%d] 的 id %q 重复", i, c.ID)})
		}
		seen[c.ID] = true
		switch c.Kind {
		case "", Count, Number, Rate, Text:
		default:
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("columns[%d] 的 kind 应为 count、number、rate 或 text", i), Got: string(c.Kind)})
		}
	}
	return ps
}
