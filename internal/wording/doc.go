// Package wording is how bulletin writes a figure, a change, a rank (ties
// and rank changes), a period and a date in Chinese — once, for every
// output: the notice's text and its ranking attachments (internal/notice)
// and rankings.xlsx (internal/workbook) call these functions and use these
// words, so that one ranking never reads two ways.
//
// The conventions follow the office's published notices and GB/T 9704:
// dates in Arabic numerals without leading zeros (2022年11月4日), periods
// in full (2022年第三季度), rates as percents that never round to 100% or
// 0% unless exact, changes of rates in 个百分点, ranks as 并列3 when
// shared, rank changes as ↑2, ↓1, 新增 or —, and "/" for a figure that
// does not apply. A notification's event is written as staff read it in
// `bulletin show` and the web view (Event: 待签发, 已印发, 数据逾期,
// 运行失败).
//
// It imports metrics (for an indicator's figures and ranking rows) and
// report (for periods and events) and nothing else of bulletin.
package wording
