package report

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlTypes are the report.yaml sections by Go type name, for naming the
// keys a misspelt one may have meant.
var yamlTypes = map[string]reflect.Type{}

func init() {
	for _, v := range []any{Definition{}, Office{}, Identity{}, DocNumber{}, Source{}, Column{},
		Indicator{}, Check{}, Target{}, TargetGroup{}, Scoring{}, Rule{}, Ranking{}, RankColumn{},
		AttachmentRef{}, Schedule{}, ArchiveSettings{}} {
		t := reflect.TypeOf(v)
		yamlTypes["report."+t.Name()] = t
	}
}

var (
	unknownField = regexp.MustCompile(`^line (\d+): field (\S+) not found in type (\S+)$`)
	wrongType    = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
)

// yamlError words a decoding error of report.yaml for the office staff who
// edit it: each problem with its line, an unknown key with the key it
// probably meant, a wrong value with what was expected.
func yamlError(path string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	lines := make([]string, 0, len(te.Errors))
	for _, e := range te.Errors {
		lines = append(lines, path+": "+yamlProblem(e))
	}
	return errors.New(strings.Join(lines, "\n"))
}

func yamlProblem(e string) string {
	if m := unknownField.FindStringSubmatch(e); m != nil {
		msg := fmt.Sprintf("第 %s 行：未知的设置项 %s", m[1], m[2])
		if s := closestKey(yamlTypes[m[3]], m[2]); s != "" {
			msg += fmt.Sprintf("，是否应为 %s？", s)
		} else if keys := yamlKeys(yamlTypes[m[3]]); len(keys) > 0 {
			msg += "；此处可用：" + strings.Join(keys, "、")
		}
		return msg
	}
	if m := wrongType.FindStringSubmatch(e); m != nil {
		want := map[string]string{"int": "整数", "float64": "数字", "bool": "true 或 false", "string": "一段文字"}[strings.TrimPrefix(m[4], "*")]
		if want == "" {
			switch {
			case strings.HasPrefix(m[4], "[]"):
				want = "一个列表（[a, b] 或逐行 - a）"
			case strings.HasPrefix(m[4], "map["):
				want = "若干“名称: 值”"
			default:
				want = "一组设置（名称: 值）"
			}
		}
		// yaml.v3 cuts long values by bytes, which can split a character.
		got := strings.ToValidUTF8(m[3], "")
		switch m[2] {
		case "seq":
			got = "一个列表"
		case "map":
			got = "一组设置"
		}
		return fmt.Sprintf("第 %s 行：这里应为%s，实际为 %s", m[1], want, got)
	}
	return e
}

// yamlKeys lists the report.yaml keys of a section type.
func yamlKeys(t reflect.Type) []string {
	if t == nil {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// closestKey is the key of t within two edits of got, if any.
func closestKey(t reflect.Type, got string) string {
	best, bestD := "", 3
	for _, k := range yamlKeys(t) {
		if d := EditDistance(got, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b in runes: the
// measure behind every "是否应为 …" suggestion in a Problem (a misspelt
// report.yaml key, the closest header to a missing column).
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
