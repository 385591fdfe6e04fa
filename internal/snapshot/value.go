package snapshot

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// naMarks are the texts that mean "not applicable" (the denominator is
// zero, the indicator does not apply). An empty cell means the same.
var naMarks = map[string]bool{
	"/": true, "\\": true, "-": true, "--": true, "—": true, "——": true,
	"–": true, "―": true, "N/A": true, "n/a": true, "NA": true,
}

// excelErrors are the error values a formula cell can hold.
var excelErrors = map[string]bool{
	"#DIV/0!": true, "#N/A": true, "#VALUE!": true, "#REF!": true,
	"#NAME?": true, "#NUM!": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true,
}

// fold maps full-width ASCII forms (Ｕ+FF01…Ｕ+FF5E) to their half-width
// twins and every kind of space (the full-width space U+3000, NBSP, line
// breaks) to an ASCII space. Chinese input methods produce the full-width
// forms, so "９９.８１％" and "99.81%" are the same figure.
func fold(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c <= ' ' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteRune(r - 0xFEE0)
		case unicode.IsSpace(r) || r == 0x3000 || r == 0xA0 || r == 0xFEFF:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// squeeze removes every space from s: a stray space inside a figure
// ("4. 04%") is a typing slip, not a separator.
func squeeze(s string) string {
	if !strings.ContainsRune(s, ' ') {
		return s
	}
	return strings.ReplaceAll(s, " ", "")
}

// cellIn is one cell as a reader sees it: Text is what the spreadsheet
// program shows (number format applied); Raw is the stored value (for a
// number, its full precision). For CSV both are the field's text.
type cellIn struct {
	Text string
	Raw  string
}

// ParseValue reads one cell of a column of the given kind. text is the cell
// as displayed; raw is the stored value ("" when the same as text). The
// returned message, when not empty, says in Chinese what was expected; the
// caller adds file, sheet and cell.
//
// Rates come back as fractions: "99.81%" → 0.9981. In a rate column a plain
// number is a fraction (0.9981), or percentage points when percentPoints is
// set (the header ends in "(%)"); a plain number above 1 in a column without
// "(%)" is refused, since 100 could mean 100% or 10000%.
func ParseValue(kind report.ColumnKind, text, raw string, percentPoints bool) (Value, string) {
	t := strings.TrimSpace(fold(text))
	if raw == "" {
		raw = text
	}
	r := strings.TrimSpace(fold(raw))
	if kind == report.Text {
		return Value{Text: t}, ""
	}
	if t == "" && r == "" || naMarks[squeeze(t)] {
		return Value{NA: true}, ""
	}
	if excelErrors[t] {
		return Value{}, "单元格是 Excel 错误值 " + t + "（公式出错），应为数字：请修正公式或填入数值"
	}
	switch kind {
	case report.Rate:
		return parseRate(t, r, percentPoints)
	case report.Count:
		n, ok := parseNumber(r, t)
		if !ok {
			return Value{}, "应为整数（个数），或写 / 表示不适用"
		}
		if math.Abs(n-math.Round(n)) > 1e-9 {
			return Value{}, "应为整数（个数），不应有小数"
		}
		n = math.Round(n)
		if n < 0 {
			return Value{Num: n}, "个数不应为负数"
		}
		if n >= maxExact {
			return Value{}, tooLarge
		}
		return Value{Num: n}, ""
	default: // Number
		n, ok := parseNumber(r, t)
		if !ok {
			return Value{}, "应为数字，或写 / 表示不适用"
		}
		if math.Abs(n) >= maxExact {
			return Value{}, tooLarge
		}
		return Value{Num: n}, ""
	}
}

// maxExact is 2^53, above which a float64 no longer holds every whole
// number: 2^53+1 would be read, and printed, as 2^53. Figures of that
// size or more are refused.
const maxExact = 1 << 53

const tooLarge = "数值过大（达到 9007199254740992 即 2 的 53 次方），无法精确读取：请核对这个数"

// parseNumber reads a plain decimal number from the stored value, falling
// back to the displayed text ("1,234" with a thousands separator).
func parseNumber(raw, text string) (float64, bool) {
	for _, s := range []string{raw, text} {
		s = squeeze(s)
		s = strings.ReplaceAll(s, ",", "")
		if s == "" || strings.ContainsAny(s, "%") {
			continue
		}
		if n, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(n, 0) && !math.IsNaN(n) && validNumber(s) {
			return n, true
		}
	}
	return 0, false
}

// validNumber refuses the spellings ParseFloat accepts but people do not
// write in a table: hex, "Inf", "NaN", underscores.
func validNumber(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E') {
			return false
		}
	}
	return true
}

// parseRate reads a rate. See ParseValue.
func parseRate(text, raw string, percentPoints bool) (Value, string) {
	const want = "应为百分数（如 99.81%），或写 / 表示不适用"
	t := strings.ReplaceAll(squeeze(text), ",", "")
	rawNum, rawOK := parseNumber(raw, "")
	if p, ok := strings.CutSuffix(t, "%"); ok {
		shown, err := strconv.ParseFloat(p, 64)
		if err != nil || !validNumber(p) || math.IsInf(shown, 0) {
			return Value{}, want
		}
		// A number cell with a percent format: the stored fraction has
		// the full precision ("100%" may be 0.99996). A format with a
		// literal % ("0.00\"%\"") shows percentage points as stored.
		if rawOK && !strings.Contains(raw, "%") {
			tol := 0.5*math.Pow(10, -float64(decimals(p))) + 1e-9
			switch {
			case math.Abs(rawNum*100-shown) <= tol:
				return Value{Num: rawNum}, ""
			case math.Abs(rawNum-shown) <= tol:
				return Value{Num: rawNum / 100}, ""
			}
		}
		// "99.81e-2" parses to the double nearest 0.9981, where
		// 99.81/100 may be one ulp off the figure as written.
		n, err := strconv.ParseFloat(p+"e-2", 64)
		if err != nil {
			return Value{}, want
		}
		return Value{Num: n}, ""
	}
	if !rawOK {
		return Value{}, want
	}
	if percentPoints {
		s := strings.ReplaceAll(squeeze(raw), ",", "")
		if n, err := strconv.ParseFloat(s+"e-2", 64); err == nil {
			return Value{Num: n}, ""
		}
		return Value{Num: rawNum / 100}, ""
	}
	if rawNum > 1 || rawNum < -1 {
		return Value{Num: rawNum}, fmt.Sprintf("比率写成了不带 %% 的数 %s，无法判断是 %s%% 还是 %s%%：请写成带 %% 的百分数",
			strconv.FormatFloat(rawNum, 'f', -1, 64),
			strconv.FormatFloat(rawNum, 'f', -1, 64),
			strconv.FormatFloat(rawNum*100, 'f', -1, 64))
	}
	return Value{Num: rawNum}, ""
}

// decimals counts the digits after the decimal point of a plain number.
func decimals(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}
