package snapshot

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// readCSV reads a CSV export. Chinese Excel and WPS save "CSV" in GB18030
// (GBK) unless told UTF-8, so text that is not valid UTF-8 is decoded as
// GB18030. A tab in the first line and no comma means tab-separated.
// Cells are named as a spreadsheet program shows the file (A1, I9), and
// the sheet is left empty.
func readCSV(name string, data []byte, def *report.Definition) (*table, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, report.Problems{{File: name, Msg: "文本既不是 UTF-8 也不是 GB18030 编码，无法读取"}}
		}
		data = dec
	}
	if line := longLine(data); line > 0 {
		return nil, report.Problems{{File: name, Cell: fmt.Sprintf("第 %d 行", line),
			Msg: fmt.Sprintf("这一行超过 %d KB，不像是统计表导出文件（Excel 单元格最多 %d 个字符）", maxLine>>10, MaxCellLen)}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	first, _, _ := strings.Cut(string(data[:min(len(data), 4096)]), "\n")
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".tsv" || strings.Contains(first, "\t") && !strings.Contains(first, ",") {
		r.Comma = '\t'
	}
	t := newTable(def, name, "")
	var cells []cellIn
	for row := 1; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := row
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, report.Problems{{File: name, Cell: fmt.Sprintf("第 %d 行", line), Msg: "CSV 格式有误，无法读取：引号不成对，或引号出现在未加引号的字段中间"}}
		}
		cells = cells[:0]
		for _, f := range rec {
			cells = append(cells, cellIn{Text: f})
		}
		if !t.feed(row, cells) {
			break
		}
	}
	if !t.found() {
		return nil, report.Problems{{File: name,
			Msg:  fmt.Sprintf("找不到表头：前 %d 行中没有「%s」列", maxHeaderScan, def.UnitColumn.Header),
			Hint: "请确认导出的是统计表，或在 report.yaml 的 unit_column 中写明单位列的表头"}}
	}
	t.finish()
	return t, nil
}

// maxLine bounds a CSV line: a 21-column row of full cells would be far
// shorter, and the CSV parser holds a line several times over.
const maxLine = 1 << 20

// longLine returns the 1-based number of the first line of data longer
// than maxLine, or 0.
func longLine(data []byte) int {
	for n := 1; len(data) > 0; n++ {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			i = len(data)
		}
		if i > maxLine {
			return n
		}
		data = data[min(i+1, len(data)):]
	}
	return 0
}
