package pdfsign

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf16"
)

// value is one PDF object as parsed: name, ref, dict, array, or a token
// kept exactly as written (numbers, strings, booleans, null), so that
// rewriting an object keeps every entry this package does not change.
type value any

// name is a PDF name, without its slash, as written (#xx escapes kept).
type name string

// ref is an indirect reference "num gen R".
type ref struct{ num, gen int }

// raw is a token written back verbatim: a number, a string with its
// delimiters, true, false or null.
type raw string

// array is a PDF array.
type array []value

// dict is a PDF dictionary that keeps its keys' order.
type dict struct {
	keys []name
	vals map[name]value
}

func newDict() *dict { return &dict{vals: map[name]value{}} }

func (d *dict) get(k name) value { return d.vals[k] }

func (d *dict) set(k name, v value) {
	if _, ok := d.vals[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.vals[k] = v
}

// clone copies the dictionary's top level.
func (d *dict) clone() *dict {
	c := &dict{keys: append([]name(nil), d.keys...), vals: make(map[name]value, len(d.vals))}
	for k, v := range d.vals {
		c.vals[k] = v
	}
	return c
}

// write serialises v in PDF syntax.
func write(b *bytes.Buffer, v value) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case name:
		b.WriteByte('/')
		b.WriteString(string(v))
	case ref:
		fmt.Fprintf(b, "%d %d R", v.num, v.gen)
	case raw:
		b.WriteString(string(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	case array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			write(b, e)
		}
		b.WriteByte(']')
	case *dict:
		b.WriteString("<<")
		for _, k := range v.keys {
			b.WriteString(" /")
			b.WriteString(string(k))
			b.WriteByte(' ')
			write(b, v.vals[k])
		}
		b.WriteString(" >>")
	default:
		panic(fmt.Sprintf("pdfsign: cannot write %T", v))
	}
}

// textString encodes s as a PDF text string (UTF-16BE with a byte order
// mark, in hex), which every reader shows correctly for Chinese text.
func textString(s string) raw {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return raw(b.String())
}

// decodeString returns the bytes a string token stands for, and false if
// the token is no string. Text strings in UTF-16BE are decoded to UTF-8.
func decodeString(v value) (string, bool) {
	r, ok := v.(raw)
	if !ok || len(r) < 2 {
		return "", false
	}
	var s []byte
	switch {
	case r[0] == '(':
		s = unescapeLiteral([]byte(r[1 : len(r)-1]))
	case r[0] == '<':
		s = unhex([]byte(r[1 : len(r)-1]))
	default:
		return "", false
	}
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u)), true
	}
	return string(s), true
}

func unescapeLiteral(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
		default:
			if c >= '0' && c <= '7' {
				n := 0
				for j := 0; j < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; j++ {
					n = n*8 + int(s[i]-'0')
					i++
				}
				i--
				out = append(out, byte(n))
			} else {
				out = append(out, c)
			}
		}
	}
	return out
}

func unhex(s []byte) []byte {
	var out []byte
	var hi byte
	half := false
	for _, c := range s {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

// number reads an integer or real token.
func number(v value) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case float64:
		return v, true
	case raw:
		f, err := strconv.ParseFloat(string(v), 64)
		return f, err == nil
	}
	return 0, false
}

// sortedNums returns the keys of m in ascending order.
func sortedNums[V any](m map[int]V) []int {
	nums := make([]int, 0, len(m))
	for n := range m {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	return nums
}
