package report

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse: whatever report.yaml holds, Parse returns a definition or
// Problems worded for staff, never a panic and never an English parser
// message.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("../../reports/hengyang-county/report.yaml"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"", "id: x\ncc: [甲\n", "a: {b: 1\n", "\tid: x\n", "title: *x\n", "indicators:\n  - {id: a, colunm: A}\n",
		"doc_number: {start: 第一}\n", "office:\n  name: x\n mark: y\n", "attachments: [a, {notice: b, attachments: [c]}]\n",
		"scoring: {rules: [{per: 1e400}]}\n", "- a\n- b\n", "42\n", "x: &a [*a]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := Parse("report.yaml", data)
		if err == nil {
			_ = def.Validate()
			return
		}
		if _, ok := err.(Problems); !ok {
			t.Fatalf("error %T, want Problems: %v", err, err)
		}
		if strings.Contains(err.Error(), "cannot unmarshal") || strings.Contains(err.Error(), "must be specified") {
			t.Fatalf("English parser words: %v", err)
		}
	})
}
