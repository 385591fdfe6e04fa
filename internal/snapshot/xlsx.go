package snapshot

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// readXLSX reads the report's sheet of an xlsx workbook: the sheet the
// report names, else the first sheet holding the header.
func readXLSX(name string, data []byte, def *report.Definition) (*table, error) {
	fail := func(msg string) error { return report.Problems{{File: name, Msg: msg}} }
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fail("文件不是有效的 xlsx 工作簿（可能已损坏或下载不完整）：请重新导出")
	}
	if err := checkParts(name, zr); err != nil {
		return nil, err
	}
	// Every sheet that may be read is scanned before excelize opens
	// the workbook (which unzips every part): see scanSheet.
	parts, names := sheetParts(zr)
	if _, ok := parts[def.Source.Sheet]; ok {
		names = []string{def.Source.Sheet}
	}
	scanned := map[string]bool{}
	for _, sheet := range names {
		part := findPart(zr, parts[sheet])
		if part == nil {
			continue
		}
		scanned[sheet] = true
		fixed, err := scanSheet(name, sheet, part)
		if err != nil {
			return nil, err
		}
		if fixed == nil {
			continue
		}
		// Rows or cells out of order, or more than MaxRows rows of
		// which some are empty: read the sheet rewritten in order,
		// without its empty rows.
		if data, err = withPart(zr, part.Name, fixed); err != nil {
			return nil, fail("无法读取工作簿：文件可能已损坏，请重新导出")
		}
		if zr, err = zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
			return nil, fail("无法读取工作簿：文件可能已损坏，请重新导出")
		}
	}
	f, err := openXLSX(data)
	if err != nil {
		slog.Debug("open workbook", "file", name, "err", err)
		switch {
		case strings.Contains(err.Error(), "unzip size"):
			return nil, fail(fmt.Sprintf("文件解压后过大（超过 %d MB），不像是统计表导出文件", maxUnzipSize>>20))
		case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
			return nil, fail("文件不是有效的 xlsx 工作簿（可能已损坏或下载不完整）：请重新导出")
		}
		return nil, fail("无法读取工作簿：文件可能已损坏，请重新导出")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fail("工作簿中没有工作表")
	}
	var order []string
	var warn *report.Problem
	if want := def.Source.Sheet; want != "" {
		if idx, _ := f.GetSheetIndex(want); idx >= 0 {
			order = []string{want}
		} else {
			warn = &report.Problem{Severity: report.Warning, File: name,
				Msg: fmt.Sprintf("工作簿中没有 report.yaml 指定的工作表「%s」，改用含表头的工作表", want),
				Got: strings.Join(sheets, "、")}
		}
	}
	if order == nil {
		order = sheets
	}
	// A sheet whose header lacks report columns (a 填报说明 sheet that
	// mentions 单位) gives way to a later sheet that has them all.
	var fallback *table
	for _, sheet := range order {
		if !scanned[sheet] {
			// Not scanned: excelize and the scan disagree on the
			// workbook's structure.
			return nil, report.Problems{{File: name, Sheet: sheet, Msg: "无法识别工作表在文件中的位置：文件可能已损坏，请用 Excel/WPS 打开、另存后再导入"}}
		}
		t := newTable(def, name, sheet)
		if err := streamSheet(f, sheet, t); err != nil {
			return nil, err
		}
		if !t.found() {
			continue
		}
		if !t.headerOK && fallback == nil {
			fallback = t
		}
		if !t.headerOK {
			continue
		}
		return finishXLSX(f, t, warn), nil
	}
	if fallback != nil {
		return finishXLSX(f, fallback, warn), nil
	}
	p := report.Problem{File: name,
		Msg:  fmt.Sprintf("找不到表头：前 %d 行中没有「%s」列", maxHeaderScan, def.UnitColumn.Header),
		Hint: "请确认导出的是统计表，或在 report.yaml 的 unit_column 中写明单位列的表头"}
	if len(order) == 1 {
		p.Sheet = order[0]
	} else {
		p.Got = "工作表：" + strings.Join(order, "、")
	}
	return nil, report.Problems{p}
}

func openXLSX(data []byte) (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipSize,
		UnzipXMLSizeLimit: maxUnzipXMLSize,
	})
}

func finishXLSX(f *excelize.File, t *table, warn *report.Problem) *table {
	t.finish()
	checkFormulas(f, t)
	if warn != nil {
		warn.Sheet = t.sheet
		t.probs = append(t.probs, *warn)
	}
	return t
}

// streamSheet feeds the sheet's rows to t with excelize's row iterator, so
// that a large sheet is never held in memory whole. The pass reads stored
// values (full precision, text as written). Numbers in rate columns also
// need their number format (0.9981 shown as 99.81%, or 23.2 shown with a
// literal "%"), which the iterator gives only as shown text: when there
// are such cells, a second pass collects their shown text. Exports with
// rates as text take one pass.
func streamSheet(f *excelize.File, sheet string, t *table) error {
	t.deferNumericRates = true
	var cells []cellIn // reused: feed keeps no reference to it
	err := eachRow(f, t.file, sheet, excelize.Options{RawCellValue: true}, func(row int, texts []string) bool {
		cells = cells[:0]
		for _, s := range texts {
			cells = append(cells, cellIn{Text: s})
		}
		return t.feed(row, cells)
	})
	if err != nil || len(t.pending) == 0 {
		return err
	}
	rows := map[int][]string{}
	for _, p := range t.pending {
		rows[p.row] = append(rows[p.row], p.ref)
	}
	shown := make(map[string]string, len(t.pending))
	last := t.pending[len(t.pending)-1].row
	err = eachRow(f, t.file, sheet, excelize.Options{}, func(row int, texts []string) bool {
		for _, ref := range rows[row] {
			col, _, _ := excelize.CellNameToCoordinates(ref)
			if col-1 < len(texts) {
				shown[ref] = texts[col-1]
			}
		}
		return row < last
	})
	if err != nil {
		return err
	}
	t.resolve(shown)
	return nil
}

// eachRow calls fn with every row of sheet, 1-based, until fn returns
// false.
func eachRow(f *excelize.File, file, sheet string, opts excelize.Options, fn func(row int, cells []string) bool) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return report.Problems{{File: file, Sheet: sheet, Msg: "无法读取工作表：文件可能已损坏"}}
	}
	defer rows.Close()
	for row := 1; rows.Next(); row++ {
		cells, err := rows.Columns(opts)
		if err != nil {
			return report.Problems{{File: file, Sheet: sheet, Msg: fmt.Sprintf("第 %d 行无法读取：文件可能已损坏", row)}}
		}
		if !fn(row, cells) {
			break
		}
	}
	if err := rows.Error(); err != nil {
		return report.Problems{{File: file, Sheet: sheet, Msg: "工作表无法读取：文件可能已损坏"}}
	}
	return nil
}

// checkFormulas turns the empty data cells that hold a formula into
// errors: a formula without a cached result (the file was written by a
// program that does not calculate) is not an empty cell. Looking formulas
// up loads the sheet, so it is done only when empty cells exist.
func checkFormulas(f *excelize.File, t *table) {
	for _, ref := range t.empty {
		formula, err := f.GetCellFormula(t.sheet, ref)
		if err != nil || formula == "" {
			continue
		}
		t.errorf(ref, "="+formula, "请用 Excel/WPS 打开文件、保存后再导入（保存时会算出公式结果）", "公式没有计算结果")
	}
}
