package web

import (
	"bytes"
	"net/http"
	"time"

	"github.com/bulletin-gov/bulletin/internal/workbook"
)

// The 归档目录 (archive register): one row per file of every version,
// oldest first, with the file's SHA-256, for the archive office's
// register. internal/workbook writes it (.xlsx and .csv); the web view
// gathers the rows and words their dates and states.

func (s *Server) registerRows(v *view) ([]workbook.RegisterRow, error) {
	var rows []workbook.RegisterRow
	for i := len(v.all) - 1; i >= 0; i-- {
		is := &v.all[i]
		files, sums, err := s.read.sha256s(is.Key)
		if err != nil {
			return nil, err
		}
		for j, f := range files {
			rows = append(rows, workbook.RegisterRow{
				Report: is.Report, Period: is.Period.String(), Version: is.Version, DocNumber: is.DocNumber,
				Issued: date(is.Issued), Title: is.Title, Reason: is.Reason, Status: status(v, is),
				File: f.Name, Size: f.Size, SHA256: sums[j], Committed: is.Committed, Commit: is.Commit,
			})
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
	s.sendFile(w, r, workbook.RegisterSheet+".csv", "text/csv; charset=utf-8", workbook.RegisterCSV(rows))
}

func (s *Server) registerXLSX(w http.ResponseWriter, r *http.Request) {
	rows, err := s.registerRows(viewOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := workbook.Register(rows)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendFile(w, r, workbook.RegisterSheet+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, name, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+queryEscapePath(name))
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}
