package archive

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The worktree and the index are brought up to a new commit without
// go-git's Worktree (whose Status hashes every file): only the paths the
// commit changed are rewritten, and index entries carry the files' stat
// data, so `git status` stays clean and fast. A marker file records the
// commit the worktree was last brought to; repair compares it with HEAD.

// checkoutMarker names the file in .git holding the synced commit.
const checkoutMarker = "bulletin-checkout"

// checkout makes the worktree files and index entries under prefixes (a
// folder with a trailing slash, or a file path; nil means everything)
// equal those of root, then records commit as checked out.
func (a *Archive) checkout(root *object.Tree, commit plumbing.Hash, prefixes []string) error {
	idx, err := a.readIndex()
	if err != nil {
		return err
	}
	inScope := func(name string) bool {
		if prefixes == nil {
			return true
		}
		for _, p := range prefixes {
			if name == p || (strings.HasSuffix(p, "/") && strings.HasPrefix(name, p)) {
				return true
			}
		}
		return false
	}
	old := map[string]*index.Entry{}
	var entries []*index.Entry
	for _, e := range idx.Entries {
		if inScope(e.Name) {
			old[e.Name] = e
		} else {
			entries = append(entries, e)
		}
	}
	want, err := a.treeFiles(root, prefixes)
	if err != nil {
		return err
	}
	for name := range old {
		if _, ok := want[name]; !ok {
			p := filepath.Join(a.Dir, filepath.FromSlash(name))
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			os.Remove(filepath.Dir(p)) // only if now empty
		}
	}
	for name, te := range want {
		if oe := old[name]; oe != nil && oe.Hash == te.Hash && a.unchanged(oe) {
			entries = append(entries, oe)
			continue
		}
		e, err := a.writeWorktreeFile(name, te)
		if err != nil {
			return err
		}
		entries = append(entries, e)
	}
	// A writer killed while writing a worktree file left its temporary
	// file beside it (and the checkout marker behind, so this runs).
	dirs := map[string]bool{a.Dir: true}
	for name := range want {
		dirs[filepath.Dir(filepath.Join(a.Dir, filepath.FromSlash(name)))] = true
	}
	for d := range dirs {
		removeTemps(d, time.Time{})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	idx.Entries = entries
	// Extensions describe the old entries; git recomputes them.
	idx.Version, idx.Cache, idx.ResolveUndo, idx.EndOfIndexEntry = 2, nil, nil, nil
	if err := a.writeIndex(idx); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(a.gitDir, checkoutMarker), []byte(commit.String()+"\n"))
}

// treeFiles lists the regular files of root under prefixes.
func (a *Archive) treeFiles(root *object.Tree, prefixes []string) (map[string]object.TreeEntry, error) {
	out := map[string]object.TreeEntry{}
	walk := func(t *object.Tree, base string) error {
		w := object.NewTreeWalker(t, true, nil)
		defer w.Close()
		for {
			name, e, err := w.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if e.Mode.IsFile() {
				out[base+name] = e
			}
		}
	}
	if prefixes == nil {
		return out, walk(root, "")
	}
	for _, p := range prefixes {
		if strings.HasSuffix(p, "/") {
			sub, err := root.Tree(strings.TrimSuffix(p, "/"))
			if errors.Is(err, object.ErrDirectoryNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if err := walk(sub, p); err != nil {
				return nil, err
			}
			continue
		}
		if e, err := root.FindEntry(p); err == nil && e.Mode.IsFile() {
			out[p] = *e
		}
	}
	return out, nil
}

// unchanged reports whether the worktree file still has the size and
// modification time its index entry recorded.
func (a *Archive) unchanged(e *index.Entry) bool {
	fi, err := os.Lstat(filepath.Join(a.Dir, filepath.FromSlash(e.Name)))
	return err == nil && fi.Mode().IsRegular() && uint32(fi.Size()) == e.Size && fi.ModTime().Equal(e.ModifiedAt)
}

func (a *Archive) writeWorktreeFile(name string, te object.TreeEntry) (*index.Entry, error) {
	data, err := a.blob(te.Hash)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	p := filepath.Join(a.Dir, filepath.FromSlash(name))
	if err := mkdirDurable(filepath.Dir(p)); err != nil {
		return nil, err
	}
	// Written beside and renamed into place: the final path holds the old
	// version or the new, never part of a file.
	if err := writeAtomic(p, data); err != nil {
		return nil, err
	}
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	e := &index.Entry{Name: name, Hash: te.Hash, Mode: filemode.Regular}
	fillStat(e, fi)
	return e, nil
}

func (a *Archive) readIndex() (*index.Index, error) {
	f, err := os.Open(filepath.Join(a.gitDir, "index"))
	if errors.Is(err, os.ErrNotExist) {
		return &index.Index{Version: 2}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	idx := &index.Index{}
	if err := index.NewDecoder(bufio.NewReaderSize(f, 1<<16)).Decode(idx); err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	return idx, nil
}

func (a *Archive) writeIndex(idx *index.Index) error {
	tmp, err := os.CreateTemp(a.gitDir, "bulletin-index-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	// The encoder writes field by field: buffer it, or each field is a
	// system call.
	w := bufio.NewWriterSize(tmp, 1<<16)
	if err := index.NewEncoder(w).Encode(idx); err != nil {
		tmp.Close()
		return fmt.Errorf("write index: %w", err)
	}
	if err := w.Flush(); err != nil {
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
	if err := os.Rename(tmp.Name(), filepath.Join(a.gitDir, "index")); err != nil {
		return err
	}
	return syncDir(a.gitDir)
}
