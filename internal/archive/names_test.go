package archive

import (
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Issue 13 item 7: text from outside (a title, a reason, a unit name in a
// warning or a headline) cannot carry terminal escapes into the commit
// message (shown by `git log`) or the README index.
func TestControlCharactersKeptOutOfMessagesAndIndex(t *testing.T) {
	m := Manifest{Report: "hengyang-county", Period: report.Period{Year: 2022, Quarter: 3}, Version: 2,
		DocNumber: "衡县〔2022〕1号\x07", Title: "关于\x1b[31m通报", Issued: time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC),
		Reason: "更正\x1b]0;title\x07数据\u202e", Warnings: []string{"县\x1b[2J发改局 完成率缺失"}}
	msg := message(m, []string{"县\x9b发改局 40"}, "")
	idx := string(renderIndex([]indexRow{rowOf(m)}))
	for what, s := range map[string]string{"commit message": msg, "README index": idx} {
		if strings.ContainsAny(s, "\x1b\x07\u009b\u202e") {
			t.Errorf("%s carries a control character:\n%q", what, s)
		}
	}
	if !strings.Contains(msg, "关于[31m通报") || !strings.Contains(msg, "县[2J发改局") {
		t.Errorf("the visible text was not kept:\n%s", msg)
	}
}

func TestCheckIDFollowsGitRefRules(t *testing.T) {
	for _, ok := range []string{"hengyang-county", "衡阳县", "r_1.v2", "A"} {
		if err := CheckID(ok); err != nil {
			t.Errorf("CheckID(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "衡阳 县", "a:b", "a~b", "a..b", "a?", "a*", "a[b", "a^b", "a\\b", "a/b", ".a", "-a", "a.", "a.lock", "a@{b", "a\x1bb", "a\u200bb", strings.Repeat("x", 201)} {
		if err := CheckID(bad); err == nil {
			t.Errorf("CheckID(%q) accepted", bad)
		}
	}
}
