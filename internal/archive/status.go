package archive

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Status is the state of one version of a notice. The archive records it;
// which transitions are allowed is internal/pipeline's policy.
type Status string

// The states of a version. A manifest without a status (every version
// written before drafts existed, and every version of a report that does
// not require approval) is issued.
const (
	StatusDraft     Status = "draft"     // 草稿: a 送审稿 waiting for approval
	StatusIssued    Status = "issued"    // 已签发: approved (or issued without approval)
	StatusSealed    Status = "sealed"    // 已用印: a signed copy is archived
	StatusWithdrawn Status = "withdrawn" // 已撤回: a draft rejected
)

// Words is the status as staff read it.
func (s Status) Words() string {
	switch s {
	case StatusDraft:
		return "草稿"
	case StatusSealed:
		return "已用印"
	case StatusWithdrawn:
		return "已撤回"
	}
	return "已签发"
}

// Issued reports whether the status is an issued notice (签发 or 用印).
func (s Status) Issued() bool { return s == "" || s == StatusIssued || s == StatusSealed }

// Approval records who approved (签发) a draft and when.
type Approval struct {
	By string    `json:"by"`
	At time.Time `json:"at"`
}

// Rejection records why a draft was sent back, by whom and when.
type Rejection struct {
	Reason string    `json:"reason"`
	By     string    `json:"by,omitempty"`
	At     time.Time `json:"at"`
}

// SignedCopy is the signed (sealed) copy of a version: the file's name in
// the period folder, its SHA-256, and where it came from.
type SignedCopy struct {
	File   string    `json:"file"`
	SHA256 string    `json:"sha256"`
	At     time.Time `json:"at"`
	// Source is "sign" (signed by bulletin sign over the archived notice)
	// or "attach" (a copy sealed elsewhere, stored by attach-signed).
	Source string `json:"source"`
	// Signer is the certificate's subject, for a copy bulletin signed.
	Signer string `json:"signer,omitempty"`
}

// Events of a commit: what it did to its version. An issuance or an import
// has none.
const (
	EventDraft   = "draft"   // a draft committed
	EventApprove = "approve" // a draft approved: the version is issued
	EventReject  = "reject"  // a draft rejected
	EventSigned  = "signed"  // a signed copy stored
)

// tagOf is the tag of a commit that makes or seals a version: vN for an
// issuance (with or without approval), vN-signed for its signed copy; none
// for drafts and rejections, which readers find through the history.
func tagOf(m Manifest, event string) (string, bool) {
	switch event {
	case "", EventApprove:
		return TagName(m.Report, m.Period, m.Version), true
	case EventSigned:
		return TagName(m.Report, m.Period, m.Version) + "-signed", true
	}
	return "", false
}

// RecordsDir is the root folder of records that belong to no version
// (deliveries of notifications); View.Reports does not list it.
const RecordsDir = ".records"

// Record is one file committed outside the period folders, e.g.
// .records/notify/hengyang-county/2022Q3.json.
type Record struct {
	Path    string // slash-separated, under RecordsDir
	Data    []byte
	Subject string // the commit's subject, in words
	Author  report.Identity
}

