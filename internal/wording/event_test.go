package wording_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

func TestEvent(t *testing.T) {
	for e, want := range map[report.Event]string{
		report.EventDraft: "待签发", report.EventIssued: "已印发", report.EventLate: "数据逾期", report.EventFailed: "运行失败", "other": "",
	} {
		if got := wording.Event(e); got != want {
			t.Errorf("Event(%q) = %q, want %q", e, got, want)
		}
	}
}
