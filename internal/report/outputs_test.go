package report

import (
	"strings"
	"testing"
)

func TestOutputsDocx(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want bool
	}{
		{"id: r\n", true},
		{"id: r\noutputs:\n  docx: true\n", true},
		{"id: r\noutputs:\n  docx: false\n", false},
	} {
		def, err := Parse("report.yaml", []byte(tc.yaml))
		if err != nil {
			t.Fatalf("%q: %v", tc.yaml, err)
		}
		if got := def.Outputs.WantDocx(); got != tc.want {
			t.Errorf("%q: WantDocx %v, want %v", tc.yaml, got, tc.want)
		}
	}
	_, err := Parse("report.yaml", []byte("id: r\noutputs:\n  dox: false\n"))
	if err == nil || !strings.Contains(err.Error(), "第 3 行") || !strings.Contains(err.Error(), "docx") {
		t.Errorf("a misspelt outputs key: %v; want line 3 and the key meant (docx)", err)
	}
}
