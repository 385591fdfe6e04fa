// Package snapshot reads one period's indicator table (the spreadsheet a
// provincial platform exports, one row per unit) into typed values, each of
// which remembers the cell it came from. It is the only package that reads
// snapshot workbooks.
//
// Stage: source file → snapshot → metrics.
//
// # What is read
//
// An xlsx workbook (the sheet report.yaml names, else the first sheet
// holding the header) or a CSV file (UTF-8 or GB18030). Rows above the
// header (title, 统计截止时间) are skipped; the date of the 统计截止时间 row
// becomes Snapshot.AsOf. The header is the row holding the unit column's
// header (单位) and the rows below it down to the first unit; a column is
// named by its path through merged group headers, "目录清单梳理情况/完成率".
// Report columns are matched to sheet columns by that path, tolerating line
// breaks, spaces, full-width forms and a "(%)" suffix; then by the path
// without a leading year (2022年度…); then by the last header alone when
// no other report column shares it. Unknown columns are ignored.
//
// Rows and cells are placed by their references, in whatever order the
// file stores them (a sheet out of order is rewritten in order first;
// see scanSheet). Every limit (file, part and row counts, cell and line
// lengths; see MaxRows, MaxCellLen) is checked before what it limits is
// held, so memory stays bounded whatever the file.
//
// Data rows follow. Blank rows and 注： notes are skipped; a 合计/总计 row
// becomes Snapshot.Total and is checked against the column sums. Values
// are parsed by column kind (see ParseValue): rates become fractions,
// "/", "—", "-" and empty cells become NA, which is not zero.
//
// # Problems
//
// Every problem is collected in one pass, each naming file, sheet and cell
// ("2022Q3.xlsx 统计表!I9"), what was found and what was expected. Errors
// (text in a number column, a duplicate unit, a negative count, a part
// above its whole, a formula without a result, a missing column, a rate
// outside 0–100 % unless its column allows it, a figure of 2^53 or more,
// a unit name holding control characters or emoji) are
// returned together as a report.Problems; warnings (a stated rate that
// disagrees with its numerator and denominator, a 合计 that is not the
// sum, invisible characters removed from a unit name) are kept in
// Snapshot.Warnings.
//
// # Example
//
//	def, _ := report.Load("reports/hengyang-county")
//	snap, err := snapshot.ReadFile("reports/hengyang-county/data/2022Q3.xlsx", def)
//	if err != nil {
//		fmt.Println(err) // one problem per line
//	}
//	v := snap.Unit("县公安局").Values["覆盖率"] // {Num: 0.2619, Cell: "N8"}
package snapshot
