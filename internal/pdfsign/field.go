package pdfsign

import (
	"math"
	"strconv"
)

// DefaultFieldName is the name given to the seal's signature field when
// the caller names none.
const DefaultFieldName = "Seal"

// Rect is a rectangle in PDF points (1/72 inch) in the page's default
// user space: origin at the bottom-left corner, y upwards.
type Rect struct{ LLX, LLY, URX, URY float64 }

// Width and Height of the rectangle, in points.
func (r Rect) Width() float64  { return r.URX - r.LLX }
func (r Rect) Height() float64 { return r.URY - r.LLY }

func (r Rect) array() array {
	return array{pt(r.LLX), pt(r.LLY), pt(r.URX), pt(r.URY)}
}

// pt writes a coordinate with two decimals.
func pt(f float64) raw { return raw(strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)) }

// Field places an empty signature field.
type Field struct {
	Name string // the field's name (/T); DefaultFieldName if empty
	Page int    // 1-based page number
	Rect Rect   // where on the page, in points
}

// AddField returns pdf with an empty signature field (an AcroForm /FT /Sig
// widget) at f.Rect on page f.Page, appended as an incremental update:
// the original bytes are the prefix of the result. Signing applications
// (Adobe Reader, Foxit, WPS) offer to sign there, and Sign fills it.
func AddField(pdf []byte, f Field) ([]byte, error) {
	if f.Name == "" {
		f.Name = DefaultFieldName
	}
	r := f.Rect
	if !(r.Width() > 1 && r.Height() > 1) || math.IsInf(r.Width(), 0) || math.IsInf(r.Height(), 0) {
		return nil, errorf(ErrBadInput, "签名域的位置无效：%.1f,%.1f–%.1f,%.1f（单位：点，需左下角在右上角之左下）", r.LLX, r.LLY, r.URX, r.URY)
	}
	if f.Page < 1 {
		return nil, errorf(ErrBadInput, "签名域的页码无效：%d（从 1 开始）", f.Page)
	}
	d, err := readDocument(pdf)
	if err != nil {
		return nil, err
	}
	pageRef, page, err := d.page(f.Page)
	if err != nil {
		return nil, err
	}
	if box, ok := mediaBox(d, page); ok && (r.URX < box.LLX || r.LLX > box.URX || r.URY < box.LLY || r.LLY > box.URY) {
		return nil, errorf(ErrBadInput, "签名域 %.1f,%.1f–%.1f,%.1f 不在第 %d 页的页面范围内", r.LLX, r.LLY, r.URX, r.URY, f.Page)
	}
	fields, err := d.fields()
	if err != nil {
		return nil, err
	}
	for _, fl := range fields {
		if fl.name == f.Name {
			return nil, errorf(ErrFieldExists, "PDF 已有名为 %q 的表单域", f.Name)
		}
	}
	u := newUpdate(d)
	ap := emptyAppearance(u, r)
	widget := newDict()
	widget.set("Type", name("Annot"))
	widget.set("Subtype", name("Widget"))
	widget.set("FT", name("Sig"))
	widget.set("T", textString(f.Name))
	widget.set("Rect", r.array())
	widget.set("F", 4) // print
	widget.set("P", pageRef)
	widget.set("AP", apDict(ap))
	w := u.add(widget)
	if err := addAnnot(d, u, pageRef, page, w); err != nil {
		return nil, err
	}
	if err := editAcroForm(d, u, func(form *dict) error {
		fl, err := d.resolve(form.get("Fields"))
		if err != nil {
			return err
		}
		list, _ := fl.(array)
		form.set("Fields", append(append(array{}, list...), w))
		flags, _ := number(form.get("SigFlags"))
		form.set("SigFlags", int(flags)|1) // SignaturesExist
		return nil
	}); err != nil {
		return nil, err
	}
	return u.bytes(), nil
}

func apDict(normal ref) *dict {
	ap := newDict()
	ap.set("N", normal)
	return ap
}

// emptyAppearance adds a blank form XObject the size of r: PDF/A and
// some viewers want every widget to have an appearance.
func emptyAppearance(u *update, r Rect) ref {
	x := newDict()
	x.set("Type", name("XObject"))
	x.set("Subtype", name("Form"))
	x.set("BBox", array{raw("0"), raw("0"), pt(r.Width()), pt(r.Height())})
	return u.addStream(x, nil)
}

// mediaBox returns the page's /MediaBox if it is written on the page.
func mediaBox(d *document, page *dict) (Rect, bool) {
	v, err := d.resolve(page.get("MediaBox"))
	if err != nil {
		return Rect{}, false
	}
	f, ok := fourNumbers(v)
	return Rect{f[0], f[1], f[2], f[3]}, ok
}

// fourNumbers reads a rectangle's array, [llx lly urx ury] as written.
func fourNumbers(v value) (f [4]float64, ok bool) {
	a, ok := v.(array)
	if !ok || len(a) != 4 {
		return f, false
	}
	for i := range a {
		if f[i], ok = number(a[i]); !ok {
			return f, false
		}
	}
	return f, true
}

// addAnnot appends annotation w to the page's /Annots, wherever that
// array lives.
func addAnnot(d *document, u *update, pageRef ref, page *dict, w ref) error {
	switch a := page.get("Annots").(type) {
	case ref:
		v, err := d.object(a)
		if err != nil {
			return err
		}
		list, _ := v.(array)
		u.set(a, append(append(array{}, list...), w))
		return nil
	case array:
		p := page.clone()
		p.set("Annots", append(append(array{}, a...), w))
		u.set(pageRef, p)
		return nil
	default:
		p := page.clone()
		p.set("Annots", array{w})
		u.set(pageRef, p)
		return nil
	}
}

// editAcroForm lets edit change the document's interactive form
// dictionary and writes it back: in place if it is an object of its own,
// else as a new object the catalog points to. The catalog also declares
// PDF 1.7 if the header says less (signatures, transparency in seals).
func editAcroForm(d *document, u *update, edit func(form *dict) error) error {
	catRef, cat, err := d.catalog()
	if err != nil {
		return err
	}
	newCat := cat.clone()
	catChanged := false
	if v, _ := cat.get("Version").(name); d.version < "1.7" && string(v) < "1.7" {
		newCat.set("Version", name("1.7"))
		catChanged = true
	}
	switch f := cat.get("AcroForm").(type) {
	case ref:
		form, err := d.dictAt(f, "表单（AcroForm）")
		if err != nil {
			return err
		}
		form = form.clone()
		if err := edit(form); err != nil {
			return err
		}
		u.set(f, form)
	case *dict:
		form := f.clone()
		if err := edit(form); err != nil {
			return err
		}
		newCat.set("AcroForm", u.add(form))
		catChanged = true
	default:
		form := newDict()
		if err := edit(form); err != nil {
			return err
		}
		newCat.set("AcroForm", u.add(form))
		catChanged = true
	}
	if catChanged {
		u.set(catRef, newCat)
	}
	return nil
}
