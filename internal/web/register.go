package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// The 归档目录 (archive register): one row per file of every version,
// oldest first, with the file's SHA-256, for the archive office's
// register.

var registerHeader = []string{"报告", "期次", "版本", "发文字号", "成文日期", "标题", "重新印发原因", "状态", "文件", "大小（字节）", "SHA-256", "存档时间", "提交"}

func (s *Server) registerRows(v *view) ([][]string, error) {
	var rows [][]string
	for i := len(v.all) - 1; i >= 0; i-- {
		is := &v.all[i]
		files, sums, err := s.read.sha256s(is.Key)
		if err != nil {
			return nil, err
		}
		for j, f := range files {
			rows = append(rows, []string{is.Report, is.Period.String(), strconv.Itoa(is.Version), is.DocNumber,
				date(is.Issued), is.Title, is.Reason, status(v, is), f.Name, strconv.FormatInt(f.Size, 10), sums[j],
				is.Committed.Format(time.RFC3339), is.Commit})
		}
	}
	return rows, nil
}

func (s *Server) registerCSV(w http.ResponseWriter, r *http.Request) {
	rows, err := s.registerRows(viewOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	b.WriteString("\ufeff") // Excel reads UTF-8 only with the mark
	cw := csv.NewWriter(&b)
	cw.Write(registerHeader)
	cw.WriteAll(rows)
	s.sendFile(w, r, "归档目录.csv", "text/csv; charset=utf-8", b.Bytes())
}

func (s *Server) registerXLSX(w http.ResponseWriter, r *http.Request) {
	rows, err := s.registerRows(viewOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "归档目录"
	f.SetSheetName("Sheet1", sheet)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sw.SetColWidth(1, 1, 18)
	sw.SetColWidth(4, 4, 26)
	sw.SetColWidth(6, 6, 50)
	sw.SetColWidth(11, 11, 66)
	write := func(n int, vals []string) error {
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i] = v
		}
		if n > 1 {
			if ver, err := strconv.Atoi(vals[2]); err == nil {
				row[2] = ver
			}
			if sz, err := strconv.ParseInt(vals[9], 10, 64); err == nil {
				row[9] = sz
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(cell, row)
	}
	if err := write(1, registerHeader); err != nil {
		s.fail(w, r, err)
		return
	}
	for i, row := range rows {
		if err := write(i+2, row); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if err := sw.Flush(); err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendFile(w, r, "归档目录.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b.Bytes())
}

func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, name, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+queryEscapePath(name))
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}
