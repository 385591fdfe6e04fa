package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// outputs are the files a run makes; they are left out of the inputs
// Commit derives when the caller gives none, since they carry dates.
var outputs = map[string]bool{"notice.txt": true, "notice.pdf": true, "notice.docx": true, "rankings.xlsx": true, ManifestName: true}

// ErrMoved is returned (wrapped) by Put when the archive's HEAD is no
// longer the commit the caller built on: another writer committed since.
// The caller reads again and rebuilds.
var ErrMoved = errors.New("archive: HEAD moved since it was read")

// Put records iss as the next version of its period and returns the
// manifest as written (with its version) and the commit. It has no policy:
// whether a period may be issued again, and whether inputs are the same,
// is the caller's to decide before calling Put. The version is 1 for a new
// period, else the latest version + 1. Put adds manifest.json and the root
// README.md index, makes one commit with iss.Author and tags it
// <report>/<period>/v<N>.
//
// base is the HEAD commit the caller read the archive at ("" for an empty
// archive, or to skip the check); when HEAD has moved since, Put writes
// nothing and returns ErrMoved. Put takes the writer lock itself unless the
// caller holds it.
func (a *Archive) Put(iss Issuance, base ...string) (Manifest, string, error) {
	unlock, err := a.ensureLocked()
	if err != nil {
		return Manifest{}, "", err
	}
	defer unlock()

	m := iss.Manifest
	if err := validName("报告编号", m.Report); err != nil {
		return m, "", err
	}
	if m.Period.IsZero() {
		return m, "", errors.New("archive: issuance without a period")
	}
	seen := map[string]bool{}
	for _, f := range iss.Files {
		if err := validName("文件名", f.Name); err != nil {
			return m, "", err
		}
		if seen[f.Name] {
			return m, "", fmt.Errorf("archive: file %s given twice or reserved", f.Name)
		}
		seen[f.Name] = true
	}
	if len(m.Inputs) == 0 {
		m.Inputs = deriveInputs(iss.Files)
	}

	branch, head, err := a.head()
	if err != nil {
		return m, "", err
	}
	if len(base) > 0 && base[0] != head.String() && !(base[0] == "" && head.IsZero()) {
		return m, "", fmt.Errorf("%w (read at %q, now %s)", ErrMoved, base[0], head)
	}
	var root *object.Tree
	if !head.IsZero() {
		if root, err = a.commitTree(head); err != nil {
			return m, "", err
		}
	}
	dir := path.Join(m.Report, m.Period.String())
	prev, ok, err := a.manifestAt(root, dir)
	if err != nil {
		return m, "", err
	}
	m.Version = 1
	if ok {
		m.Version = prev.Version + 1
		if iss.KeepVersion {
			m.Version = prev.Version
		}
	}
	h, err := a.write(root, head, branch, m, iss)
	var wt *WorktreeError
	if errors.As(err, &wt) {
		slog.Warn("archived, worktree not updated", "report", m.Report, "quarter", m.Period.String(), "version", m.Version, "commit", h.String(), "error", wt.Err)
		return m, h.String(), err
	}
	if err != nil {
		return m, "", err
	}
	slog.Info("archived", "report", m.Report, "quarter", m.Period.String(), "version", m.Version, "commit", h.String())
	return m, h.String(), nil
}

// WorktreeError is returned by Put when the commit (and its tag) were
// written but the worktree files or the index could not be brought up to
// it (a full disk, a file in the way): the issuance is archived and
// complete in git; only the files shown in the archive folder are behind.
// The next writer's lock, or Repair, brings them to HEAD.
type WorktreeError struct {
	Dir    string
	Commit string
	Err    error
}

func (e *WorktreeError) Error() string {
	return fmt.Sprintf("已提交 %.12s，但档案库 %s 的工作区文件未能更新: %v", e.Commit, e.Dir, e.Err)
}

func (e *WorktreeError) Unwrap() error { return e.Err }

