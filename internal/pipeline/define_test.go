package pipeline

import "testing"

// TestNoticeSettingsHash: comments, key order and the schedule/archive
// settings do not change the hash of report.yaml's notice settings;
// a notice setting does.
func TestNoticeSettingsHash(t *testing.T) {
	base := noticeSettingsHash([]byte("id: x\ntitle: 关于通报\ncolumns:\n  - {id: a, header: 甲}\nschedule:\n  cron: \"0 9 5 1,4,7,10 *\"\n"))
	same := noticeSettingsHash([]byte("# 注释\ncolumns:\n  - {header: 甲, id: a}\ntitle: 关于通报\nid: x\narchive:\n  remote: /tmp/r\n"))
	if base != same {
		t.Errorf("comments, order, schedule or archive changed the hash")
	}
	if raw := sha([]byte("id: x\ntitle: 关于通报\ncolumns:\n  - {id: a, header: 甲}\n")); base == raw {
		t.Errorf("the settings were hashed as raw bytes, not parsed")
	}
	if other := noticeSettingsHash([]byte("id: x\ntitle: 关于通报（更正）\ncolumns:\n  - {id: a, header: 甲}\n")); other == base {
		t.Errorf("a changed title did not change the hash")
	}
}
