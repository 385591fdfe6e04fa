package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// memo is a bounded map from a version (and what was read of it) to a
// value. A version's files change only when its state moves on (a draft
// approved, a signed copy added), and the server then forgets what it
// read of it; when the map is full it is emptied, which keeps memory
// bounded whatever the archive's size at the cost of re-reading.
type memo[V any] struct {
	mu  sync.Mutex
	m   map[Key]V
	max int
}

func newMemo[V any](max int) *memo[V] { return &memo[V]{m: map[Key]V{}, max: max} }

func (c *memo[V]) get(k Key, load func() (V, error)) (V, error) {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[k] = v
	c.mu.Unlock()
	return v, nil
}

func (c *memo[V]) forget(k Key) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
}

// reader reads versions through the Store, remembering what it read.
type reader struct {
	store   Store
	details *memo[Details]
	files   *memo[[]FileInfo]
	notice  *memo[string]
	snaps   *memo[*snapshot.Snapshot]
	hashes  *memo[[]string]
	// units are the unit names of a version, for search.
	units *memo[[]string]
	// tables are a version's figures table as HTML (about 10 KB each).
	tables *memo[figureTable]
	// datasets are the tables of a version's further datasets.
	datasets *memo[[]datasetTable]
	// dsSnaps are a version's further datasets decoded, by file name
	// (snapshot-<id>.json), for the trend pages.
	dsSnaps *memo[map[string]*snapshot.Snapshot]
}

func newReader(s Store) *reader {
	return &reader{store: s,
		details: newMemo[Details](8192), files: newMemo[[]FileInfo](8192),
		notice: newMemo[string](8192), snaps: newMemo[*snapshot.Snapshot](128),
		hashes: newMemo[[]string](8192), units: newMemo[[]string](8192),
		tables: newMemo[figureTable](8192), datasets: newMemo[[]datasetTable](2048),
		dsSnaps: newMemo[map[string]*snapshot.Snapshot](128)}
}

// forget drops what was read of a version whose state moved on.
func (r *reader) forget(k Key) {
	r.details.forget(k)
	r.files.forget(k)
	r.notice.forget(k)
	r.snaps.forget(k)
	r.hashes.forget(k)
	r.units.forget(k)
	r.tables.forget(k)
	r.datasets.forget(k)
	r.dsSnaps.forget(k)
}

// datasetTables are the figures of a version's further datasets
// (snapshot-<id>.json among files), in file order.
func (r *reader) datasetTables(k Key, files []FileInfo) ([]datasetTable, error) {
	return r.datasets.get(k, func() ([]datasetTable, error) {
		all, err := r.datasetSnapshots(k)
		if err != nil {
			return nil, err
		}
		var out []datasetTable
		for _, f := range files {
			if s, ok := all[f.Name]; ok {
				id := datasetID(f.Name)
				out = append(out, datasetTable{ID: id, File: f.Name, Figures: figuresOf(k.Report, id, s)})
			}
		}
		return out, nil
	})
}

// datasetSnapshot is one further dataset of a version, decoded: the file
// named in the version's own listing (snapshot-<id>.json). ok is false
// when the version has no such dataset.
func (r *reader) datasetSnapshot(k Key, id string) (s *snapshot.Snapshot, ok bool, err error) {
	all, err := r.datasetSnapshots(k)
	if err != nil {
		return nil, false, err
	}
	s, ok = all[datasetFile(id)]
	return s, ok, nil
}

// datasetSnapshots are a version's further datasets decoded, by file
// name: each file is read and decoded once for both the version page's
// tables and the trend pages.
func (r *reader) datasetSnapshots(k Key) (map[string]*snapshot.Snapshot, error) {
	return r.dsSnaps.get(k, func() (map[string]*snapshot.Snapshot, error) {
		files, err := r.fileList(k)
		if err != nil {
			return nil, err
		}
		out := map[string]*snapshot.Snapshot{}
		for _, f := range files {
			if !isDatasetFile(f.Name) {
				continue
			}
			s, ok, err := r.decode(k, f.Name)
			if err != nil || !ok {
				return nil, err
			}
			out[f.Name] = s
		}
		return out, nil
	})
}

