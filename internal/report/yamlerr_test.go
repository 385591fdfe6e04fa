package report

import (
	"strings"
	"testing"
)

// A misspelt key names its line and the key it probably meant; a value of
// the wrong shape says what was expected; all problems are listed at once.
func TestYAMLErrorsForPeople(t *testing.T) {
	yml := strings.Join([]string{
		"id: x",
		"recipents: 县直各单位",
		"cc: 县人民政府办公室",
		"schedule:",
		"  timezon: UTC",
		"scoring:",
		"  base: [100]",
		"  colour: red",
	}, "\n")
	_, err := Parse("reports/x/report.yaml", []byte(yml))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"reports/x/report.yaml: 第 2 行：未知的设置项 recipents，是否应为 recipients？",
		"reports/x/report.yaml: 第 3 行：这里应为一个列表（[a, b] 或逐行 - a），实际为 县人",
		"第 5 行：未知的设置项 timezon，是否应为 timezone？",
		"第 7 行：这里应为数字，实际为 一个列表",
		"第 8 行：未知的设置项 colour；此处可用：name、base、rules、min、precision",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "report.Definition") || strings.Contains(err.Error(), "unmarshal") {
		t.Errorf("Go words in a message for office staff:\n%v", err)
	}
}
