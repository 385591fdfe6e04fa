package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/notify"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// The path from draft to issued (签发). A report with `approval: required`
// makes a draft (送审稿) on every run: the notice with a draft mark outside
// the type area and its 发文字号 blank, committed with status draft and
// counted as issued nowhere. Approve issues the draft: it rebuilds the
// notice from the draft's own inputs (the export archived with it, its
// 成文日期, the templates and fonts, which must not have changed since),
// with the number from the register and without the mark, and commits it
// as the same version, status issued, tagged. Reject marks the draft
// withdrawn with the reason; the next run makes a new draft.

// approveStep is an approval under way (Options.approve).
type approveStep struct {
	by        string
	docNumber string // explicit, from the paper register
	at        time.Time
}

// drafting reports whether the issuance makes a draft.
func drafting(opts Options) bool {
	return opts.Report != nil && opts.Report.RequiresApproval() && opts.approve == nil
}

// stamp sets the manifest's status for the kind of issuance.
func stamp(m *archive.Manifest, opts Options) {
	switch {
	case opts.approve != nil:
		m.Status = archive.StatusIssued
		m.Approval = &archive.Approval{By: opts.approve.by, At: opts.approve.at}
	case drafting(opts):
		m.Status = archive.StatusDraft
	}
}

// event is the commit's event for the kind of issuance.
func event(opts Options) string {
	switch {
	case opts.approve != nil:
		return archive.EventApprove
	case drafting(opts):
		return archive.EventDraft
	}
	return ""
}

// decideFor is the versioning policy with drafts: an approval needs a
// draft whose inputs are unchanged; a run over a pending draft with the
// same inputs is nothing new (it waits for approval), with other inputs
// (or over a rejected draft) a new draft of the same version; otherwise
// decide's rule. cur's reason defaults to the replaced draft's.
func decideFor(opts Options, latest archive.Manifest, ok bool, cur *archive.Manifest, explicitDate bool) (Decision, error) {
	if opts.approve != nil {
		if !ok || latest.Status != archive.StatusDraft {
			return Decision{}, &NoDraftError{Report: cur.Report, Period: cur.Period, Latest: latest, Found: ok}
		}
		d := Decision{Plan: NewVersion, Latest: latest.Version, Version: latest.Version, Replacing: true}
		if latest.Version == 1 {
			d.Plan = FirstIssue
		}
		if ch := changedInputs(latest.Inputs, cur.Inputs, true); len(ch) > 0 {
			return d, &DraftStaleError{Report: cur.Report, Period: cur.Period, Changed: ch}
		}
		if cur.Reason == "" {
			cur.Reason = latest.Reason
		}
		return d, nil
	}
	if ok && (latest.Status == archive.StatusDraft || latest.Status == archive.StatusWithdrawn) {
		d := Decision{Plan: NewVersion, Latest: latest.Version, Version: latest.Version, Replacing: true}
		if latest.Version == 1 {
			d.Plan = FirstIssue
		}
		d.Changed = changedInputs(latest.Inputs, cur.Inputs, explicitDate)
		if latest.Status == archive.StatusDraft && len(d.Changed) == 0 && drafting(opts) {
			d.Plan, d.Replacing = NothingNew, false
			return d, nil
		}
		if cur.Reason == "" {
			cur.Reason = latest.Reason
		}
		return d, nil
	}
	return decide(latest, ok, *cur, explicitDate)
}

// ApproveOptions are the settings of one 签发.
type ApproveOptions struct {
	Report     *report.Definition
	Period     report.Period
	ArchiveDir string
	// By is the 签发人; DocNumber an explicit 发文字号 (empty: the next
	// of the register).
	By, DocNumber string
	// FontDir is searched for the office's fonts, as for the draft (the
	// fonts must be the draft's).
	FontDir string
	Log     io.Writer
	// Notifier tells recipients; nil: one from the report's notify section.
	Notifier *notify.Notifier
	// Now is the time of approval; nil: time.Now.
	Now func() time.Time
}

