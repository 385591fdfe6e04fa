package pdfsign

import (
	"bytes"
	"strconv"
)

// document is a PDF read far enough to update it: its cross-reference
// table (classic tables only, following /Prev), its newest trailer and
// a way to read any object.
type document struct {
	b         []byte
	offsets   map[int]int // object number → byte offset (in-use objects)
	trailer   *dict
	startxref int
	size      int // the trailer's /Size: the next free object number
	version   string
}

// maxXRefSections bounds the /Prev chain followed (a loop guard).
const maxXRefSections = 1000

// readDocument parses the cross-reference sections of b.
func readDocument(b []byte) (*document, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return nil, errorf(ErrMalformed, "不是 PDF 文件（开头不是 %%PDF-）")
	}
	d := &document{b: b, offsets: map[int]int{}}
	if end := bytes.IndexAny(b[5:min(len(b), 16)], "\r\n"); end > 0 {
		d.version = string(b[5 : 5+end])
	}
	tail := b[max(0, len(b)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errorf(ErrMalformed, "PDF 文件不完整：末尾没有 startxref")
	}
	p := &parser{b: tail, pos: i + len("startxref")}
	off, ok := p.integer()
	if !ok || off >= len(b) {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：startxref 之后不是有效的位置")
	}
	d.startxref = off
	seen := map[int]bool{}
	for n := 0; ; n++ {
		if n >= maxXRefSections || seen[off] {
			return nil, errorf(ErrMalformed, "PDF 文件损坏：交叉引用表循环引用")
		}
		seen[off] = true
		trailer, err := d.readSection(off)
		if err != nil {
			return nil, err
		}
		if d.trailer == nil {
			d.trailer = trailer
		}
		prev, ok := trailer.get("Prev").(raw)
		if !ok {
			break
		}
		off, err = strconv.Atoi(string(prev))
		if err != nil || off < 0 || off >= len(b) {
			return nil, errorf(ErrMalformed, "PDF 文件损坏：/Prev %s 不是有效的位置", prev)
		}
	}
	if d.trailer.get("Encrypt") != nil {
		return nil, errorf(ErrUnsupported, "PDF 已加密，无法添加签名域或签名")
	}
	size, ok := number(d.trailer.get("Size"))
	if !ok || size < 1 {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：trailer 没有 /Size")
	}
	d.size = int(size)
	if _, ok := d.trailer.get("Root").(ref); !ok {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：trailer 没有 /Root")
	}
	return d, nil
}

// readSection reads the classic cross-reference table at off and returns
// its trailer; entries already known (from a newer section) win.
func (d *document) readSection(off int) (*dict, error) {
	p := &parser{b: d.b, pos: off}
	if k := p.keyword(); k != "xref" {
		if _, err := strconv.Atoi(k); err == nil {
			return nil, errorf(ErrUnsupported, "PDF 使用交叉引用流（PDF 1.5 压缩结构），暂不支持；请用未压缩交叉引用表的 PDF（如 qpdf --object-streams=disable 转换）")
		}
		return nil, errorf(ErrMalformed, "PDF 文件损坏：位置 %d 不是交叉引用表", off)
	}
	for {
		save := p.pos
		first, ok := p.integer()
		if !ok {
			p.pos = save
			break
		}
		count, ok := p.integer()
		if !ok || count > len(d.b)/18 {
			return nil, errorf(ErrMalformed, "PDF 文件损坏：交叉引用表的小节头无效（位置 %d）", save)
		}
		for i := 0; i < count; i++ {
			o, ok1 := p.integer()
			_, ok2 := p.integer()
			kind := p.keyword()
			if !ok1 || !ok2 || (kind != "n" && kind != "f") {
				return nil, errorf(ErrMalformed, "PDF 文件损坏：交叉引用表第 %d 项无效", first+i)
			}
			if _, known := d.offsets[first+i]; known {
				continue
			}
			if kind == "n" {
				d.offsets[first+i] = o
			} else {
				d.offsets[first+i] = -1 // free: an older section must not revive it
			}
		}
	}
	if p.keyword() != "trailer" {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：交叉引用表之后没有 trailer")
	}
	v, err := p.value(0)
	if err != nil {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：trailer 无法读取（%v）", err)
	}
	t, ok := v.(*dict)
	if !ok {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：trailer 不是字典")
	}
	if t.get("XRefStm") != nil {
		return nil, errorf(ErrUnsupported, "PDF 使用混合交叉引用（XRefStm），暂不支持")
	}
	return t, nil
}

// object reads the object r refers to (its dictionary, for a stream).
func (d *document) object(r ref) (value, error) {
	off, ok := d.offsets[r.num]
	if !ok || off < 0 || off >= len(d.b) {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：找不到对象 %d", r.num)
	}
	p := &parser{b: d.b, pos: off}
	num, ok1 := p.integer()
	_, ok2 := p.integer()
	if !ok1 || !ok2 || num != r.num || p.keyword() != "obj" {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：对象 %d 不在交叉引用表所指的位置", r.num)
	}
	v, err := p.value(0)
	if err != nil {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：对象 %d 无法读取（%v）", r.num, err)
	}
	return v, nil
}

// resolve follows v if it is a reference.
func (d *document) resolve(v value) (value, error) {
	if r, ok := v.(ref); ok {
		return d.object(r)
	}
	return v, nil
}

// dictAt reads the dictionary r refers to.
func (d *document) dictAt(r ref, what string) (*dict, error) {
	v, err := d.object(r)
	if err != nil {
		return nil, err
	}
	dd, ok := v.(*dict)
	if !ok {
		return nil, errorf(ErrMalformed, "PDF 文件损坏：%s（对象 %d）不是字典", what, r.num)
	}
	return dd, nil
}

// catalog returns the document catalog and its reference.
func (d *document) catalog() (ref, *dict, error) {
	r := d.trailer.get("Root").(ref)
	c, err := d.dictAt(r, "文档目录")
	return r, c, err
}

// page returns the reference and dictionary of page n (1-based).
func (d *document) page(n int) (ref, *dict, error) {
	_, cat, err := d.catalog()
	if err != nil {
		return ref{}, nil, err
	}
	node, ok := cat.get("Pages").(ref)
	if !ok {
		return ref{}, nil, errorf(ErrMalformed, "PDF 文件损坏：文档目录没有 /Pages")
	}
	left := n - 1
	for depth := 0; depth < maxDepth; depth++ {
		nd, err := d.dictAt(node, "页面树")
		if err != nil {
			return ref{}, nil, err
		}
		if t, _ := nd.get("Type").(name); t == "Page" {
			if left == 0 {
				return node, nd, nil
			}
			break
		}
		kidsV, err := d.resolve(nd.get("Kids"))
		if err != nil {
			return ref{}, nil, err
		}
		kids, _ := kidsV.(array)
		next := ref{-1, 0}
		for _, k := range kids {
			kr, ok := k.(ref)
			if !ok {
				continue
			}
			kd, err := d.dictAt(kr, "页面树")
			if err != nil {
				return ref{}, nil, err
			}
			count := 1
			if t, _ := kd.get("Type").(name); t != "Page" {
				c, _ := number(kd.get("Count"))
				count = int(c)
			}
			if left < count {
				next = kr
				break
			}
			left -= count
		}
		if next.num < 0 {
			break
		}
		node = next
	}
	return ref{}, nil, errorf(ErrBadInput, "PDF 没有第 %d 页", n)
}
