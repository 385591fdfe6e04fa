package snapshot

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// at returns the cell at 0-based column i, or an empty cell.
func at(cells []cellIn, i int) cellIn {
	if i >= 0 && i < len(cells) {
		return cells[i]
	}
	return cellIn{}
}

// totalName matches the label of a sheet's own total row.
var totalName = regexp.MustCompile(`^(全[县市区省]|本级)?(合计|总计|总合计)$`)

// notePrefix matches the first cell of a note row ("注：…").
var notePrefix = regexp.MustCompile(`^(注|备注|说明|填表说明|填报说明|数据来源)\d*[:：]`)

func (t *table) dataRow(row int, cells []cellIn) {
	first, filled := "", 0
	for _, c := range cells {
		if s := strings.TrimSpace(fold(c.Text)); s != "" || strings.TrimSpace(c.Raw) != "" {
			if filled == 0 {
				first = s
			}
			filled++
		}
	}
	if filled == 0 {
		return // blank row
	}
	if notePrefix.MatchString(strings.ReplaceAll(first, " ", "")) && filled <= 2 {
		return
	}
	unitCell := cellName(t.unit.Sheet.Index, row)
	name, removed, bad := cleanName(at(cells, t.unit.Sheet.Index).Text)
	isTotal := false
	for i := 0; i <= t.unit.Sheet.Index && i < len(cells); i++ {
		if totalName.MatchString(squeeze(strings.TrimSpace(fold(cells[i].Text)))) {
			isTotal = true
		}
	}
	u := Unit{Name: name, Row: row, Values: make(map[string]Value, len(t.binds)+1)}
	u.Values[t.unit.Key] = Value{Text: name, Cell: unitCell}
	var later []pendingCell
	for i, b := range t.binds {
		if !b.Found || b.Sheet.Index < 0 {
			u.Values[b.Key] = Value{NA: true}
			continue
		}
		c := at(cells, b.Sheet.Index)
		ref := cellName(b.Sheet.Index, row)
		if t.deferNumericRates && b.Col.Kind == report.Rate && c.Raw == "" && isPlainNumber(c.Text) {
			// A number in a rate column: whether it is 0.9981 shown
			// as 99.81% depends on its number format, which only the
			// second pass (values as shown) tells.
			later = append(later, pendingCell{bind: i, ref: ref, raw: c.Text, row: row, total: isTotal})
			u.Values[b.Key] = Value{Cell: ref}
			continue
		}
		u.Values[b.Key] = t.parseCell(b, c, ref, isTotal)
		if b.Col.Kind != report.Text && strings.TrimSpace(c.Text) == "" && strings.TrimSpace(c.Raw) == "" {
			t.empty = append(t.empty, ref)
		}
	}
	defer func() {
		if len(later) == 0 {
			return
		}
		switch {
		case isTotal && t.snap.Total != nil && t.snap.Total.Row == row:
			t.pending = append(t.pending, later...)
		case !isTotal && len(t.snap.Units) > 0 && t.snap.Units[len(t.snap.Units)-1].Row == row:
			for k := range later {
				later[k].unit = len(t.snap.Units) - 1
			}
			t.pending = append(t.pending, later...)
		}
	}()
	if isTotal {
		if t.snap.Total != nil {
			t.warnf(unitCell, name, "有不止一个合计行，只用第 %d 行核对", t.snap.Total.Row)
			return
		}
		u.Name = name
		t.snap.Total = &u
		return
	}
	if name == "" {
		t.errorf(unitCell, "", "请填写单位名称，或删除这一行", "单位名称为空，但这一行有数据")
		return
	}
	if n := utf8.RuneCountInString(name); n > MaxNameLen {
		t.errorf(unitCell, name, "请核对单位名称", "单位名称过长（%d 个字符，最多 %d 个）", n, MaxNameLen)
		return
	}
	if bad != 0 {
		t.errorf(unitCell, name, "请删去这个字符后再导入", "单位名称含有不能使用的字符 %U（%q）：控制字符、表情符号等无法印在通报中", bad, bad)
		return
	}
	if removed != "" {
		t.warnf(unitCell, name, "单位名称中的不可见字符（%s，如零宽空格、文字方向控制符）已删去", removed)
	}
	if prev, dup := t.seen[name]; dup {
		t.errorf(unitCell, name, "每个单位只应出现一次：请合并或删除重复的行", "单位「%s」重复（第 %d 行已有）", name, prev)
		return
	}
	t.seen[name] = row
	t.snap.Units = append(t.snap.Units, u)
}

