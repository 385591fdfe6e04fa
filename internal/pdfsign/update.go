package pdfsign

import (
	"bytes"
	"fmt"
	"strconv"
)

// update collects the objects of one incremental update: new objects and
// new versions of existing ones, appended after the original bytes with
// their own cross-reference section, so every earlier byte stays as it
// was (ISO 32000-1 §7.5.6).
type update struct {
	doc  *document
	next int
	objs map[int][]byte // object number → "value" or "dict stream…endstream"
	// offsets holds where bytes wrote each object, once it has.
	offsets map[int]int
}

func newUpdate(d *document) *update {
	return &update{doc: d, next: d.size, objs: map[int][]byte{}}
}

// add appends a new object and returns its reference.
func (u *update) add(v value) ref {
	r := ref{u.next, 0}
	u.next++
	u.set(r, v)
	return r
}

// set writes a new version of object r.
func (u *update) set(r ref, v value) {
	var b bytes.Buffer
	write(&b, v)
	u.objs[r.num] = b.Bytes()
}

// addStream appends a stream object; d gets its /Length.
func (u *update) addStream(d *dict, data []byte) ref {
	d.set("Length", len(data))
	var b bytes.Buffer
	write(&b, d)
	b.WriteString("\nstream\n")
	b.Write(data)
	b.WriteString("\nendstream")
	r := ref{u.next, 0}
	u.next++
	u.objs[r.num] = b.Bytes()
	return r
}

// bytes returns the original file followed by the update.
func (u *update) bytes() []byte {
	orig := u.doc.b
	var b bytes.Buffer
	b.Grow(len(orig) + 4096)
	b.Write(orig)
	if n := len(orig); n > 0 && orig[n-1] != '\n' && orig[n-1] != '\r' {
		b.WriteByte('\n')
	}
	nums := sortedNums(u.objs)
	offsets := make(map[int]int, len(nums))
	u.offsets = offsets
	for _, n := range nums {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", n)
		b.Write(u.objs[n])
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(&b, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			fmt.Fprintf(&b, "%010d %05d n\r\n", offsets[n], 0)
		}
		i = j
	}
	t := newDict()
	t.set("Size", max(u.next, u.doc.size))
	t.set("Root", u.doc.trailer.get("Root"))
	for _, k := range []name{"Info", "ID"} {
		if v := u.doc.trailer.get(k); v != nil {
			t.set(k, v)
		}
	}
	t.set("Prev", u.doc.startxref)
	b.WriteString("trailer\n")
	write(&b, t)
	b.WriteString("\nstartxref\n")
	b.WriteString(strconv.Itoa(xref))
	b.WriteString("\n%%EOF\n")
	return b.Bytes()
}
