package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// finish is the one pass over gofpdf's output that adds what gofpdf
// cannot write and a PDF/A-2b file needs, and names the fonts as
// themselves. It reads the file gofpdf wrote (one classic cross-reference
// table, no object streams, no encryption) object by object and writes it
// again, with:
//
//   - a %PDF-1.7 header followed by a comment of four bytes above 127;
//   - the fonts' /BaseFont and /FontName as their PostScript names with a
//     subset tag (gofpdf names them utf8body, utf8hei…);
//   - the Info dictionary's dates with their time zone (gofpdf writes
//     none);
//   - in the catalog: /Metadata (gofpdf writes the XMP stream but does not
//     point to it), /OutputIntents (an sRGB profile, appended), /Lang, no
//     empty /Names tree of embedded files, and /ViewerPreferences that show
//     the title;
//   - the page contents (and ToUnicode maps) deflated: gofpdf is told not
//     to compress them (WithCompression(false)), since it would take a new
//     zlib writer (over 1 MB) for each page; here one pooled writer does;
//   - a new cross-reference table and a trailer with an /ID derived from
//     the file's bytes.
//
// Objects keep their numbers, the output is deterministic, and
// internal/pdfsign can append a signature field to it.
func finish(pdf []byte, fontNames map[string]string, in info) ([]byte, error) {
	f, err := parseGofpdf(pdf)
	if err != nil {
		return nil, err
	}
	metadata := 0
	for _, o := range f.objs {
		if bytes.Contains(o.dict(), []byte(" 0 obj\n<< /Type /Metadata /Subtype /XML ")) {
			metadata = o.num
		}
	}
	if metadata == 0 {
		return nil, fmt.Errorf("pdf: gofpdf wrote no XMP metadata")
	}
	children := outlineChildren(f.objs)
	size := f.size
	profile, intent := size, size+1
	size += 2

	var out bytes.Buffer
	out.Grow(len(pdf)/2 + len(iccObject()) + 1024) // the pages deflate to less than half
	out.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, size)
	for _, o := range f.objs {
		offsets[o.num] = out.Len()
		d, rest := o.dict(), o.text[len(o.dict()):]
		switch o.num {
		case f.info:
			if d, err = zoneDates(d, in); err != nil {
				return nil, err
			}
		case f.root:
			if d, err = catalog(d, metadata, intent); err != nil {
				return nil, err
			}
		default:
			d = renameFonts(d, fontNames)
			if n := children[o.num]; n > 0 {
				if bytes.Contains(d, []byte("<</Type /Outlines ")) {
					// The root counts the entries shown: all of them.
					total := 0
					for _, c := range children {
						total += c
					}
					d = bytes.Replace(d, []byte("0 R>>"), fmt.Appendf(nil, "0 R /Count %d>>", total), 1)
				} else {
					d = bytes.Replace(d, []byte("/Count 0>>"), fmt.Appendf(nil, "/Count %d>>", n), 1)
				}
			}
		}
		if head, data, ok := plainStream(d, rest); ok {
			out.Write(head)
			deflate(&out, data)
			continue
		}
		out.Write(d)
		out.Write(rest)
	}
	offsets[profile] = out.Len()
	out.WriteString(strconv.Itoa(profile))
	out.Write(iccObject())
	offsets[intent] = out.Len()
	b := fmt.Appendf(nil, "%d 0 obj\n<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)"+
		" /RegistryName (http://www.color.org) /Info ", intent)
	b = textString(b, iccDescription)
	b = fmt.Appendf(b, " /DestOutputProfile %d 0 R>>\nendobj\n", profile)
	out.Write(b)

	id := md5.Sum(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for _, off := range offsets[1:] {
		if off == 0 {
			fmt.Fprintf(&out, "0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	h := hex.EncodeToString(id[:])
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		size, f.root, f.info, h, h, xref)
	return out.Bytes(), nil
}

// outlineChildren counts the children of the outline's root and of each
// entry that has some. gofpdf writes /Count 0 on every entry and none on
// the root; an entry with children needs their number (positive: shown
// open), the root the number of entries shown (ISO 32000-1 §12.3.3).
func outlineChildren(objs []object) map[int]int {
	var out map[int]int
	for _, o := range objs {
		d := o.dict()
		if !bytes.Contains(d, []byte(" 0 obj\n<</Title ")) {
			continue
		}
		i := bytes.Index(d, []byte("\n/Parent "))
		if i < 0 {
			continue
		}
		var parent, gen int
		if _, err := fmt.Sscanf(string(d[i+len("\n/Parent "):]), "%d %d R", &parent, &gen); err != nil {
			continue
		}
		if out == nil {
			out = map[int]int{}
		}
		out[parent]++
	}
	return out
}

// plainHead is how gofpdf starts an uncompressed stream: page contents
// and ToUnicode maps ("<</Length n>>").
const plainHead = ">>\nstream\n"

// plainStream returns, for an object gofpdf wrote as "<</Length n>>" and
// a stream (d being up to the data, rest what follows), its beginning up
// to "<<" and the stream's data.
func plainStream(d, rest []byte) (head, data []byte, ok bool) {
	const key = " 0 obj\n<</Length "
	i := bytes.Index(d, []byte(key))
	if i < 0 || !bytes.HasSuffix(d, []byte(plainHead)) {
		return nil, nil, false
	}
	n, err := strconv.Atoi(string(d[i+len(key) : len(d)-len(plainHead)]))
	if err != nil || n+len("\nendstream\nendobj\n") != len(rest) {
		return nil, nil, false
	}
	return d[:i+len(" 0 obj\n<<")], rest[:n], true
}

// A deflater is a zlib writer and its output buffer, reused: a new
// writer allocates over a megabyte. A few are kept in a free list (not a
// sync.Pool, which every garbage collection empties).
type deflater struct {
	w   *zlib.Writer
	buf bytes.Buffer
}

var deflaters = make(chan *deflater, 4)

// deflate writes the rest of a stream object whose dictionary was written
// up to "<<": the filter, the length, and the deflated data.
func deflate(out *bytes.Buffer, data []byte) {
	var d *deflater
	select {
	case d = <-deflaters:
	default:
		d = &deflater{}
		d.w, _ = zlib.NewWriterLevel(nil, zlib.BestSpeed)
	}
	d.buf.Reset()
	d.w.Reset(&d.buf)
	d.w.Write(data)
	d.w.Close()
	fmt.Fprintf(out, "/Filter /FlateDecode /Length %d>>\nstream\n", d.buf.Len())
	out.Write(d.buf.Bytes())
	out.WriteString("\nendstream\nendobj\n")
	select {
	case deflaters <- d:
	default:
	}
}

// gofpdfFile is gofpdf's output cut into its objects.
type gofpdfFile struct {
	objs       []object // in file order
	size       int      // the trailer's /Size
	root, info int      // the catalog's and the Info dictionary's numbers
}

// object is one indirect object: "n 0 obj" up to and including "endobj\n".
type object struct {
	num  int
	text []byte
}

// dict is the object's text up to its stream's data, if it has one.
func (o object) dict() []byte {
	if i := bytes.Index(o.text, []byte("\nstream\n")); i >= 0 {
		return o.text[:i+len("\nstream\n")]
	}
	return o.text
}

func parseGofpdf(pdf []byte) (*gofpdfFile, error) {
	bad := func(what string) error { return fmt.Errorf("pdf: unexpected gofpdf output: %s", what) }
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, bad("no startxref")
	}
	num, _, _ := bytes.Cut(pdf[sx+len("\nstartxref\n"):], []byte("\n"))
	xref, err := strconv.Atoi(string(num))
	if err != nil || xref <= 0 || xref >= sx || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		return nil, bad("no xref table")
	}
	p := xref + len("xref\n0 ")
	num, _, _ = bytes.Cut(pdf[p:], []byte("\n"))
	count, err := strconv.Atoi(string(num))
	p += len(num) + 1
	if err != nil || count < 2 || p+20*count > sx {
		return nil, bad("xref subsection")
	}
	f := &gofpdfFile{size: count}
	var offs []int // the objects' offsets, in f.objs's order until sorted
	for n := 1; n < count; n++ {
		ent := pdf[p+20*n : p+20*n+20]
		if ent[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(ent[:10]))
		if err != nil || off <= 0 || off >= xref {
			return nil, bad("xref entry")
		}
		f.objs = append(f.objs, object{num: n})
		offs = append(offs, off)
	}
	sort.Sort(byOffset{f.objs, offs})
	for i := range f.objs {
		end := xref
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		o := &f.objs[i]
		o.text = pdf[offs[i]:end]
		if !bytes.HasPrefix(o.text, []byte(strconv.Itoa(o.num)+" 0 obj\n")) || !bytes.HasSuffix(o.text, []byte("endobj\n")) {
			return nil, bad(fmt.Sprintf("object %d", o.num))
		}
	}
	trailer := pdf[p+20*count : sx]
	for _, k := range []struct {
		key string
		to  *int
	}{{"/Root ", &f.root}, {"/Info ", &f.info}} {
		i := bytes.Index(trailer, []byte(k.key))
		if i < 0 {
			return nil, bad("trailer has no " + k.key)
		}
		var gen int
		if _, err := fmt.Sscanf(string(trailer[i+len(k.key):]), "%d %d R", k.to, &gen); err != nil || *k.to <= 0 || *k.to >= count {
			return nil, bad("trailer " + k.key)
		}
	}
	return f, nil
}

