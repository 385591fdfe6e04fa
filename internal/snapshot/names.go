package snapshot

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxNameLen is the most characters a unit name may have; real names
// have under 30.
const MaxNameLen = 100

// invisible are the characters a name loses without a trace: zero-width
// characters and bidirectional controls, pasted in from web pages and
// chat messages. They would make 县发改局 and 县发改\u200b局 two
// departments.
func invisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, // zero-width space, ZWNJ, ZWJ, LRM, RLM
		r >= 0x202A && r <= 0x202E, // bidi embeddings and overrides
		r >= 0x2060 && r <= 0x2064, // word joiner, invisible operators
		r >= 0x2066 && r <= 0x2069, // bidi isolates
		r == 0xFEFF, r == 0x00AD, r == 0x061C, r == 0x180E:
		return true
	}
	return false
}

// refused tells whether a name may not hold r: control and format
// characters, private-use and unassigned code points, emoji and other
// pictographs, variation selectors. A notice cannot print them, and a
// department's name has none.
func refused(r rune) bool {
	switch {
	case r == utf8.RuneError,
		unicode.IsControl(r),
		unicode.In(r, unicode.Cf, unicode.Co, unicode.Cs),
		!unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs),
		r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF, // variation selectors
		r >= 0x1F000 && r <= 0x1FAFF, // emoji, playing cards, pictographs
		r >= 0x2600 && r <= 0x27BF,   // miscellaneous symbols, dingbats
		r >= 0x2B00 && r <= 0x2BFF && unicode.Is(unicode.So, r):
		return true
	}
	return false
}

// cleanName normalises a unit name: NFC, invisible characters removed
// (named in removed, for a warning), whitespace as normName. bad is the
// first character left that a name may not hold, or 0.
func cleanName(s string) (name, removed string, bad rune) {
	if !isASCII(s) {
		s = norm.NFC.String(s)
		var kept strings.Builder
		var gone []string
		for _, r := range s {
			if invisible(r) {
				gone = append(gone, fmt.Sprintf("U+%04X", r))
				continue
			}
			kept.WriteRune(r)
		}
		s = kept.String()
		removed = strings.Join(gone, "、")
	}
	name = normName(s)
	for _, r := range name {
		if refused(r) {
			return name, removed, r
		}
	}
	return name, removed, 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < ' ' {
			return false
		}
	}
	return true
}

// clip shortens a text quoted in a problem: a cell of thousands of
// characters is named, not printed.
func clip(s string) string {
	const n = 60
	if len(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + fmt.Sprintf("…（共 %d 个字符）", utf8.RuneCountInString(s))
		}
		i++
	}
	return s
}
