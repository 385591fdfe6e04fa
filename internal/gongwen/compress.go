package gongwen

// Punctuation compression (标点挤压), after the W3C “Requirements for
// Chinese Text Layout” (clreq §3.1.6 and §3.8) and what Word and WPS do
// with 标点挤压 on.
//
// A full-width mark takes a whole grid cell, but its ink fills only half:
// an opening bracket or quote the right half, a closing one and the marks
// ，。、；： the left half (Simplified Chinese positions; the bundled and
// the official faces agree). The blank half may go:
//
//   - Adjacent marks close up by half a cell: in ）、 or 。” the first
//     mark loses its blank right half; in （“ the second loses its blank
//     left half. Always, justified line or not.
//   - A line may compress the closing mark at its end, the opening mark at
//     its start and, if that is not enough, the other marks on it, to take
//     one more piece (push-in, 挤进) instead of sending a piece to the next
//     line and stretching this one (push-out, 推出). The breaker takes
//     whichever moves the characters less.
//   - A justified line that is too short spreads what is left evenly over
//     its gaps (place).
//
// ？！, dashes, ellipses and the middle dot are never compressed. Characters
// stay on the grid where no punctuation is compressed.

// punct is the compression class of a unit.
type punct uint8

const (
	notPunct  punct = iota
	openMark        // ink right, blank left: （《“‘〔【「『［｛
	closeMark       // ink left, blank right: ）》”’〕】」』］｝，。、；：
	fixedMark       // punctuation never compressed: ？！
)

const (
	openMarks  = "（《「『“‘〔【［｛"
	closeMarks = "）》」』”’〕】］｝，。、；："
	fixedMarks = "？！"
)

func punctOf(r rune) punct {
	for _, c := range openMarks {
		if c == r {
			return openMark
		}
	}
	for _, c := range closeMarks {
		if c == r {
			return closeMark
		}
	}
	for _, c := range fixedMarks {
		if c == r {
			return fixedMark
		}
	}
	return notPunct
}

// pairCut says which of two neighbouring units on one line closes up, and
// by how much: a closing mark before another mark gives its right half,
// else an opening mark after another mark its left half.
func pairCut(a, b unit) (first bool, cut float64) {
	if a.kind == notPunct || b.kind == notPunct {
		return false, 0
	}
	if a.kind == closeMark {
		return true, a.width / 2
	}
	if b.kind == openMark {
		return false, b.width / 2
	}
	return false, 0
}

// lineFit measures a candidate line us[s:e]: its natural width with the
// adjacent marks closed up, and how much more its marks could give.
type lineFit struct {
	natural float64
	give    float64
}

// measure returns the lineFit of us (one whole line).
func measure(us []unit) lineFit {
	var f lineFit
	cut := make([]bool, len(us))
	for i := range us {
		f.natural += us[i].width
		if i > 0 {
			if first, c := pairCut(us[i-1], us[i]); c > 0 {
				f.natural -= c
				if first {
					cut[i-1] = true
				} else {
					cut[i] = true
				}
			}
		}
	}
	for i, u := range us {
		if !cut[i] && (u.kind == openMark || u.kind == closeMark) {
			f.give += u.width / 2
		}
	}
	return f
}

// settle sets the cuts of one line of width w: adjacent marks close up;
// when the line is still too wide its closing mark at the end gives its
// half first, then an opening mark at its start, then the other marks
// evenly. It reports whether the line fits.
func settle(us []unit, w float64) bool {
	for i := range us {
		us[i].cut = 0
	}
	over := -w
	for i := range us {
		over += us[i].width
		if i > 0 {
			if first, c := pairCut(us[i-1], us[i]); c > 0 {
				over -= c
				if first {
					us[i-1].cut = c
				} else {
					us[i].cut = c
				}
			}
		}
	}
	const eps = 1e-6
	if over <= eps || len(us) == 0 {
		return true
	}
	free := func(u unit) bool { return u.cut == 0 && (u.kind == openMark || u.kind == closeMark) }
	take := func(i int) {
		if free(us[i]) && over > eps {
			c := min(us[i].width/2, over)
			us[i].cut = c
			over -= c
		}
	}
	if us[len(us)-1].kind == closeMark {
		take(len(us) - 1)
	}
	if us[0].kind == openMark {
		take(0)
	}
	var rest []int
	for i, u := range us {
		if free(u) {
			rest = append(rest, i)
		}
	}
	// Equal shares, each at most half a cell (water filling).
	for len(rest) > 0 && over > eps {
		share := over / float64(len(rest))
		next := rest[:0]
		for _, i := range rest {
			room := us[i].width/2 - us[i].cut
			c := min(share, room)
			us[i].cut += c
			over -= c
			if us[i].width/2-us[i].cut > eps {
				next = append(next, i)
			}
		}
		rest = next
	}
	return over <= eps
}
