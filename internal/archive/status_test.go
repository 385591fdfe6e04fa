package archive_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// A version's states are commits on the same version: the draft is not
// tagged, its approval is vN, the signed copy vN-signed; readers of the
// latest version see its newest state, and an older version its signed
// copy.
func TestVersionStates(t *testing.T) {
	a := open(t)
	defer a.Close()
	day := time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)
	p, _ := report.ParsePeriod("2022Q3")

	draft := issuance("hengyang-county", "2022Q3", "a", day)
	draft.Manifest.Status, draft.Manifest.DocNumber = archive.StatusDraft, "衡县政务公开办〔2022〕 号"
	draft.Event = archive.EventDraft
	mustCommit(t, a, draft)
	if tags := git(t, a.Dir, "tag", "-l"); strings.TrimSpace(tags) != "" {
		t.Fatalf("a draft is tagged: %s", tags)
	}
	e, err := a.Version("hengyang-county", p, 0)
	if err != nil || e.Manifest.Status != archive.StatusDraft || e.Manifest.Version != 1 {
		t.Fatalf("latest = %+v, %v; want the draft, version 1", e.Manifest, err)
	}

	final := issuance("hengyang-county", "2022Q3", "a", day)
	final.Manifest.Status = archive.StatusIssued
	final.Manifest.Approval = &archive.Approval{By: "张三", At: day}
	final.Event, final.KeepVersion = archive.EventApprove, true
	mustCommit(t, a, final)

	signed := final
	signed.Files = append(append([]archive.File{}, final.Files...), archive.File{Name: "notice-signed.pdf", Data: []byte("%PDF signed")})
	signed.Manifest.Status = archive.StatusSealed
	signed.Manifest.Signed = &archive.SignedCopy{File: "notice-signed.pdf", SHA256: sha([]byte("%PDF signed")), At: day, Source: "sign"}
	signed.Event = archive.EventSigned
	mustCommit(t, a, signed)

	if tags := git(t, a.Dir, "tag", "-l"); tags != "hengyang-county/2022Q3/v1\nhengyang-county/2022Q3/v1-signed\n" {
		t.Fatalf("tags:\n%s", tags)
	}
	log, err := a.Log("")
	if err != nil || len(log) != 3 {
		t.Fatalf("log: %v %v", log, err)
	}
	var states []string
	for _, e := range log {
		states = append(states, e.Manifest.Status.Words())
	}
	if got := strings.Join(states, " "); got != "已用印 已签发 草稿" {
		t.Errorf("log states = %s", got)
	}
	if log[1].Manifest.Approval == nil || log[1].Manifest.Approval.By != "张三" {
		t.Errorf("the approval commit does not name 张三: %+v", log[1].Manifest)
	}
	data, ok, err := a.ReadFile("hengyang-county", p, 1, "notice-signed.pdf")
	if err != nil || !ok || string(data) != "%PDF signed" {
		t.Fatalf("signed copy of v1: %q %v %v", data, ok, err)
	}
	if readme := git(t, a.Dir, "show", "HEAD:README.md"); strings.Count(readme, "| 2022Q3 | v1 |") != 1 {
		t.Errorf("the index lists version 1 more than once:\n%s", readme)
	}

	// A second version: the older one is read through its signed tag.
	v2 := issuance("hengyang-county", "2022Q3", "b", day)
	v2.Manifest.Reason = "更正"
	mustCommit(t, a, v2)
	data, ok, err = a.ReadFile("hengyang-county", p, 1, "notice-signed.pdf")
	if err != nil || !ok || string(data) != "%PDF signed" {
		t.Fatalf("signed copy of v1 after v2: %q %v %v", data, ok, err)
	}
	if git(t, a.Dir, "status", "--porcelain") != "" {
		t.Errorf("git status not clean")
	}

	// Records live outside the period folders and are not reports.
	v, _ := a.View()
	if _, err := a.PutRecord(archive.Record{Path: archive.RecordsDir + "/notify/hengyang-county/2022Q3.json", Data: []byte("[]\n"), Subject: "通知记录"}, v.Commit()); err != nil {
		t.Fatal(err)
	}
	v, _ = a.View()
	if got := v.Reports(); len(got) != 1 || got[0] != "hengyang-county" {
		t.Errorf("reports = %v", got)
	}
	if d, ok, err := v.ReadRecord(archive.RecordsDir + "/notify/hengyang-county/2022Q3.json"); err != nil || !ok || string(d) != "[]\n" {
		t.Errorf("record: %q %v %v", d, ok, err)
	}
	if e, err := a.Version("hengyang-county", p, 0); err != nil || e.Manifest.Version != 2 {
		t.Errorf("latest after a record: %+v %v", e.Manifest, err)
	}
	if git(t, a.Dir, "status", "--porcelain") != "" {
		t.Errorf("git status not clean after a record")
	}
}
