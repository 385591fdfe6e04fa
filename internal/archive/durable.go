package archive

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// Every file bulletin writes — into the archive (objects, refs, worktree
// files, index) or to an --out path — reaches its final name complete or
// not at all: it is written to a temporary file in the same folder,
// fsynced, renamed over the final name, and the folder is fsynced. A
// crash, a kill or a full disk leaves the old file (or none) at the final
// path and, at worst, a temporary file that the next writer removes; after
// a power cut, what a completed run reported written is on disk.

// tempPrefix starts the name of every temporary file bulletin makes next to
// a final path.
const tempPrefix = ".bulletin-tmp-"

// writeAtomic writes data to path durably (see above).
func writeAtomic(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// writeTemp writes data to a synced temporary file beside path and returns
// its name; on error nothing is left behind.
func writeTemp(path string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// syncFile flushes a file that was written by someone else (go-git's
// object writer) to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir flushes a folder's entries (a rename into it) to disk.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	f.Close()
	if errors.Is(err, os.ErrInvalid) || errors.Is(err, fs.ErrPermission) {
		return nil // a filesystem that cannot sync folders
	}
	return err
}

// mkdirDurable creates dir and its missing parents, and flushes the
// folder entry of each one created, so that a power cut cannot lose a new
// folder (and the files in it) after a run reported them written.
func mkdirDurable(dir string) error {
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir {
		if err := mkdirDurable(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return syncDir(parent)
}

// syncTree flushes every file and folder under root (a new, small
// repository), and root's own entry in its parent.
func syncTree(root string) error {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(p)
		}
		if d.Type().IsRegular() {
			return syncFile(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return syncDir(filepath.Dir(root))
}

// syncObjects flushes the loose objects of hs and their folders, so that
// nothing a ref is about to point to can be lost in a power cut. Objects
// held in a packfile are durable already.
func (a *Archive) syncObjects(hs []plumbing.Hash) error {
	dirs := map[string]bool{}
	for _, h := range hs {
		s := h.String()
		p := filepath.Join(a.gitDir, "objects", s[:2], s[2:])
		if err := syncFile(p); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			return fmt.Errorf("sync object %s: %w", s, err)
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	// A new objects/xx folder is an entry of objects/.
	return syncDir(filepath.Join(a.gitDir, "objects"))
}

// staleAfter is how old a temporary object file must be before the next
// writer removes it: git itself, run by an archivist, may be writing one.
const staleAfter = 10 * time.Minute

// cleanTemp removes what a killed writer left: go-git's tmp_obj_* files in
// objects/pack and git's in objects/??, older than staleAfter, and
// bulletin's own temporary files in .git (written only under the lock,
// which the caller holds). Failures are ignored: the files are harmless.
func (a *Archive) cleanTemp() {
	old := time.Now().Add(-staleAfter)
	objects := filepath.Join(a.gitDir, "objects")
	dirs, _ := filepath.Glob(filepath.Join(objects, "??"))
	for _, d := range append(dirs, filepath.Join(objects, "pack")) {
		names, _ := filepath.Glob(filepath.Join(d, "tmp_obj_*"))
		for _, n := range names {
			if fi, err := os.Lstat(n); err == nil && fi.ModTime().Before(old) {
				os.Remove(n)
			}
		}
	}
	for _, pat := range []string{tempPrefix + "*", "bulletin-ref-*", "bulletin-index-*"} {
		names, _ := filepath.Glob(filepath.Join(a.gitDir, pat))
		for _, n := range names {
			os.Remove(n)
		}
	}
}

// removeTemps removes the temporary files writeTemp left in dir (a
// writer killed midway) that are older than before (zero: all).
func removeTemps(dir string, before time.Time) {
	names, _ := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
	for _, n := range names {
		if fi, err := os.Lstat(n); err == nil && fi.Mode().IsRegular() && (before.IsZero() || fi.ModTime().Before(before)) {
			os.Remove(n)
		}
	}
}

// WriteOut writes files into dir (created if missing) outside any archive,
// all or nothing: every file is first written completely to a synced
// temporary file beside its final path, and only when all are written are
// they renamed into place, so a full disk or a kill leaves the files that
// were there before untouched. It returns the final paths.
func WriteOut(dir string, files []File) ([]string, error) {
	if err := mkdirDurable(dir); err != nil {
		return nil, err
	}
	removeTemps(dir, time.Now().Add(-staleAfter)) // a killed run's
	var tmps, paths []string
	defer func() {
		for _, t := range tmps {
			os.Remove(t) // after a failure; renamed ones are gone already
		}
	}()
	for _, f := range files {
		if err := validName("文件名", f.Name); err != nil {
			return nil, err
		}
		p := filepath.Join(dir, f.Name)
		t, err := writeTemp(p, f.Data)
		if err != nil {
			return nil, fmt.Errorf("写入 %s: %w", p, err)
		}
		tmps, paths = append(tmps, t), append(paths, p)
	}
	for i, t := range tmps {
		if err := os.Rename(t, paths[i]); err != nil {
			return nil, fmt.Errorf("写入 %s: %w", paths[i], err)
		}
	}
	tmps = nil
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	return paths, nil
}

// WriteFileOut writes one file at path durably: path holds the old content
// or the new, never part of it.
func WriteFileOut(path string, data []byte) error {
	return writeAtomic(path, data)
}

// InsideError is returned by CheckOutside for an output path inside an
// archive: the archive's files are written only by its commits.
type InsideError struct {
	Path    string // as given
	Archive string // the archive folder
}

func (e *InsideError) Error() string {
	return fmt.Sprintf("%s 位于档案库 %s 之内；档案库中的文件只由 bulletin 提交时写入，不能作为输出位置，请另选一个档案库以外的位置", e.Path, e.Archive)
}

// CheckOutside returns an *InsideError when path (a file or folder to be
// written, which may not exist yet) lies inside archiveDir or is it,
// following symbolic links of both. A missing archiveDir holds nothing.
func CheckOutside(archiveDir, path string) error {
	if archiveDir == "" || path == "" {
		return nil
	}
	arch, err := resolve(archiveDir)
	if err != nil {
		return nil
	}
	if _, err := os.Stat(arch); err != nil {
		return nil
	}
	p, err := resolve(path)
	if err != nil {
		return nil
	}
	if p == arch || strings.HasPrefix(p, arch+string(filepath.Separator)) {
		return &InsideError{Path: path, Archive: archiveDir}
	}
	return nil
}

// resolve makes path absolute and resolves the symbolic links of its
// longest existing ancestor (the rest does not exist yet, so cannot be a
// link).
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}