// byOffset sorts objects and their offsets by offset.
type byOffset struct {
	objs []object
	offs []int
}

func (s byOffset) Len() int           { return len(s.objs) }
func (s byOffset) Less(i, j int) bool { return s.offs[i] < s.offs[j] }
func (s byOffset) Swap(i, j int) {
	s.objs[i], s.objs[j] = s.objs[j], s.objs[i]
	s.offs[i], s.offs[j] = s.offs[j], s.offs[i]
}

// renameFonts gives the fonts of an object's dictionary their PostScript
// names: gofpdf names them utf8body, utf8hei…, which prepress and archive
// tools do not recognise.
func renameFonts(d []byte, names map[string]string) []byte {
	if !bytes.Contains(d, []byte("/BaseFont /utf8")) && !bytes.Contains(d, []byte("/FontName /utf8")) {
		return d
	}
	for from, to := range names {
		for _, key := range []string{"/BaseFont /", "/FontName /"} {
			d = bytes.ReplaceAll(d, []byte(key+from+"\n"), []byte(key+to+"\n"))
		}
	}
	return d
}

// zoneDates writes the Info dictionary's dates with their time zone.
func zoneDates(d []byte, in info) ([]byte, error) {
	old := "(" + gofpdfDate(in.Created) + ")"
	nw := "(" + pdfDate(in.Created) + ")"
	for _, key := range []string{"/CreationDate ", "/ModDate "} {
		if !bytes.Contains(d, []byte(key+old)) {
			return nil, fmt.Errorf("pdf: unexpected gofpdf output: Info has no %s%s", key, old)
		}
		d = bytes.Replace(d, []byte(key+old), []byte(key+nw), 1)
	}
	return d, nil
}

