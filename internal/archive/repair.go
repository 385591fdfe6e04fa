package archive

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// crashHook, when set (by tests only), is called at the named points of a
// commit; the crash tests make it kill the process there.
var crashHook func(point string)

func crashPoint(p string) {
	if crashHook != nil {
		crashHook(p)
	}
}

// Synced reports whether the worktree, the index and the tags are up to
// HEAD, that is whether Repair has nothing to do. It takes no lock.
func (a *Archive) Synced() (bool, error) {
	_, head, err := a.head()
	if err != nil || head.IsZero() {
		return true, err
	}
	marker, _ := os.ReadFile(filepath.Join(a.gitDir, checkoutMarker))
	if strings.TrimSpace(string(marker)) != head.String() {
		return false, nil
	}
	c, err := object.GetCommit(a.objects, head)
	if err != nil {
		return false, err
	}
	if name, _, ok := tagFor(c); ok {
		if _, err := a.repo.Storer.Reference(plumbing.NewTagReferenceName(name)); err != nil {
			return false, nil
		}
	}
	return true, nil
}

// Repair takes the writer lock, finishes what a crash or a failed
// worktree update left undone (see repair), and releases it.
func (a *Archive) Repair() error {
	unlock, err := a.Lock("修复工作区")
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// repair finishes what a crash after the branch moved left undone: the
// tag of HEAD's commit, and the worktree and index (brought to HEAD when the
// checkout marker names another commit). Both are idempotent. Objects
// written before a crash that never became reachable are left for
// `git gc`.
func (a *Archive) repair() error {
	_, head, err := a.head()
	if err != nil || head.IsZero() {
		return err
	}
	c, err := object.GetCommit(a.objects, head)
	if err != nil {
		return err
	}
	if name, tag, ok := tagFor(c); ok {
		ref := plumbing.NewTagReferenceName(name)
		if _, err := a.repo.Storer.Reference(ref); errors.Is(err, plumbing.ErrReferenceNotFound) {
			h, err := a.put(tag)
			if err != nil {
				return err
			}
			if err := a.setRef(ref, h); err != nil {
				return err
			}
			slog.Warn("repaired missing tag", "tag", name, "commit", head.String())
		} else if err != nil {
			return err
		}
	}
	marker, _ := os.ReadFile(filepath.Join(a.gitDir, checkoutMarker))
	if strings.TrimSpace(string(marker)) == head.String() {
		return nil
	}
	t, err := a.commitTree(head)
	if err != nil {
		return err
	}
	slog.Warn("bringing archive worktree to HEAD", "commit", head.String())
	return a.checkout(t, head, nil)
}