// Approve issues the period's pending draft: the same notice without the
// draft mark, numbered, committed as the same version with status issued.
func Approve(ctx context.Context, o ApproveOptions) (*Outcome, error) {
	def := o.Report
	if strings.TrimSpace(o.By) == "" {
		return nil, ErrNoApprover
	}
	by, err := checkText("签发人", o.By)
	if err != nil {
		return nil, err
	}
	o.By = by
	r, err := readArchive(o.ArchiveDir)
	if err != nil {
		return nil, err
	}
	defer r.close()
	latest, ok, err := r.latest(def.ID, o.Period)
	if err != nil {
		return nil, err
	}
	if !ok || latest.Status != archive.StatusDraft {
		return nil, &NoDraftError{Report: def.ID, Period: o.Period, Latest: latest, Found: ok}
	}
	name := exportName(latest)
	data, ok, err := r.view.LatestFile(def.ID, o.Period, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("档案库中 %s/%s 的送审稿缺少数据文件 %s", def.ID, o.Period, name)
	}
	tmp, err := os.MkdirTemp("", "bulletin-approve-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	file := filepath.Join(tmp, name)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		return nil, err
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	return Issue(ctx, Options{
		Report: def, Period: o.Period, SnapshotFile: file, ArchiveDir: o.ArchiveDir,
		Reason: latest.Reason, Date: latest.Issued, FontDir: o.FontDir, Log: o.Log, Notifier: o.Notifier,
		approve: &approveStep{by: strings.TrimSpace(o.By), docNumber: o.DocNumber, at: now()},
	})
}

// exportName is the export file among a manifest's inputs: the one that
// is none of the named inputs of define.go.
func exportName(m archive.Manifest) string {
	for name := range m.Inputs {
		switch {
		case name == "snapshot.json", name == report.FileName, name == DateInput, name == fontsInput,
			name == PreviousInput, name == templateInput, strings.HasPrefix(name, templateInput+"/"):
			continue
		}
		return name
	}
	return ""
}

// RejectOptions are the settings of one rejection.
type RejectOptions struct {
	ArchiveDir string
	ReportID   string
	Period     report.Period
	Reason     string
	By         string
	Now        func() time.Time
}

// Reject records that the period's pending draft was sent back: the draft
// becomes withdrawn (已撤回) with the reason, and the next run makes a new
// draft of the same version.
func Reject(o RejectOptions) (archive.Manifest, string, error) {
	if strings.TrimSpace(o.Reason) == "" {
		return archive.Manifest{}, "", ErrNoRejectReason
	}
	reason, err := checkText("退回原因", o.Reason)
	if err != nil {
		return archive.Manifest{}, "", err
	}
	by, err := checkText("退回人", o.By)
	if err != nil {
		return archive.Manifest{}, "", err
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	return restate(o.ArchiveDir, o.ReportID, o.Period, func(m *archive.Manifest, files []archive.File) ([]archive.File, string, error) {
		if m.Status != archive.StatusDraft {
			return nil, "", &NoDraftError{Report: o.ReportID, Period: o.Period, Latest: *m, Found: true}
		}
		m.Status = archive.StatusWithdrawn
		m.Rejection = &archive.Rejection{Reason: reason, By: by, At: now()}
		return files, archive.EventReject, nil
	})
}

// restate commits a new state of the period's latest version: change
// edits its manifest and files (read from one view) and names the event;
// the commit is made on top of that view (rebuilt if another writer came
// first).
func restate(dir, reportID string, p report.Period, change func(*archive.Manifest, []archive.File) ([]archive.File, string, error)) (archive.Manifest, string, error) {
	type restated struct {
		m archive.Manifest
		c string
	}
	r, err := retryMoved(dir, func() (restated, error) {
		m, c, err := restateOnce(dir, reportID, p, change)
		return restated{m, c}, err
	})
	return r.m, r.c, err
}

func restateOnce(dir, reportID string, p report.Period, change func(*archive.Manifest, []archive.File) ([]archive.File, string, error)) (archive.Manifest, string, error) {
	if !archive.Exists(dir) {
		return archive.Manifest{}, "", &archive.NotArchiveError{Dir: dir, Found: "不存在或不是 git 仓库"}
	}
	a, err := archive.Open(dir)
	if err != nil {
		return archive.Manifest{}, "", err
	}
	defer a.Close()
	v, err := a.View()
	if err != nil {
		return archive.Manifest{}, "", err
	}
	e, err := v.Version(reportID, p, 0)
	if err != nil {
		return archive.Manifest{}, "", err
	}
	infos, err := v.Files(reportID, p, 0)
	if err != nil {
		return archive.Manifest{}, "", err
	}
	var files []archive.File
	for _, fi := range infos {
		if fi.Name == archive.ManifestName {
			continue
		}
		data, _, err := v.ReadFile(reportID, p, 0, fi.Name)
		if err != nil {
			return archive.Manifest{}, "", err
		}
		files = append(files, archive.File{Name: fi.Name, Data: data})
	}
	m := e.Manifest
	files, ev, err := change(&m, files)
	if err != nil {
		return m, "", err
	}
	unlock, err := a.Lock(reportID + " " + p.String())
	if err != nil {
		return m, "", err
	}
	defer unlock()
	return a.Put(archive.Issuance{Manifest: m, Files: files, Author: e.Author, Event: ev, KeepVersion: true}, v.Commit())
}

// ErrNoApprover is returned by Approve without a 签发人.
var ErrNoApprover = errors.New("签发需要写明签发人")

// ErrNoRejectReason is returned by Reject without a reason.
var ErrNoRejectReason = errors.New("退回送审稿需要说明原因")

// NoDraftError is returned by Approve and Reject when the period has no
// pending draft; Latest is its latest version, if Found.
type NoDraftError struct {
	Report string
	Period report.Period
	Latest archive.Manifest
	Found  bool
}

func (e *NoDraftError) Error() string {
	if !e.Found {
		return fmt.Sprintf("%s %s 没有待签发的送审稿（尚未运行）", e.Report, e.Period)
	}
	what := e.Latest.Status.Words()
	if e.Latest.Imported {
		what = "历史数据导入"
	}
	return fmt.Sprintf("%s %s 没有待签发的送审稿（最新为第%d版，%s）", e.Report, e.Period, e.Latest.Version, what)
}

// DraftStaleError is returned by Approve when inputs changed since the
// draft was made (templates, report.yaml, fonts, the previous period):
// the notice approved would not be the draft read.
type DraftStaleError struct {
	Report  string
	Period  report.Period
	Changed []string
}

func (e *DraftStaleError) Error() string {
	return fmt.Sprintf("%s %s 的送审稿生成后%s有变化，签发的通报将与送审稿不同；未签发。请重新生成送审稿并送审", e.Report, e.Period, strings.Join(e.Changed, "、"))
}

// TextError is a 签发人 or a rejection's words refused: they would reach
// the commit message, the manifest and every terminal showing git log.
type TextError struct{ What, Why string }

func (e *TextError) Error() string { return e.What + "不可用：" + e.Why }

// checkText trims s and refuses control and invisible format characters.
func checkText(what, s string) (string, error) {
	t := strings.TrimSpace(s)
	for _, r := range t {
		if !unicode.IsSpace(r) && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			return "", &TextError{What: what, Why: fmt.Sprintf("含有不可见的控制字符 U+%04X，请只用文字、数字和标点", r)}
		}
	}
	return t, nil
}
