package report

import "testing"

func TestNoticeSettingsLeavesOutWhenAndWho(t *testing.T) {
	a, err := NoticeSettings([]byte("id: x\ntitle: 通报\nschedule: {cron: \"0 9 * * *\"}\napproval: required\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := NoticeSettings([]byte("# 注释\ntitle: 通报\nid: x\narchive: {remote: /r}\nnotify: {staff: {email: [a@b.c]}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) || string(a) != `{"id":"x","title":"通报"}` {
		t.Errorf("NoticeSettings = %s and %s, want both {\"id\":\"x\",\"title\":\"通报\"}", a, b)
	}
	if _, err := NoticeSettings([]byte("id: [x\n")); err == nil {
		t.Error("a syntax error was not reported")
	}
}
