package workbook

import "math"

// Column widths are in Excel's unit: the width of the digit 0 in the
// default font. A Han character, full-width punctuation and the arrows of
// the 排名变化 column take about two of them.
const (
	cellPadding   = 2.0  // room for the cell margins and the border
	minColWidth   = 6.0  // a rank or a one-digit figure still has a column a finger wide
	maxColWidth   = 30.0 // headers wider than this wrap
	maxUnitWidth  = 40.0 // unit names wider than this wrap inside their cell
	lineHeightPt  = 15.0 // one line of 11-point text, CJK glyphs included
	titleHeightPt = 24.0
)

// textWidth is the display width of s in digit widths: wide (East Asian)
// characters count 2, others 1.
func textWidth(s string) float64 {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return float64(n)
}

// isWide reports whether r is shown two digits wide in a Chinese font:
// CJK ideographs and punctuation, full-width forms, Hangul, and the
// characters Chinese fonts draw full width although Unicode calls them
// ambiguous (quotes “”‘’, …, —, arrows).
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo
		r >= 0x2010 && r <= 0x2027, // dashes, quotes, ellipsis
		r >= 0x2190 && r <= 0x21FF, // arrows
		r >= 0x2E80 && r <= 0xA4CF, // CJK radicals … Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extension planes
		return true
	}
	return false
}

// colWidth is the Excel width of a column whose widest content is w,
// clamped to [minColWidth, limit].
func colWidth(w, limit float64) float64 {
	return math.Min(math.Max(w+cellPadding, minColWidth), limit)
}

// lines is how many lines text of width w takes in a column of width cw.
func lines(w, cw float64) int {
	if avail := cw - cellPadding; w > avail && avail > 0 {
		return int(math.Ceil(w / avail))
	}
	return 1
}
