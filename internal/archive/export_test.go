package archive

import (
	"path"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/memory"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// SetCrashHook lets the crash tests stop a commit at a named point.
func SetCrashHook(f func(point string)) { crashHook = f }

// CommitMany commits issuances one after another exactly as Commit does,
// except that objects are buffered in memory and written as one packfile
// at the end, and the worktree is brought up to date once: the benchmarks
// build their 2,000-issuance archive with it in seconds rather than
// minutes of loose-object writes.
//
// With loose set, objects go to disk one by one as in a real archive that
// was never `git gc`-ed (slower to build, the worst case for reading).
func CommitMany(a *Archive, issuances []Issuance, loose bool) error {
	unlock, err := a.Lock()
	if err != nil {
		return err
	}
	defer unlock()
	mem := memory.NewStorage()
	if !loose {
		a.objects = buffered{&mem.ObjectStorage, a.repo.Storer}
	}
	a.skipCheckout = true
	defer func() {
		a.objects, a.skipCheckout, a.batchHead, a.batchRows = a.repo.Storer, false, plumbing.ZeroHash, nil
	}()
	for _, iss := range issuances {
		if _, _, err := a.Put(iss); err != nil {
			return err
		}
	}
	if !loose {
		var hashes []plumbing.Hash
		for h := range mem.ObjectStorage.Objects {
			hashes = append(hashes, h)
		}
		w, err := a.repo.Storer.(storer.PackfileWriter).PackfileWriter()
		if err != nil {
			return err
		}
		if _, err := packfile.NewEncoder(w, mem, false).Encode(hashes, 0); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	a.objects, a.skipCheckout = a.repo.Storer, false
	branch, head, err := a.head()
	if err != nil {
		return err
	}
	a.batchHead = plumbing.ZeroHash
	if err := a.setRef(branch, head); err != nil {
		return err
	}
	return a.repair()
}

// buffered writes objects to memory and reads from memory, then the disk.
type buffered struct {
	*memory.ObjectStorage
	disk storer.EncodedObjectStorer
}

func (b buffered) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	if o, err := b.ObjectStorage.EncodedObject(t, h); err == nil {
		return o, nil
	}
	return b.disk.EncodedObject(t, h)
}

func (b buffered) HasEncodedObject(h plumbing.Hash) error {
	if b.ObjectStorage.HasEncodedObject(h) == nil {
		return nil
	}
	return b.disk.HasEncodedObject(h)
}

func (b buffered) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	if n, err := b.ObjectStorage.EncodedObjectSize(h); err == nil {
		return n, nil
	}
	return b.disk.EncodedObjectSize(h)
}

// The Archive's read methods below read a view at the current HEAD; the
// program reads through one View (Archive.View) instead, and the tests
// use these as shorthands.

// Latest returns the named file of the latest version of a period, or
// ok=false when the period was never issued or imported.
func (a *Archive) Latest(reportID string, p report.Period, name string) (data []byte, ok bool, err error) {
	root, _, err := a.headTree()
	if err != nil {
		return nil, false, err
	}
	return a.fileAt(root, path.Join(reportID, p.String(), name))
}

// Head returns the commit the archive's branch points to, "" for an
// archive without issuances. Put refuses to write over a HEAD other than
// the one the caller read (see ErrMoved).
func (a *Archive) Head() (string, error) {
	_, h, err := a.head()
	if err != nil || h.IsZero() {
		return "", err
	}
	return h.String(), nil
}

// The Archive's own read methods read a view at the current HEAD.

// LatestManifest is View().Latest.
func (a *Archive) LatestManifest(reportID string, p report.Period) (Manifest, bool, error) {
	v, err := a.View()
	if err != nil {
		return Manifest{}, false, err
	}
	return v.Latest(reportID, p)
}

// Version is View().Version.
func (a *Archive) Version(reportID string, p report.Period, version int) (Entry, error) {
	v, err := a.View()
	if err != nil {
		return Entry{}, err
	}
	return v.Version(reportID, p, version)
}

// Versions is View().Versions.
func (a *Archive) Versions(reportID string, p report.Period) ([]Entry, error) {
	v, err := a.View()
	if err != nil {
		return nil, err
	}
	return v.Versions(reportID, p)
}

// ReadFile is View().ReadFile.
func (a *Archive) ReadFile(reportID string, p report.Period, version int, name string) ([]byte, bool, error) {
	v, err := a.View()
	if err != nil {
		return nil, false, err
	}
	return v.ReadFile(reportID, p, version, name)
}

// Files is View().Files.
func (a *Archive) Files(reportID string, p report.Period, version int) ([]FileInfo, error) {
	v, err := a.View()
	if err != nil {
		return nil, err
	}
	return v.Files(reportID, p, version)
}
