package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// gofpdfName is the name gofpdf gives an embedded TrueType font of family:
// "utf8" and the family in lower case (utf8body).
func gofpdfName(family string) string { return "utf8" + strings.ToLower(family) }

// subsetTag is the six capital letters that mark a subset font's name
// (ISO 32000-1 §9.6.4), derived from the subset's bytes so that identical
// documents get identical names.
func subsetTag(subset []byte) string {
	h := sha256.Sum256(subset)
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + h[i]%26
	}
	return string(tag[:])
}

// renameFonts gives the embedded fonts their PostScript names: gofpdf
// names them utf8body, utf8hei…, which prepress and archive tools do not
// recognise. It replaces the /BaseFont and /FontName entries (in plain
// object dictionaries: gofpdf writes no object streams) and rewrites the
// cross-reference table for the offsets that moved.
func renameFonts(pdf []byte, names map[string]string) ([]byte, error) {
	type edit struct {
		at       int
		old, new []byte
	}
	var edits []edit
	for from, to := range names {
		for _, key := range []string{"/BaseFont /", "/FontName /"} {
			old := []byte(key + from + "\n")
			nw := []byte(key + to + "\n")
			for i := 0; ; {
				j := bytes.Index(pdf[i:], old)
				if j < 0 {
					break
				}
				edits = append(edits, edit{i + j, old, nw})
				i += j + len(old)
			}
		}
	}
	if len(edits) == 0 {
		return pdf, nil
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	// moved maps an offset in the old file to the new one.
	moved := func(off int) int {
		d := 0
		for _, e := range edits {
			if e.at >= off {
				break
			}
			d += len(e.new) - len(e.old)
		}
		return off + d
	}
	var out bytes.Buffer
	out.Grow(len(pdf) + 64*len(edits))
	last := 0
	for _, e := range edits {
		out.Write(pdf[last:e.at])
		out.Write(e.new)
		last = e.at + len(e.old)
	}
	out.Write(pdf[last:])
	b := out.Bytes()

	// The cross-reference table: "xref\n0 N\n" and N entries of 20 bytes.
	sx := bytes.LastIndex(b, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("pdf: no startxref")
	}
	numAt := sx + len("startxref\n")
	numEnd := numAt + bytes.IndexByte(b[numAt:], '\n')
	if numEnd < numAt {
		return nil, fmt.Errorf("pdf: bad startxref")
	}
	xrefOld, err := strconv.Atoi(string(b[numAt:numEnd]))
	if err != nil {
		return nil, fmt.Errorf("pdf: bad startxref: %w", err)
	}
	xref := moved(xrefOld)
	if !bytes.HasPrefix(b[xref:], []byte("xref\n")) {
		return nil, fmt.Errorf("pdf: no xref table at %d", xref)
	}
	p := xref + len("xref\n")
	nl := bytes.IndexByte(b[p:], '\n')
	var first, count int
	if _, err := fmt.Sscanf(string(b[p:p+nl]), "%d %d", &first, &count); err != nil {
		return nil, fmt.Errorf("pdf: bad xref subsection: %w", err)
	}
	p += nl + 1
	for i := 0; i < count; i++ {
		ent := b[p+20*i : p+20*i+20]
		if ent[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(ent[:10]))
		if err != nil {
			return nil, fmt.Errorf("pdf: bad xref entry: %w", err)
		}
		copy(ent[:10], fmt.Sprintf("%010d", moved(off)))
	}
	tail := append([]byte(strconv.Itoa(xref)), b[numEnd:]...)
	return append(b[:numAt], tail...), nil
}