// catalog rewrites the catalog's dictionary: gofpdf's entries but an
// empty tree of embedded files (PDF/A-2 allows only PDF/A ones), and the
// entries PDF/A-2 wants.
func catalog(d []byte, metadata, intent int) ([]byte, error) {
	s := string(d)
	if i := strings.Index(s, "/Names <<"); i >= 0 {
		depth, j := 0, i+len("/Names ")
		for ; j < len(s)-1; j++ {
			if s[j] == '<' && s[j+1] == '<' {
				depth++
				j++
			} else if s[j] == '>' && s[j+1] == '>' {
				depth--
				j++
				if depth == 0 {
					break
				}
			}
		}
		names := s[i : j+1]
		if depth != 0 || strings.Contains(names, " R") {
			return nil, fmt.Errorf("pdf: unexpected gofpdf output: catalog names %q", names)
		}
		s = s[:i] + strings.TrimLeft(s[j+1:], "\n")
	}
	end := strings.LastIndex(s, ">>")
	if end < 0 {
		return nil, fmt.Errorf("pdf: unexpected gofpdf output: catalog %q", s)
	}
	add := fmt.Appendf(nil, "/Metadata %d 0 R\n/OutputIntents [%d 0 R]\n/Lang ", metadata, intent)
	add = textString(add, lang)
	add = append(add, "\n/ViewerPreferences <</DisplayDocTitle true>>\n"...)
	return []byte(s[:end] + string(add) + s[end:]), nil
}

// iccObject is the sRGB profile's stream object, from " 0 obj" on
// (deflated once per process).
var iccObject = sync.OnceValue(func() []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(srgbProfile())
	w.Close()
	b := fmt.Appendf(nil, " 0 obj\n<</N 3 /Filter /FlateDecode /Length %d>>\nstream\n", z.Len())
	b = append(b, z.Bytes()...)
	return append(b, "\nendstream\nendobj\n"...)
})

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

// gofpdfName is the name gofpdf gives an embedded TrueType font of family:
// "utf8" and the family in lower case (utf8body).
func gofpdfName(family string) string { return "utf8" + strings.ToLower(family) }