// write builds the new tree, commit and tag, then moves the branch and
// brings the worktree along.
func (a *Archive) write(root *object.Tree, head plumbing.Hash, branch plumbing.ReferenceName, m Manifest, iss Issuance) (plumbing.Hash, error) {
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	files := append(append([]File{}, iss.Files...), File{Name: ManifestName, Data: append(mj, '\n')})

	// Objects first: nothing below is reachable until the branch moves.
	var entries []object.TreeEntry
	for _, f := range files {
		h, err := a.putBlob(f.Data)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("write %s: %w", f.Name, err)
		}
		entries = append(entries, object.TreeEntry{Name: f.Name, Mode: filemode.Regular, Hash: h})
	}
	periodTree, err := a.putTree(nil, entries...)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	reportTree, err := a.subtree(root, m.Report)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	reportHash, err := a.putTree(reportTree, object.TreeEntry{Name: m.Period.String(), Mode: filemode.Dir, Hash: periodTree})
	if err != nil {
		return plumbing.ZeroHash, err
	}
	rows := a.batchRows
	if rows == nil || !a.skipCheckout {
		oldIndex, _, err := a.fileAt(root, IndexName)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		rows = parseIndex(oldIndex)
	}
	rows = append(dropRow(rows, m), rowOf(m))
	if a.skipCheckout {
		a.batchRows = rows
	}
	readme, err := a.putBlob(renderIndex(rows))
	if err != nil {
		return plumbing.ZeroHash, err
	}
	rootHash, err := a.putTree(root,
		object.TreeEntry{Name: m.Report, Mode: filemode.Dir, Hash: reportHash},
		object.TreeEntry{Name: IndexName, Mode: filemode.Regular, Hash: readme})
	if err != nil {
		return plumbing.ZeroHash, err
	}

	sig := object.Signature{Name: iss.Author.Name, Email: iss.Author.Email, When: a.now()}
	if sig.Name == "" {
		sig.Name = "bulletin"
	}
	if sig.Email == "" {
		sig.Email = "bulletin@localhost"
	}
	c := &object.Commit{Author: sig, Committer: sig, Message: message(m, iss.Headline, iss.Event), TreeHash: rootHash}
	if !head.IsZero() {
		c.ParentHashes = []plumbing.Hash{head}
	}
	if c.Hash, err = a.put(c); err != nil {
		return plumbing.ZeroHash, err
	}
	tagName, tag, tagged := tagFor(c)
	var tagHash plumbing.Hash
	if tagged {
		if tagHash, err = a.put(tag); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	crashPoint("objects-written")
	if !a.skipCheckout {
		if err := a.syncObjects(a.pending); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	a.pending = a.pending[:0]

	// The one step that makes the issuance visible.
	if a.skipCheckout {
		a.batchHead = c.Hash
	} else if err := a.setRef(branch, c.Hash); err != nil {
		return plumbing.ZeroHash, err
	}
	crashPoint("branch-moved")
	if tagged {
		if err := a.setRef(plumbing.NewTagReferenceName(tagName), tagHash); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	crashPoint("tagged")
	if a.skipCheckout {
		return c.Hash, nil
	}
	newRoot, err := object.GetTree(a.objects, rootHash)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := a.checkout(newRoot, c.Hash, []string{m.Report + "/" + m.Period.String() + "/", IndexName}); err != nil {
		return c.Hash, &WorktreeError{Dir: a.Dir, Commit: c.Hash.String(), Err: err}
	}
	return c.Hash, nil
}

// manifestAt reads dir/manifest.json from tree t.
func (a *Archive) manifestAt(t *object.Tree, dir string) (Manifest, bool, error) {
	var m Manifest
	data, ok, err := a.fileAt(t, path.Join(dir, ManifestName))
	if err != nil || !ok {
		return m, ok, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, false, fmt.Errorf("档案库中 %s/%s 无法读取: %w", dir, ManifestName, err)
	}
	return m, true, nil
}

func deriveInputs(files []File) map[string]string {
	in := map[string]string{}
	for _, f := range files {
		if !outputs[f.Name] {
			s := sha256.Sum256(f.Data)
			in[f.Name] = hex.EncodeToString(s[:])
		}
	}
	return in
}