// decode reads and decodes one snapshot file of a version; ok is false
// when the version has no such file.
func (r *reader) decode(k Key, name string) (*snapshot.Snapshot, bool, error) {
	data, ok, err := r.store.ReadFile(k, name)
	if err != nil || !ok {
		return nil, false, err
	}
	s, err := snapshot.Decode(data)
	if err != nil {
		return nil, false, fmt.Errorf("%s %s 第%d版 %s: %w", k.Report, k.Period, k.Version, name, err)
	}
	return s, true, nil
}

func (r *reader) noticeText(k Key) (string, error) {
	return r.notice.get(k, func() (string, error) {
		data, _, err := r.store.ReadFile(k, "notice.txt")
		return string(data), err
	})
}

// snapshot is a version's snapshot.json, decoded; an empty snapshot when
// the version has none.
func (r *reader) snapshot(k Key) (*snapshot.Snapshot, error) {
	return r.snaps.get(k, func() (*snapshot.Snapshot, error) {
		s, ok, err := r.decode(k, "snapshot.json")
		if err != nil {
			return nil, err
		}
		if !ok {
			return &snapshot.Snapshot{}, nil
		}
		return s, nil
	})
}

func (r *reader) unitNames(k Key) ([]string, error) {
	return r.units.get(k, func() ([]string, error) {
		s, err := r.snapshot(k)
		if err != nil {
			return nil, err
		}
		return names(s), nil
	})
}

func names(s *snapshot.Snapshot) []string {
	out := make([]string, len(s.Units))
	for i, u := range s.Units {
		out[i] = u.Name
	}
	return out
}

// sha256s are the SHA-256 digests of a version's files, in the order
// Files lists them.
func (r *reader) sha256s(k Key) ([]FileInfo, []string, error) {
	fs, err := r.fileList(k)
	if err != nil {
		return nil, nil, err
	}
	hs, err := r.hashes.get(k, func() ([]string, error) {
		out := make([]string, len(fs))
		for i, f := range fs {
			data, _, err := r.store.ReadFile(k, f.Name)
			if err != nil {
				return nil, err
			}
			sum := sha256.Sum256(data)
			out[i] = hex.EncodeToString(sum[:])
		}
		return out, nil
	})
	return fs, hs, err
}

func (r *reader) fileList(k Key) ([]FileInfo, error) {
	return r.files.get(k, func() ([]FileInfo, error) { return r.store.Files(k) })
}

func (r *reader) detailsOf(k Key) (Details, error) {
	return r.details.get(k, func() (Details, error) { return r.store.Details(k) })
}

// table is a version's figures table. The decoded snapshot is not kept
// (the trend pages keep a few): the table alone is for every version.
func (r *reader) table(k Key) (figureTable, error) {
	return r.tables.get(k, func() (figureTable, error) {
		s, ok, err := r.decode(k, "snapshot.json")
		if err != nil || !ok {
			return figureTable{}, err
		}
		// The unit names come with it, for search.
		r.units.get(k, func() ([]string, error) { return names(s), nil })
		return figuresOf(k.Report, "", s), nil
	})
}

// warm reads what a version page shows (manifest, file list, notice text,
// figures table) of every version of a view, newest first, one at a time,
// until stop is closed: a first visit then costs only the rendering of a
// small page, and the first search reads nothing. Reads take turns with
// requests at the store, so a request waits at most for one read.
func (r *reader) warm(v *view, stop <-chan struct{}) bool {
	for i := range v.all {
		select {
		case <-stop:
			return false
		default:
		}
		k := v.all[i].Key
		if _, err := r.detailsOf(k); err != nil {
			continue
		}
		r.fileList(k)
		r.noticeText(k)
		r.table(k)
	}
	return true
}
