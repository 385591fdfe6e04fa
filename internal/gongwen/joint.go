package gongwen

import "strings"

// Joint issuance (联合行文): notice.Document.IssuerMark and Signature hold
// several organs, one a line, the lead organ (主办机关) first.
//
// §7.2.3: 联合行文时，如需同时标注联署发文机关名称，一般应当将主办机关名称排列在前；
// 如有“文件”二字，应当置于发文机关名称右侧，以联署发文机关名称为准上下居中排布.
// §7.3.5.1: 联合行文时，一般将各发文机关署名按照发文机关顺序整齐排列在相应位置，并将
// 印章一一对应、端正、居中下压发文机关署名，最后一个印章端正、居中下压发文机关署名和
// 成文日期，印章之间排列整齐、互不相交或相切，每排印章两端不得超出版心.

const (
	// JointMarkLeading is the distance between the baselines of the
	// stacked organs of a joint 发文机关标志, in ems of its size [practice].
	JointMarkLeading = 1.25
	// JointRowLines is the distance between two rows of joint 署名, in
	// grid lines: two seals of 42 mm one above the other neither cross
	// nor touch (5 × 10.2 mm > 42 mm) [derived].
	JointRowLines = 5
)

// organs splits a joint element into its organs; one organ is a slice of
// one.
func organs(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// jointMark sets a joint 发文机关标志: the organs stacked, each spread to
// the longest one's width (分散对齐); a last line “文件” is set to their
// right, centred on them vertically. The size is the largest that fits the
// 版心 width, at most IssuerMarkMaxPt. It returns the items and the
// block's bottom edge.
func jointMark(names []string, m Metrics, top float64) ([]Item, float64, error) {
	wenjian := len(names) > 1 && names[len(names)-1] == "文件"
	if wenjian {
		names = names[:len(names)-1]
	}
	measure := func(s string, size float64) ([]unit, error) {
		return naturalUnits(m, []span{{Title, s}}, size, "发文机关标志")
	}
	// Widths at 1 pt scale linearly.
	nameW, extra := 0.0, 0.0
	for _, n := range names {
		us, err := measure(n, 1)
		if err != nil {
			return nil, 0, err
		}
		nameW = max(nameW, width(us))
	}
	if wenjian {
		us, err := measure("文件", 1)
		if err != nil {
			return nil, 0, err
		}
		extra = emMM(1) + width(us) // one 字 clear of the names
	}
	size := min(IssuerMarkMaxPt, float64(int(TypeWidthMM/(nameW+extra))))
	em := emMM(size)
	nameW *= size
	x0 := TypeLeftMM + (TypeWidthMM-nameW-extra*size)/2
	var items []Item
	for i, n := range names {
		us, err := measure(n, size)
		if err != nil {
			return nil, 0, err
		}
		base := top + float64(i)*JointMarkLeading*em + (1-IdeoDescent)*em
		for _, it := range place(us, x0, nameW, len(us) > 1, size, Red) {
			t := it.(Text)
			t.Y = base
			items = append(items, t)
		}
	}
	bottom := top + float64(len(names)-1)*JointMarkLeading*em + em
	if wenjian {
		us, _ := measure("文件", size)
		centre := (top + bottom) / 2
		for _, it := range place(us, x0+nameW+em, 0, false, size, Red) {
			t := it.(Text)
			t.Y = centre - em/2 + (1-IdeoDescent)*em
			items = append(items, t)
		}
	}
	return items, bottom, nil
}

// jointSignature sets the 署名 of a joint notice above the date (du, at
// dx): the organs two to a row, the right one of each row centred over the
// date and the left one mirrored about the 版心's centre, so that each
// seal presses one name and the last presses the last name and the date;
// rows JointRowLines apart. An odd first organ stands alone at the left of
// the first row. Names too long to share a row are stacked, one a row,
// centred over the date.
func (f *flow) jointSignature(names []string, dx, dw float64, where string) ([]gline, error) {
	right := dx + dw/2
	left := TypeLeftMM + TypeRightMM - right
	half := min(left-TypeLeftMM, TypeRightMM-right, (right-left)/2) // room either side of a column's centre
	us := make([][]unit, len(names))
	pairs := true
	for i, n := range names {
		u, err := units(f.m, []span{{Body, n}}, BodySizePt, CharPitchMM, where)
		if err != nil {
			return nil, err
		}
		us[i] = u
		pairs = pairs && width(u)/2 <= half
	}
	at := func(u []unit, centre float64) []Item {
		x := max(TypeLeftMM, min(centre-width(u)/2, TypeRightMM-width(u)))
		return place(u, x, 0, false, BodySizePt, Black)
	}
	var rows [][]Item
	switch {
	case pairs:
		i := 0
		if len(us)%2 == 1 {
			rows = append(rows, at(us[0], left))
			i = 1
		}
		for ; i < len(us); i += 2 {
			rows = append(rows, append(at(us[i], left), at(us[i+1], right)...))
		}
	default:
		for _, u := range us {
			rows = append(rows, at(u, right))
		}
	}
	var out []gline
	for i, r := range rows {
		if i > 0 {
			for j := 1; j < JointRowLines; j++ {
				out = append(out, gline{blank: true, keep: true})
			}
		}
		out = append(out, gline{items: r, keep: true})
	}
	return out, nil
}