// parseCell parses one data cell of column b, recording its problem, if
// any, at ref (a warning in the 合计 row, which no figure is taken from).
func (t *table) parseCell(b binding, c cellIn, ref string, isTotal bool) Value {
	v, msg := ParseValue(b.Col.Kind, c.Text, c.Raw, b.Sheet.PercentPoints)
	v.Cell = ref
	got := c.Text
	if got == "" {
		got = c.Raw
	}
	hint := ""
	if msg == "" && b.Col.Kind == report.Rate && b.Col.Range != "any" && !v.NA && (v.Num < -1e-9 || v.Num > 1+1e-9) {
		msg = fmt.Sprintf("比率 %s 超出 0%%–100%%", pct(v.Num))
		hint = "请核对这个数；如该列本来可以小于 0% 或超过 100%（如增长率），请在 report.yaml 中为该列写 range: any"
		v = Value{Cell: ref}
	}
	if msg != "" {
		if isTotal {
			t.warnf(ref, got, "合计行「%s」列：%s", b.Sheet.Path, msg)
		} else {
			t.errorf(ref, got, hint, "「%s」列：%s", b.Sheet.Path, msg)
		}
	}
	if b.Col.Kind == report.Rate && !v.NA {
		t.tol[ref] = rateTolerance(c)
	}
	return v
}

// pendingCell is a number in a rate column waiting for its shown text.
type pendingCell struct {
	bind  int // index in table.binds
	unit  int // index in Snapshot.Units, unless total
	total bool
	row   int
	ref   string
	raw   string
}

// resolve parses the pending rate cells with their text as shown (shown
// maps cell name to text), before finish runs the checks.
func (t *table) resolve(shown map[string]string) {
	for _, p := range t.pending {
		b := t.binds[p.bind]
		u := t.snap.Total
		if !p.total {
			u = &t.snap.Units[p.unit]
		}
		text, ok := shown[p.ref]
		if !ok {
			text = p.raw
		}
		u.Values[b.Key] = t.parseCell(b, cellIn{Text: text, Raw: p.raw}, p.ref, p.total)
	}
	t.pending = nil
}

// isPlainNumber reports whether s is a stored number (not text like
// "99.81%"), other than zero, which reads the same in any format.
func isPlainNumber(s string) bool {
	if s == "" || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false // "99.81%", "/", text: no need to ask ParseFloat
	}
	n, err := strconv.ParseFloat(s, 64)
	return err == nil && n != 0
}

// rateTolerance is how far a stated rate may be from its numerator over its
// denominator by rounding alone: half a unit in the last place shown.
func rateTolerance(c cellIn) float64 {
	s := squeeze(strings.TrimSpace(fold(c.Text)))
	if p, ok := strings.CutSuffix(s, "%"); ok {
		return 0.5*math.Pow(10, -float64(decimals(p)+2)) + 1e-9
	}
	return 0.5*math.Pow(10, -float64(decimals(s))) + 1e-9
}

// normName trims a unit name and removes stray whitespace (full-width
// spaces, line breaks, doubled spaces). Spaces between Chinese characters
// are dropped; a run of spaces between Latin words becomes one.
func normName(s string) string {
	var b strings.Builder
	parts := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == 0x3000 || r == 0xA0 })
	for i, p := range parts {
		if i > 0 {
			prev, _ := lastRune(parts[i-1])
			next := []rune(p)[0]
			if prev < 0x2E80 && next < 0x2E80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

// cellName returns the A1 name of the cell at 0-based column c, 1-based
// row r.
func cellName(c, r int) string {
	col := ""
	for n := c + 1; n > 0; n = (n - 1) / 26 {
		col = string(rune('A'+(n-1)%26)) + col
	}
	return col + strconv.Itoa(r)
}
