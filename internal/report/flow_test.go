package report_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// The approval mode and the notify section are part of report.yaml;
// mistakes name their line and what was expected.
func TestFlowSettings(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("..", "..", "reports", "hengyang-county", report.FileName))
	if err != nil {
		t.Fatal(err)
	}
	good := string(base) + `
approval: required
notify:
  smtp: {host: 127.0.0.1, port: 2525, security: none, from: 衡阳县政务公开办 <gongkai@example.gov.cn>}
  staff:
    email: [wenshu@example.gov.cn]
  recipients:
    email: ["县公安局 <gaj@example.gov.cn>"]
`
	dir := write(t, good)
	def, err := report.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !def.RequiresApproval() || def.Notify.SMTP == nil || def.Notify.SMTP.Port != 2525 || len(def.Notify.Recipients.Email) != 1 {
		t.Errorf("approval %q notify %+v", def.Approval, def.Notify)
	}
	n := strings.Count(string(base), "\n")
	for _, c := range []struct{ yml, want string }{
		{"approval: maybe\n", "第 " + strconv.Itoa(n+2) + " 行：approval 应为 required"},
		{"notify:\n  staff:\n    email: [wenshu@example.gov.cn, not-an-address]\n",
			"第 " + strconv.Itoa(n+4) + " 行：notify.staff.email[1]: \"not-an-address\" 不是有效的电子邮件地址"},
		{"notify:\n  staff:\n    on: [drafts]\n    webhooks: [{url: 'https://example.gov.cn/hook'}]\n",
			"第 " + strconv.Itoa(n+4) + " 行：notify.staff.on[0]: 未知的事件 \"drafts\""},
		{"notify:\n  smtp:\n    host: smtp.example.gov.cn\n    from: nobody\n", "第 " + strconv.Itoa(n+5) + " 行：notify.smtp.from"},
		{"notify:\n  staf: {}\n", "未知的设置项 staf，是否应为 staff？"},
	} {
		dir := write(t, string(base)+"\n"+c.yml)
		_, err := report.Load(dir)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.yml, err, c.want)
		}
	}
}
