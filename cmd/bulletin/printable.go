package main

import (
	"io"

	"github.com/bulletin-gov/bulletin/internal/archive"
)

// printableWriter drops control and invisible format characters (ESC,
// BEL, bidi overrides; newlines and tabs are kept) from what it writes.
// Each Write is filtered on its own; the commands write whole lines.
type printableWriter struct{ w io.Writer }

// printable wraps w so that no terminal escape reaches it.
func printable(w io.Writer) io.Writer {
	if _, ok := w.(printableWriter); ok {
		return w
	}
	return printableWriter{w}
}

func (p printableWriter) Write(b []byte) (int, error) {
	s := archive.Clean(string(b))
	if len(s) == len(b) {
		return p.w.Write(b)
	}
	if _, err := io.WriteString(p.w, s); err != nil {
		return 0, err
	}
	return len(b), nil
}
