package wording

import "github.com/bulletin-gov/bulletin/internal/report"

var eventWords = map[report.Event]string{
	report.EventDraft:  "待签发",
	report.EventIssued: "已印发",
	report.EventLate:   "数据逾期",
	report.EventFailed: "运行失败",
}

// Event is how a notification's event is written for staff (待签发,
// 已印发, 数据逾期, 运行失败), as `bulletin show` and the web view list
// deliveries; "" for an event it does not know.
func Event(e report.Event) string { return eventWords[e] }