// PutRecord commits one record file (replacing it if present) on top of
// base (see Put's ErrMoved). It takes the writer lock unless the caller
// holds it.
func (a *Archive) PutRecord(r Record, base string) (string, error) {
	unlock, err := a.ensureLocked()
	if err != nil {
		return "", err
	}
	defer unlock()
	if !strings.HasPrefix(r.Path, RecordsDir+"/") {
		return "", fmt.Errorf("archive: record %q outside %s", r.Path, RecordsDir)
	}
	for _, part := range strings.Split(r.Path, "/")[1:] {
		if err := validName("记录路径", part); err != nil {
			return "", err
		}
	}
	branch, head, err := a.head()
	if err != nil {
		return "", err
	}
	if base != head.String() && !(base == "" && head.IsZero()) {
		return "", fmt.Errorf("%w (read at %q, now %s)", ErrMoved, base, head)
	}
	if head.IsZero() {
		return "", errors.New("archive: a record needs an issuance first")
	}
	root, err := a.commitTree(head)
	if err != nil {
		return "", err
	}
	blob, err := a.putBlob(r.Data)
	if err != nil {
		return "", err
	}
	rootHash, err := a.setPath(root, strings.Split(r.Path, "/"), blob)
	if err != nil {
		return "", err
	}
	sig := object.Signature{Name: r.Author.Name, Email: r.Author.Email, When: a.now()}
	if sig.Name == "" {
		sig.Name = "bulletin"
	}
	if sig.Email == "" {
		sig.Email = "bulletin@localhost"
	}
	c := &object.Commit{Author: sig, Committer: sig, TreeHash: rootHash, ParentHashes: []plumbing.Hash{head},
		Message: r.Subject + "\n\nBulletin-Record: " + r.Path + "\n"}
	if c.Hash, err = a.put(c); err != nil {
		return "", err
	}
	if err := a.setRef(branch, c.Hash); err != nil {
		return "", err
	}
	newRoot, err := object.GetTree(a.objects, rootHash)
	if err != nil {
		return "", err
	}
	if err := a.checkout(newRoot, c.Hash, []string{r.Path}); err != nil {
		return "", fmt.Errorf("更新档案库工作区（提交 %s 已完成，下次运行会自动修复）: %w", c.Hash, err)
	}
	return c.Hash.String(), nil
}

// setPath returns the hash of tree t (nil: empty) with the blob at parts.
func (a *Archive) setPath(t *object.Tree, parts []string, blob plumbing.Hash) (plumbing.Hash, error) {
	if len(parts) == 1 {
		return a.putTree(t, object.TreeEntry{Name: parts[0], Mode: filemode.Regular, Hash: blob})
	}
	sub, err := a.subtree(t, parts[0])
	if err != nil {
		return plumbing.ZeroHash, err
	}
	h, err := a.setPath(sub, parts[1:], blob)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return a.putTree(t, object.TreeEntry{Name: parts[0], Mode: filemode.Dir, Hash: h})
}

// ReadRecord returns a record file as of the view's commit.
func (v *View) ReadRecord(p string) ([]byte, bool, error) {
	if v.root == nil {
		return nil, false, nil
	}
	return v.a.fileAt(v.root, path.Clean(p))
}

// eventOf reads a commit message's Bulletin-Event trailer.
func eventOf(msg string) string {
	for _, line := range strings.Split(msg, "\n") {
		if v, ok := strings.CutPrefix(line, trailerEvent); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// eventSubject is the subject of a commit that changes a version's state.
func eventSubject(m Manifest, event string) string {
	title := m.Title
	if title == "" {
		title = m.Report + " 通报"
	}
	switch event {
	case EventDraft:
		return fmt.Sprintf("送审 %s（%s 第%d版草稿）", title, m.Period, m.Version)
	case EventApprove:
		return fmt.Sprintf("签发 %s（%s 第%d版）", title, m.Period, m.Version)
	case EventReject:
		return fmt.Sprintf("退回 %s（%s 第%d版草稿）", title, m.Period, m.Version)
	case EventSigned:
		return fmt.Sprintf("用印 %s（%s 第%d版）", title, m.Period, m.Version)
	}
	return ""
}

// stateLines are the commit body's lines on the version's state.
func stateLines(b *strings.Builder, m Manifest) {
	if m.Status != "" {
		fmt.Fprintf(b, "状态：%s\n", m.Status.Words())
	}
	if a := m.Approval; a != nil {
		fmt.Fprintf(b, "签发人：%s（%s）\n", oneLine(a.By), a.At.Format("2006-01-02 15:04"))
	}
	if r := m.Rejection; r != nil {
		fmt.Fprintf(b, "退回原因：%s\n", oneLine(r.Reason))
	}
	if s := m.Signed; s != nil {
		fmt.Fprintf(b, "用印件：%s（SHA-256 %s）\n", s.File, s.SHA256)
	}
}

// dropRow removes the index row of m's version, which a new state of the
// version replaces.
func dropRow(rows []indexRow, m Manifest) []indexRow {
	out := rows[:0:0]
	for _, r := range rows {
		if r.Report == m.Report && r.Period == m.Period.String() && r.Version == m.Version {
			continue
		}
		out = append(out, r)
	}
	return out
}
