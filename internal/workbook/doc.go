// Package workbook writes the spreadsheets bulletin makes: the ranking
// tables of a notice as rankings.xlsx, the spreadsheet office staff sort,
// filter and forward alongside the PDF, and the archive's 归档目录
// (Register, RegisterCSV) that the web view serves. It is, with the
// snapshot reader, the only package that imports excelize.
//
// Stage: metrics → workbook. It reads a *metrics.Result (already ranked and
// rounded by the metrics stage) and the report definition (for the
// ranking's show_change and whether it is ranked at all); it computes
// nothing itself. The 排名变化 column appears, as in the PDF, when the
// ranking shows the change and the previous period is known.
//
// Each ranking becomes one worksheet laid out like the attachment table of
// the PDF:
//
//	row 1        title (the ranking's title), merged across the table
//	row 2        统计截止时间：… (only when the result has an as-of date)
//	header rows  序号 or 排名 | 单位 | the ranking's columns | 排名变化
//	             one header row, or two when columns share a group header
//	             (the group is merged across its columns, single headers
//	             are merged down both rows)
//	data rows    one unit a row
//
// Figures are written as numbers with the indicator's precision as a number
// format (0.00% for rates, 0 or 0.0… otherwise), so a sorted or summed
// column behaves; a not-applicable figure is the text "/", never 0. A tied
// rank stays a number and is shown as 并列3 by its format. Every word of
// the table (headers, ties, rank changes, "/") is internal/wording's, the
// same as the PDF's attachment tables. The header is
// frozen together with the rank and unit columns, and the print setup is
// landscape A4, one page wide, with the header rows repeated on every page
// (the _xlnm.Print_Titles defined name).
//
// The 归档目录 is one sheet, one row per file of every archived version
// (RegisterRow), the version and the size as numbers; its CSV twin has the
// same header and cells.
//
// Sheets are written with excelize's StreamWriter, so a 5,000-row ranking
// needs a few megabytes, and the archive entries are written in a fixed
// order with fixed dates, so identical inputs give identical bytes.
package workbook
