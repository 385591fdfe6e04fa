package snapshot

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// monthDay finds a date written without its year: 11月04日, 11月4号.
var monthDay = regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]`)

// StatedDate reads the date written in one cell of an xlsx export, such as
// a title row "……整改情况（截至11月04日）" in A1: year, month and day, the
// year 0 when the cell states none. sheet "" is the first sheet. The error
// (a report.Problems) names the file, sheet and cell and what was
// expected.
func StatedDate(name string, data []byte, sheet, cell string) (year, month, day int, err error) {
	fail := func(sheet, msg, got string) error {
		return report.Problems{{File: name, Sheet: sheet, Cell: cell, Msg: msg, Got: got}}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipSize, UnzipXMLSizeLimit: maxUnzipXMLSize})
	if err != nil {
		return 0, 0, 0, fail("", "无法读取工作簿，读不到截至日期（as_of_cell 只用于 xlsx 导出文件）", "")
	}
	defer f.Close()
	if sheet == "" {
		if list := f.GetSheetList(); len(list) > 0 {
			sheet = list[0]
		}
	}
	text, err := f.GetCellValue(sheet, cell)
	if err != nil {
		return 0, 0, 0, fail(sheet, fmt.Sprintf("读不到 report.yaml 的 as_of_cell 所指的单元格（应为 A1 这样的单元格）：%v", err), "")
	}
	s := fold(text)
	if t, ok := parseDate(s); ok {
		return t.Year(), int(t.Month()), t.Day(), nil
	}
	if m := monthDay.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[1])
		d, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			return 0, mo, d, nil
		}
	}
	return 0, 0, 0, fail(sheet, "这个单元格应写明截至日期，如「截至11月04日」或「截至2021年11月4日」", text)
}
