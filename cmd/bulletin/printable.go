package main

import (
	"io"
	"unicode/utf8"

	"github.com/bulletin-gov/bulletin/internal/archive"
)

// printableWriter drops control and invisible format characters (ESC,
// BEL, bidi overrides; newlines and tabs are kept) from what it writes. A
// character split between two writes is held back until it is whole.
type printableWriter struct {
	w    io.Writer
	rest []byte // the start of a character cut by the previous write
}

// printable wraps w so that no terminal escape reaches it.
func printable(w io.Writer) io.Writer {
	if _, ok := w.(*printableWriter); ok {
		return w
	}
	return &printableWriter{w: w}
}

func (p *printableWriter) Write(b []byte) (int, error) {
	data := b
	if len(p.rest) > 0 {
		data = append(p.rest, b...)
		p.rest = nil
	}
	// Hold back an incomplete character at the end.
	cut := len(data)
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				cut = i
			}
			break
		}
	}
	p.rest = append([]byte(nil), data[cut:]...)
	if _, err := io.WriteString(p.w, archive.Clean(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(b), nil
}
