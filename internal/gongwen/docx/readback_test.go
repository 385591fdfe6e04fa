package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/notice"
)

// parts reads every part of a .docx.
func parts(t testing.TB, docx []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("the .docx is not a zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// node is a generic XML element, for reading WordprocessingML back.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func parse(t testing.TB, data []byte) *node {
	t.Helper()
	var n node
	if err := xml.Unmarshal(data, &n); err != nil {
		t.Fatalf("parse: %v", err)
	}
	return &n
}

// attr returns the attribute with local name name.
func (n *node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// child returns the first child with local name name, or nil.
func (n *node) child(name string) *node {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == name {
			return &n.Nodes[i]
		}
	}
	return nil
}

// all returns every descendant with local name name, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		for i := range m.Nodes {
			c := &m.Nodes[i]
			if c.XMLName.Local == name {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// path follows child names; nil when one is missing.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		if n == nil {
			return nil
		}
		n = n.child(name)
	}
	return n
}

// text is the text of an element: its w:t, with w:tab as a space.
func (n *node) text() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		for i := range m.Nodes {
			c := &m.Nodes[i]
			switch c.XMLName.Local {
			case "t":
				b.WriteString(c.Text)
			case "tab":
				if c.attr("val") == "" {
					b.WriteString(" ")
				}
			}
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// squash drops all white space.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

var pageNumber = regexp.MustCompile(`—\d+—`)

// headerReading is a table's header as it reads in the document: the first
// header row (ungrouped headers, each group's name once), then the second
// (the grouped columns' own headers).
func headerReading(t *notice.Table) string {
	var row1, row2 []string
	grouped := false
	for _, c := range t.Columns {
		grouped = grouped || c.Group != ""
	}
	for i, c := range t.Columns {
		switch {
		case c.Group == "" || !grouped:
			row1 = append(row1, c.Header)
		default:
			if i == 0 || t.Columns[i-1].Group != c.Group {
				row1 = append(row1, c.Group)
			}
			row2 = append(row2, c.Header)
		}
	}
	return squash(strings.Join(row1, "") + strings.Join(row2, ""))
}

// tables returns doc's tables, depth first in print order.
func tables(doc *notice.Document) []*notice.Table {
	var out []*notice.Table
	for _, a := range doc.Attachments {
		if a.Table != nil {
			out = append(out, a.Table)
		}
		if a.Notice != nil {
			out = append(out, tables(a.Notice)...)
		}
	}
	return out
}

// expectedText is notice.txt as a document shows it, without white space:
// table cells without their " | " separators, and each table's header line
// (written 组/列 in notice.txt) as its header rows read.
func expectedText(doc *notice.Document) string {
	text := doc.Text()
	for _, tb := range tables(doc) {
		hs := make([]string, len(tb.Columns))
		for i, c := range tb.Columns {
			hs[i] = c.Header
			if c.Group != "" {
				hs[i] = c.Group + "/" + c.Header
			}
		}
		text = strings.Replace(text, strings.Join(hs, " | ")+"\n", headerReading(tb)+"\n", 1)
	}
	return strings.ReplaceAll(squash(text), "|", "")
}
