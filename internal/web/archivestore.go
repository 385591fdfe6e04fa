package web

import (
	"errors"
	"strings"
	"sync"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// This file is the one adapter between the web view and the archive (read
// through the archive package) and the diffs (computed by the pipeline, as
// for `bulletin diff`).

// The states the pages tell apart, in the words Issuance.State holds.
var (
	stateDraft     = archive.StatusDraft.Words()
	stateWithdrawn = archive.StatusWithdrawn.Words()
)

// ArchiveStore reads an archive through the archive package: git objects,
// never the worktree. An Archive keeps its packfiles open and is not safe
// for concurrent use, so calls into it take turns; the server remembers
// what it read of each version, so few requests get here.
//
// The log is read through a second Archive of its own, so that reading it
// (about 30 ms on 2,000 issuances, every --refresh) never holds up the
// reads of versions.
//
// A version is read at the commit the log gave for it (archive.ViewAt), not
// through its tag: resolving a tag scans .git/packed-refs (4,000 lines on
// 2,000 issuances after `git gc`), which made every first visit cost
// about 10 ms of CPU.
type ArchiveStore struct {
	mu      sync.Mutex
	a       *archive.Archive
	commits map[Key]string // each version's newest commit, from the last Log
	// views are the views read lately, by commit: a first visit reads a
	// version's manifest, file list and files, each through its view.
	views map[string]*archive.View

	logMu sync.Mutex
	log   *archive.Archive
}

// OpenArchive opens an existing archive for reading.
func OpenArchive(dir string) (*ArchiveStore, error) {
	a, err := archive.OpenExisting(dir)
	if err != nil {
		return nil, err
	}
	l, err := archive.OpenExisting(dir)
	if err != nil {
		a.Close()
		return nil, err
	}
	return &ArchiveStore{a: a, log: l}, nil
}

// Close releases the archive's open files.
func (s *ArchiveStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return errors.Join(s.a.Close(), s.log.Close())
}

// Log implements Store.
func (s *ArchiveStore) Log() (string, []Issuance, error) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	// The head is the branch's commit, read before the log: a commit
	// that is no issuance (a notification record) moves it too, so that
	// the pages showing deliveries are built again; and a commit landing
	// between the two reads only makes the next refresh read again.
	v, err := s.log.View()
	if err != nil {
		return "", nil, err
	}
	head := v.Commit()
	es, err := s.log.Log("")
	if err != nil {
		return "", nil, err
	}
	// A version with a draft, its approval and its signed copy has one
	// commit each, newest first: the first one seen is its state.
	out := make([]Issuance, 0, len(es))
	seen := make(map[Key]bool, len(es))
	for _, e := range es {
		m := e.Manifest
		k := Key{Report: m.Report, Period: m.Period, Version: m.Version}
		if seen[k] {
			continue
		}
		seen[k] = true
		is := Issuance{Key: k, DocNumber: m.DocNumber, Title: m.Title, Issued: m.Issued, Reason: m.Reason,
			Imported: m.Imported, Commit: e.Commit, Committed: e.Time}
		if !m.Imported {
			is.State = m.Status.Words()
		}
		out = append(out, is)
	}
	commits := make(map[Key]string, len(out))
	for _, is := range out {
		commits[is.Key] = is.Commit
	}
	s.mu.Lock()
	s.commits = commits
	s.mu.Unlock()
	return head, out, nil
}

// view reads one version: at the commit the log gave for it, else (a
// version the log has not listed yet) at HEAD. Called with s.mu held.
func (s *ArchiveStore) view(k Key) (*archive.View, error) {
	c, ok := s.commits[k]
	if !ok {
		return s.a.View()
	}
	if v, ok := s.views[c]; ok {
		return v, nil
	}
	v, err := s.a.ViewAt(c)
	if err != nil {
		return nil, err
	}
	if len(s.views) >= 256 || s.views == nil {
		s.views = make(map[string]*archive.View, 256)
	}
	s.views[c] = v
	return v, nil
}

