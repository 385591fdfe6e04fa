package report

import (
	"os"
	"path/filepath"
	"testing"
)

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

// TestNoticeYAMLIsWhatWasLoaded: the bytes hashed as an input are those
// the definition was decoded from, even if report.yaml is edited after a
// service loaded it.
func TestNoticeYAMLIsWhatWasLoaded(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "reports", "hengyang-county", FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), src, 0o644); err != nil {
		t.Fatal(err)
	}
	def, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), append(src, "# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if string(def.NoticeYAML()) != string(src) {
		t.Error("NoticeYAML is not the report.yaml the definition was loaded from")
	}
}
