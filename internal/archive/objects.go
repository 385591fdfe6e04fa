package archive

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// This file is the plumbing the archive writes with: objects go straight
// into the repository's storer, and refs are moved by renaming a complete
// file over the old one. go-git's own ref writer truncates the ref file and
// then writes it, so a kill between the two would leave an empty ref; the
// rename cannot be seen half done.

// head returns the branch HEAD points to and its commit; commit is the zero
// hash on an unborn branch (a new archive).
func (a *Archive) head() (branch plumbing.ReferenceName, commit plumbing.Hash, err error) {
	ref, err := a.repo.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", plumbing.ZeroHash, fmt.Errorf("read HEAD: %w", err)
	}
	if ref.Type() != plumbing.SymbolicReference {
		return "", plumbing.ZeroHash, fmt.Errorf("档案库 %s 的 HEAD 未指向分支（detached HEAD）：请先 git checkout 分支", a.Dir)
	}
	branch = ref.Target()
	if !a.batchHead.IsZero() {
		return branch, a.batchHead, nil
	}
	ref, err = a.repo.Storer.Reference(branch)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return branch, plumbing.ZeroHash, nil
	}
	if err != nil {
		return "", plumbing.ZeroHash, fmt.Errorf("read %s: %w", branch, err)
	}
	return branch, ref.Hash(), nil
}

// headTree is the tree of HEAD's commit, or nil in a new archive.
func (a *Archive) headTree() (*object.Tree, plumbing.Hash, error) {
	_, h, err := a.head()
	if err != nil || h.IsZero() {
		return nil, h, err
	}
	t, err := a.commitTree(h)
	return t, h, err
}

func (a *Archive) commitTree(h plumbing.Hash) (*object.Tree, error) {
	c, err := object.GetCommit(a.objects, h)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	return object.GetTree(a.objects, c.TreeHash)
}

// encoder is any go-git object that encodes itself.
type encoder interface {
	Encode(plumbing.EncodedObject) error
}

func (a *Archive) put(o encoder) (plumbing.Hash, error) {
	obj := a.objects.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return a.keep(obj)
}

func (a *Archive) putBlob(data []byte) (plumbing.Hash, error) {
	obj := a.objects.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return a.keep(obj)
}

// keep writes obj and remembers it, so that write can flush every object
// of a commit to disk before the branch points to it.
func (a *Archive) keep(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	h, err := a.objects.SetEncodedObject(obj)
	if err == nil {
		a.pending = append(a.pending, h)
	}
	return h, err
}

func (a *Archive) blob(h plumbing.Hash) ([]byte, error) {
	b, err := object.GetBlob(a.objects, h)
	if err != nil {
		return nil, err
	}
	r, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// putTree writes a tree made of base's entries with the given entries
// replacing (or adding to) those of the same name. base may be nil.
func (a *Archive) putTree(base *object.Tree, set ...object.TreeEntry) (plumbing.Hash, error) {
	byName := map[string]object.TreeEntry{}
	if base != nil {
		for _, e := range base.Entries {
			byName[e.Name] = e
		}
	}
	for _, e := range set {
		byName[e.Name] = e
	}
	t := &object.Tree{Entries: make([]object.TreeEntry, 0, len(byName))}
	for _, e := range byName {
		t.Entries = append(t.Entries, e)
	}
	sort.Sort(object.TreeEntrySorter(t.Entries))
	return a.put(t)
}

// subtree returns the tree at name inside t, or nil when absent.
func (a *Archive) subtree(t *object.Tree, name string) (*object.Tree, error) {
	if t == nil {
		return nil, nil
	}
	e, err := t.FindEntry(name)
	if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if e.Mode != filemode.Dir {
		return nil, nil
	}
	return object.GetTree(a.objects, e.Hash)
}

// fileAt returns the content of path inside t; ok is false when there is
// no such file.
func (a *Archive) fileAt(t *object.Tree, path string) (data []byte, ok bool, err error) {
	if t == nil {
		return nil, false, nil
	}
	e, err := t.FindEntry(path)
	if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if !e.Mode.IsFile() {
		return nil, false, nil
	}
	data, err = a.blob(e.Hash)
	return data, err == nil, err
}

// setRef points name at h by writing a temporary file and renaming it over
// the ref file: the one step that makes a new commit visible.
func (a *Archive) setRef(name plumbing.ReferenceName, h plumbing.Hash) error {
	path := filepath.Join(a.gitDir, filepath.FromSlash(name.String()))
	if err := mkdirDurable(filepath.Dir(path)); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(a.gitDir, "bulletin-ref-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(h.String() + "\n"); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	return syncDir(filepath.Dir(path))
}

// validName checks a path component given by a caller (report id, file
// name), so that nothing is written outside its folder and every name is
// one git accepts.
func validName(kind, s string) error {
	if kind == "报告编号" {
		return CheckID(s)
	}
	return CheckFileName(kind, s)
}
