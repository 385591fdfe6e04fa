package report

import (
	"fmt"
	"strings"
)

// Severity tells whether a Problem stops a run.
type Severity int

const (
	// Error stops the run before anything is written.
	Error Severity = iota
	// Warning is printed and recorded in the manifest; the run goes on.
	Warning
)

// Problem is one thing wrong with an input, said so that office staff can
// find and fix it: which file, sheet and cell (or line), what was found and
// what was expected. Messages are Chinese; they are read by the people who
// prepare the spreadsheet.
type Problem struct {
	Severity Severity `json:"-"`
	File     string   `json:"file,omitempty"`
	Sheet    string   `json:"sheet,omitempty"`
	Cell     string   `json:"cell,omitempty"` // "I9"; or a line:column for text files
	Got      string   `json:"got,omitempty"`
	Msg      string   `json:"message"` // what is wrong / what was expected
	Hint     string   `json:"hint,omitempty"`
}

// Where returns the location prefix: 「2022Q3.xlsx」统计表!I9.
func (p Problem) Where() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
	}
	if p.Sheet != "" || p.Cell != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if p.Sheet != "" {
			b.WriteString(p.Sheet)
			if p.Cell != "" {
				b.WriteByte('!')
			}
		}
		b.WriteString(p.Cell)
	}
	return b.String()
}

// String formats the problem on one line.
func (p Problem) String() string {
	var b strings.Builder
	if w := p.Where(); w != "" {
		b.WriteString(w)
		b.WriteString(": ")
	}
	if p.Severity == Warning {
		b.WriteString("警告：")
	}
	b.WriteString(p.Msg)
	if p.Got != "" {
		fmt.Fprintf(&b, "（实际为 %q）", p.Got)
	}
	if p.Hint != "" {
		b.WriteString("。")
		b.WriteString(p.Hint)
	}
	return b.String()
}

// Problems is a list of problems found in one pass. As an error it reports
// every problem, one per line, so that staff can fix them all at once.
type Problems []Problem

// Error implements error.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Errors returns the problems of severity Error.
func (ps Problems) Errors() Problems { return ps.filter(Error) }

// Warnings returns the problems of severity Warning.
func (ps Problems) Warnings() Problems { return ps.filter(Warning) }

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Err returns ps.Errors() as an error, or nil when there is none.
func (ps Problems) Err() error {
	if e := ps.Errors(); len(e) > 0 {
		return e
	}
	return nil
}
