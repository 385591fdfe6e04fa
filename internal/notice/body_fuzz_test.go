package notice

import (
	"strings"
	"testing"
)

// FuzzParseOutput checks that any executed text is read without a panic
// into paragraphs of levels 0–4 that keep their text.
func FuzzParseOutput(f *testing.F) {
	for _, s := range []string{
		"发文字号：甲〔2022〕1号\n---\n一、总体情况\n（一）甲。乙\n附件：1. 表\n2. 表二\n",
		"(1) x\n1.5万\n1. \n（十一）\n---\n---\n",
		"附件：\n附件：\n", "标题 无冒号\n---\n", "\u3000\u3000\n一、", "（",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseOutput(s)
		if err != nil {
			return
		}
		for _, b := range p.blocks {
			if b.Level < 0 || b.Level > 4 {
				t.Fatalf("level %d", b.Level)
			}
			if b.Heading+b.Text == "" || (b.Level == 0 && b.Heading != "") {
				t.Fatalf("block %+v from %q", b, s)
			}
			if b.Level > 0 && !strings.Contains(s, strings.TrimSpace(b.Text)) {
				t.Fatalf("text %q lost from %q", b.Text, s)
			}
		}
	})
}
