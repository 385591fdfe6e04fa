package pdfsign

// fieldInfo is one terminal form field with its widget.
type fieldInfo struct {
	ref    ref   // the field dictionary (merged with its widget for ours)
	dict   *dict // its dictionary
	name   string
	isSig  bool
	signed bool // has a /V
	widget ref  // the widget annotation holding /Rect and /AP
	wdict  *dict
}

// maxFields bounds the fields walked (a guard against hostile forms).
const maxFields = 10000

// fields lists the document's terminal form fields, following /Kids.
func (d *document) fields() ([]fieldInfo, error) {
	_, cat, err := d.catalog()
	if err != nil {
		return nil, err
	}
	formV, err := d.resolve(cat.get("AcroForm"))
	if err != nil {
		return nil, err
	}
	form, ok := formV.(*dict)
	if !ok {
		return nil, nil
	}
	fl, err := d.resolve(form.get("Fields"))
	if err != nil {
		return nil, err
	}
	top, _ := fl.(array)
	var out []fieldInfo
	seen := map[int]bool{}
	var walk func(list array, prefix string, ft name, depth int) error
	walk = func(list array, prefix string, ft name, depth int) error {
		if depth > maxDepth {
			return errorf(ErrMalformed, "PDF 文件损坏：表单域嵌套过深")
		}
		for _, v := range list {
			r, ok := v.(ref)
			if !ok || seen[r.num] || len(seen) > maxFields {
				continue
			}
			seen[r.num] = true
			fd, err := d.dictAt(r, "表单域")
			if err != nil {
				return err
			}
			full := prefix
			if t, ok := decodeString(fd.get("T")); ok {
				if full != "" {
					full += "."
				}
				full += t
			}
			typ := ft
			if t, ok := fd.get("FT").(name); ok {
				typ = t
			}
			kids, _ := fd.get("Kids").(array)
			if len(kids) > 0 {
				// Kids are either fields (they have /T) or widgets.
				if k0, ok := kids[0].(ref); ok {
					if kd, err := d.dictAt(k0, "表单域"); err == nil && kd.get("T") != nil {
						if err := walk(kids, full, typ, depth+1); err != nil {
							return err
						}
						continue
					}
				}
			}
			info := fieldInfo{ref: r, dict: fd, name: full, isSig: typ == "Sig", signed: fd.get("V") != nil, widget: r, wdict: fd}
			if len(kids) > 0 {
				if wr, ok := kids[0].(ref); ok {
					if wd, err := d.dictAt(wr, "表单控件"); err == nil {
						info.widget, info.wdict = wr, wd
					}
				}
			}
			out = append(out, info)
		}
		return nil
	}
	return out, walk(top, "", "", 0)
}