// Deliveries implements Store with pipeline.Deliveries, the records
// `bulletin show` lists.
func (s *ArchiveStore) Deliveries(k Key) ([]Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.a.View()
	if err != nil {
		return nil, err
	}
	recs, err := pipeline.Deliveries(v, k.Report, k.Period)
	if err != nil {
		return nil, err
	}
	var out []Delivery
	for _, r := range recs {
		if r.Version != k.Version {
			continue
		}
		d := Delivery{At: r.At, Event: wording.Event(r.Event), Channel: r.Channel, To: r.To, OK: r.OK, Result: r.Result}
		if d.Event == "" {
			d.Event = string(r.Event)
		}
		out = append(out, d)
	}
	return out, nil
}

// Details implements Store.
func (s *ArchiveStore) Details(k Key) (Details, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.view(k)
	if err != nil {
		return Details{}, err
	}
	e, err := v.Version(k.Report, k.Period, k.Version)
	if err != nil {
		return Details{}, err
	}
	m := e.Manifest
	d := Details{Program: m.Program, Inputs: m.Inputs, Warnings: m.Warnings}
	if a := m.Approval; a != nil {
		d.ApprovedBy, d.ApprovedAt = a.By, a.At
	}
	if r := m.Rejection; r != nil {
		d.Rejected = r.Reason
	}
	if c := m.Signed; c != nil {
		d.Signed = &SignedCopy{File: c.File, SHA256: c.SHA256, At: c.At, Source: c.Source, Signer: c.Signer}
	}
	return d, nil
}

// Files implements Store.
func (s *ArchiveStore) Files(k Key) ([]FileInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.view(k)
	if err != nil {
		return nil, err
	}
	fs, err := v.Files(k.Report, k.Period, k.Version)
	if err != nil {
		return nil, err
	}
	out := make([]FileInfo, len(fs))
	for i, f := range fs {
		out[i] = FileInfo{Name: f.Name, Size: f.Size}
	}
	return out, nil
}

// ReadFile implements Store.
func (s *ArchiveStore) ReadFile(k Key, name string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.view(k)
	if err != nil {
		return nil, false, err
	}
	return v.ReadFile(k.Report, k.Period, k.Version, name)
}

// TextDiff implements Store with the line diff `bulletin diff` prints
// (pipeline.TextDiff), read back into lines.
func (s *ArchiveStore) TextDiff(a, b string) []DiffLine {
	u, err := pipeline.TextDiff("a", "b", a, b)
	if err != nil || u == "" {
		return nil
	}
	var out []DiffLine
	for i, l := range strings.Split(strings.TrimSuffix(u, "\n"), "\n") {
		if i < 2 { // the --- and +++ header
			continue
		}
		if strings.HasPrefix(l, "@@") {
			out = append(out, DiffLine{Op: '@', Text: l})
			continue
		}
		if l == "" {
			continue
		}
		out = append(out, DiffLine{Op: l[0], Text: l[1:]})
	}
	return out
}

// InlineDiff implements Store with pipeline.InlineDiff: the changed
// characters inside a changed line.
func (s *ArchiveStore) InlineDiff(a, b string) (old, new []Segment) {
	o, n := pipeline.InlineDiff(a, b)
	for _, x := range o {
		old = append(old, Segment{Text: x.Text, Changed: x.Changed})
	}
	for _, x := range n {
		new = append(new, Segment{Text: x.Text, Changed: x.Changed})
	}
	return old, new
}

// FigureDiff implements Store with pipeline.FigureChanges, the comparison
// `bulletin diff` prints: unit by unit and column by column, then units
// added or removed, then the total row.
func (s *ArchiveStore) FigureDiff(old, new *snapshot.Snapshot) []FigureChange {
	var out []FigureChange
	for _, c := range pipeline.FigureChanges(old, new) {
		out = append(out, FigureChange{Unit: c.Unit, Indicator: c.Column, Old: c.Old, New: c.New, Added: c.Added, Removed: c.Removed})
	}
	return out
}
