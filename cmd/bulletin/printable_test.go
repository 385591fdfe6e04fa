package main

import (
	"bytes"
	"testing"
)

// What bulletin prints carries no terminal escapes, and a Chinese character
// cut between two writes arrives whole.
func TestPrintableWriter(t *testing.T) {
	var out bytes.Buffer
	w := printable(&out)
	s := []byte("县发改局\x1b[31m\t完成率\a\u202e\n")
	for i := range s {
		w.Write(s[i : i+1])
	}
	if got, want := out.String(), "县发改局[31m\t完成率\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
