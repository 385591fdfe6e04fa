// Package metrics turns snapshots into the figures a notice states: each
// configured indicator for every unit and for the whole area, targets and
// gaps, the change against the previous period, scores, rankings and the
// findings a template names. It is pure: no I/O.
//
// Stage: snapshot → metrics → notice (and workbook).
//
// # How figures are made
//
// Every indicator is defined in report.yaml (see docs/zh/report.md)
// as one of:
//
//   - column: a snapshot column read as is;
//   - ratio: numerator / denominator (columns or indicators), a percent;
//   - sum: columns or indicators added;
//   - expr: an arithmetic expression over column and indicator ids, written
//     in github.com/expr-lang/expr syntax, e.g. "(三级+四级)/合计" or
//     "1 - 承诺时限/法定时限". Chinese ids are plain identifiers there.
//
// A unit's value is not applicable (NA) when any input is NA or a division
// has a zero denominator; NA is never zero and is left out of every count,
// total and ranking.
//
// The area total of a ratio, sum or expr is its formula applied to the
// inputs summed over the units where every input applies: a ratio of sums,
// never a mean of rates. Counts are summed. A column that already holds a
// rate has no total unless the definition asks for one (total: mean or
// total: weighted), and Indicator.TotalMethod says which was used so the
// wording can say 平均.
//
// # Comparisons
//
// Changes, ties and "unchanged" are decided on values rounded to the
// indicator's display precision, so the notice never says 上升0.00个百分点
// nor ranks two units shown with the same figure apart.
//
// # Consistency
//
// Compute refuses (with a report.Problems error naming file and cell)
// figures that cannot all be true: a ratio's part larger than its whole, a
// negative count, a stated rate that disagrees with the parts, or a failed
// check from the definition's checks list. The sheet's own 合计 row that
// disagrees with the rows is a warning in Result.Warnings (the figures are
// the rows'), or an error when the definition says total_row: refuse.
//
// Result is the template contract; every name is listed with an example in
// docs/template-data.md.
package metrics
