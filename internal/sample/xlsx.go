package sample

import (
	"archive/zip"
	"bytes"
	"io"
)

// SheetPart is the worksheet part of the bundled exports (one sheet each).
const SheetPart = "xl/worksheets/sheet1.xml"

// EditParts returns the xlsx data with its parts edited as text: edit gets
// each part's name and content and returns the new content. Tests build
// hostile workbooks with it (rows out of order, cells impossible, parts
// huge) from a real export.
func EditParts(data []byte, edit func(name, content string) string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, edit(f.Name, string(b))); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// EditPart returns the xlsx data with the part name edited as text.
func EditPart(data []byte, name string, edit func(content string) string) ([]byte, error) {
	return EditParts(data, func(n, content string) string {
		if n == name {
			return edit(content)
		}
		return content
	})
}
