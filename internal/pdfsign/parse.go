package pdfsign

import (
	"bytes"
	"fmt"
	"strconv"
)

// maxDepth bounds the nesting of arrays and dictionaries the parser
// follows, so that a hostile file cannot exhaust the stack.
const maxDepth = 64

// parser reads PDF objects from a byte slice.
type parser struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skip passes whitespace and comments.
func (p *parser) skip() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// keyword reads a run of regular characters (a number, a keyword).
func (p *parser) keyword() string {
	p.skip()
	start := p.pos
	for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
		p.pos++
	}
	return string(p.b[start:p.pos])
}

// integer reads a non-negative integer, or fails without moving.
func (p *parser) integer() (int, bool) {
	save := p.pos
	k := p.keyword()
	n, err := strconv.Atoi(k)
	if err != nil || n < 0 {
		p.pos = save
		return 0, false
	}
	return n, true
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

// value parses one object at the current position.
func (p *parser) value(depth int) (value, error) {
	if depth > maxDepth {
		return nil, p.errorf("objects nested too deeply")
	}
	p.skip()
	if p.pos >= len(p.b) {
		return nil, p.errorf("unexpected end of file")
	}
	switch c := p.b[p.pos]; {
	case c == '/':
		p.pos++
		start := p.pos
		for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
			p.pos++
		}
		return name(p.b[start:p.pos]), nil
	case c == '(':
		return p.literal()
	case c == '<' && p.pos+1 < len(p.b) && p.b[p.pos+1] == '<':
		p.pos += 2
		d := newDict()
		for {
			p.skip()
			if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
				p.pos += 2
				return d, nil
			}
			k, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			key, ok := k.(name)
			if !ok {
				return nil, p.errorf("dictionary key is not a name")
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			d.set(key, v)
		}
	case c == '<':
		end := bytes.IndexByte(p.b[p.pos:], '>')
		if end < 0 {
			return nil, p.errorf("unterminated hex string")
		}
		s := raw(p.b[p.pos : p.pos+end+1])
		p.pos += end + 1
		return s, nil
	case c == '[':
		p.pos++
		var a array
		for {
			p.skip()
			if p.pos < len(p.b) && p.b[p.pos] == ']' {
				p.pos++
				return a, nil
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case isDelim(c):
		return nil, p.errorf("unexpected %q", c)
	}
	// A number, possibly the start of "num gen R", or a keyword.
	start := p.pos
	k := p.keyword()
	if n, err := strconv.Atoi(k); err == nil && n >= 0 {
		save := p.pos
		if gen, ok := p.integer(); ok {
			if p.keyword() == "R" {
				return ref{n, gen}, nil
			}
		}
		p.pos = save
		return raw(k), nil
	}
	switch k {
	case "true", "false", "null":
		return raw(k), nil
	}
	if _, err := strconv.ParseFloat(k, 64); err == nil {
		return raw(k), nil
	}
	p.pos = start
	return nil, p.errorf("unexpected %q", k)
}

// literal reads a (string) with balanced parentheses and escapes.
func (p *parser) literal() (value, error) {
	start := p.pos
	depth := 0
	for p.pos < len(p.b) {
		switch p.b[p.pos] {
		case '\\':
			p.pos++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				p.pos++
				return raw(p.b[start:p.pos]), nil
			}
		}
		p.pos++
	}
	return nil, p.errorf("unterminated string")
}
