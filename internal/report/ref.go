package report

import (
	"fmt"
	"strconv"
)

// At names where a sequence entry of report.yaml was written, for
// messages: "第 12 行" for path "indicators[3]", or "" when the definition
// was not read from a file.
func (d *Definition) At(path string) string {
	if l := d.lines[path]; l > 0 {
		return "第 " + strconv.Itoa(l) + " 行"
	}
	return ""
}

// IndicatorRef names indicator i (counted from 0) for a message the way
// staff find it in report.yaml: 第 12 行的指标 rate, or 指标 rate when the
// line is unknown.
func (d *Definition) IndicatorRef(i int) string {
	id := ""
	if i >= 0 && i < len(d.Indicators) {
		id = d.Indicators[i].ID
	}
	return d.Ref("indicators", i, "指标", id)
}

// Ref names entry i (counted from 0) of a list in report.yaml (section
// "indicators", "rankings", "scoring.rules", …) for a message: its line
// and id when known (第 12 行的排名表 coverage), else its id (排名表
// coverage), else its place counted from 1 (第 2 个排名表). noun is what
// the entry is, in Chinese.
func (d *Definition) Ref(section string, i int, noun, id string) string {
	at := d.At(fmt.Sprintf("%s[%d]", section, i))
	if l := d.lines[fmt.Sprintf("%s[%d]", section, i)]; l > 0 {
		// Entries of a [a, b] list share a line: count them on it.
		first := i
		for first > 0 && d.lines[fmt.Sprintf("%s[%d]", section, first-1)] == l {
			first--
		}
		if first < i || d.lines[fmt.Sprintf("%s[%d]", section, i+1)] == l {
			at = fmt.Sprintf("%s第 %d 个", at, i-first+1)
			if id != "" {
				return at + noun + " " + id
			}
			return at + noun
		}
	}
	switch {
	case at != "" && id != "":
		return at + "的" + noun + " " + id
	case at != "":
		return at + "的" + noun
	case id != "":
		return noun + " " + id
	}
	return fmt.Sprintf("第 %d 个%s", i+1, noun)
}
