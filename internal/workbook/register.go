package workbook

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// RegisterSheet is the name of the 归档目录's only sheet.
const RegisterSheet = "归档目录"

// RegisterHeader is the header row of the 归档目录 (archive register), in
// both its .xlsx and its .csv form.
var RegisterHeader = []string{"报告", "期次", "版本", "发文字号", "成文日期", "标题", "重新印发原因", "状态", "文件", "大小（字节）", "SHA-256", "存档时间", "提交"}

// RegisterRow is one row of the 归档目录: one file of one archived version.
// The text fields are written as the caller words them (the web view's
// dates and states); Version and Size are numbers in the .xlsx.
type RegisterRow struct {
	Report    string
	Period    string
	Version   int
	DocNumber string
	Issued    string // 成文日期, as worded by the caller ("" when none)
	Title     string
	Reason    string
	Status    string
	File      string
	Size      int64
	SHA256    string
	Committed time.Time
	Commit    string
}

// strings returns the row's cells as text, in RegisterHeader's order.
func (r RegisterRow) strings() []string {
	return []string{r.Report, r.Period, strconv.Itoa(r.Version), r.DocNumber, r.Issued, r.Title, r.Reason,
		r.Status, r.File, strconv.FormatInt(r.Size, 10), r.SHA256, r.Committed.Format(time.RFC3339), r.Commit}
}

// cells returns the row's cells for the .xlsx: as strings, but the version
// and the size as numbers.
func (r RegisterRow) cells() []any {
	s := r.strings()
	row := make([]any, len(s))
	for i, v := range s {
		row[i] = v
	}
	row[2] = r.Version
	row[9] = r.Size
	return row
}

// RegisterCSV returns the 归档目录 as UTF-8 CSV with a byte-order mark
// (Excel reads UTF-8 CSV only with the mark): RegisterHeader, then rows.
func RegisterCSV(rows []RegisterRow) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.Write(RegisterHeader)
	for _, r := range rows {
		cw.Write(r.strings())
	}
	cw.Flush() // writing to a bytes.Buffer does not fail
	return b.Bytes()
}

// Register returns the 归档目录 as an .xlsx workbook: one sheet,
// RegisterSheet, with RegisterHeader and then rows, written with excelize's
// StreamWriter so a large archive's register stays a few megabytes.
func Register(rows []RegisterRow) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", RegisterSheet); err != nil {
		return nil, fmt.Errorf("workbook: register sheet: %w", err)
	}
	sw, err := f.NewStreamWriter(RegisterSheet)
	if err != nil {
		return nil, fmt.Errorf("workbook: register sheet: %w", err)
	}
	for _, w := range []struct {
		col   int
		width float64
	}{{1, 18}, {4, 26}, {6, 50}, {11, 66}} {
		if err := sw.SetColWidth(w.col, w.col, w.width); err != nil {
			return nil, fmt.Errorf("workbook: register column width: %w", err)
		}
	}
	header := make([]any, len(RegisterHeader))
	for i, h := range RegisterHeader {
		header[i] = h
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, fmt.Errorf("workbook: register header: %w", err)
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err == nil {
			err = sw.SetRow(cell, r.cells())
		}
		if err != nil {
			return nil, fmt.Errorf("workbook: register row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, fmt.Errorf("workbook: register: %w", err)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("workbook: register: %w", err)
	}
	return b.Bytes(), nil
}
