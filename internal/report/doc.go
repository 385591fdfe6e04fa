// Package report is a report's definition, read from
// reports/<id>/report.yaml: who issues the notice, where the export comes
// from, which columns it holds, the indicators, checks, scoring and
// rankings computed from them, the template and attachments, the schedule
// and the archive settings. No Go code is specific to one office's
// indicators; everything that is lives here as configuration.
//
// It is the leaf of bulletin's package graph: every other package may
// import it, and it imports none of them. Besides the Definition it holds
// what all stages share:
//
//   - Period, the reporting period ("2022Q3"), with its neighbours and its
//     start and end in a time zone;
//   - Problem and Problems, a mistake in an input said for office staff
//     (file, sheet, cell or line, what was found, what was expected, a
//     hint), with Error or Warning severity;
//   - EditDistance, the measure behind every "是否应为 …" suggestion.
//
// Load and Parse read report.yaml with github.com/goccy/go-yaml. Before
// decoding, the parsed tree is walked against the Definition's types so
// that every unknown key (block or flow style) and every value of the
// wrong shape is reported at once, in Chinese, with its line and the key
// probably meant; syntax errors give line and column and quote the line
// (yaml.go, yamlerr.go). Validate then checks the definition's own
// consistency and names list entries by line and id (第 12 行的指标 rate;
// ref.go).
package report
