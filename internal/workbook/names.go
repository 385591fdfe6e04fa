package workbook

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/bulletin-gov/bulletin/internal/metrics"
)

// maxSheetName is Excel's limit on a sheet name, in UTF-16 code units.
const maxSheetName = 31

// sheetNames names one sheet per ranking after its title: characters Excel
// forbids (: \ / ? * [ ]) and apostrophes (which would need quoting in
// every reference to the sheet) are dropped, the name cut to 31 UTF-16 units, and a repeated name (Excel
// compares them case-insensitively) numbered “(2)”, “(3)”.
func sheetNames(rs []*metrics.Ranking) []string {
	names := make([]string, len(rs))
	used := map[string]bool{"history": true} // reserved by Excel
	for i, r := range rs {
		base := cleanSheetName(r.Title)
		if base == "" {
			base = cleanSheetName(r.ID)
		}
		if base == "" {
			base = "排名" + strconv.Itoa(i+1)
		}
		name := truncUTF16(base, maxSheetName)
		for n := 2; used[strings.ToLower(name)]; n++ {
			suffix := "(" + strconv.Itoa(n) + ")"
			name = truncUTF16(base, maxSheetName-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

func cleanSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']', '\'':
			return -1
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// truncUTF16 cuts s to at most n UTF-16 code units, never inside a
// character, and trims a trailing space.
func truncUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n {
			return strings.TrimRight(s[:i], " ")
		}
	}
	return s
}
