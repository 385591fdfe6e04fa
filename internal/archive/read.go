package archive

import (
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Reading never touches the worktree: everything comes from the objects,
// so it works while another run writes, and on any version.

// Entry is one issuance in the log.
type Entry struct {
	Manifest Manifest
	Commit   string
	// Tag is <report>/<period>/v<N>.
	Tag string
	// Time is when it was committed; Author who committed it.
	Time   time.Time
	Author report.Identity
}

// Log lists issuances, newest first; reportID "" lists all reports. It
// walks the branch's first-parent history and reads each commit's
// trailers, so an entry's Manifest holds report, period, version, issue
// date, document number, title, reason, the imported mark and the
// warnings (as one line each), but not Inputs or Program: Version returns
// the full manifest.
func (a *Archive) Log(reportID string) ([]Entry, error) {
	_, h, err := a.head()
	if err != nil || h.IsZero() {
		return nil, err
	}
	var out []Entry
	for !h.IsZero() {
		c, err := object.GetCommit(a.objects, h)
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		if m, ok := issuanceOf(c.Message); ok && (reportID == "" || m.Report == reportID) {
			out = append(out, entryOf(c, m))
		}
		h = plumbing.ZeroHash
		if len(c.ParentHashes) > 0 {
			h = c.ParentHashes[0]
		}
	}
	return out, nil
}

func entryOf(c *object.Commit, m Manifest) Entry {
	return Entry{Manifest: m, Commit: c.Hash.String(), Tag: TagName(m.Report, m.Period, m.Version),
		Time: c.Author.When, Author: report.Identity{Name: c.Author.Name, Email: c.Author.Email}}
}

// entry is the log entry of a bulletin commit with its full manifest.
func (a *Archive) entry(c *object.Commit) (Entry, error) {
	m, _ := issuanceOf(c.Message)
	e := entryOf(c, m)
	t, err := object.GetTree(a.objects, c.TreeHash)
	if err != nil {
		return e, err
	}
	full, ok, err := a.manifestAt(t, path.Join(m.Report, m.Period.String()))
	if ok {
		e.Manifest = full
	}
	return e, err
}

// ErrNoVersion is returned (wrapped) for a version the archive does not
// hold.
var ErrNoVersion = errors.New("档案库中没有这一版本")

// View reads the archive as of one commit, so that everything a reader
// shows (lists of reports, periods and versions, manifests, files) comes
// from one consistent state even while a writer commits. Earlier versions
// are reached through their tags, limited to the versions that commit
// knows; a version whose commit is the view's own (a view made by ViewAt
// from the log's commit) is read without them. Like the Archive, a View is
// not safe for concurrent use.
type View struct {
	a      *Archive
	commit plumbing.Hash
	root   *object.Tree
	// found remembers the versions resolved so far: resolving a tag
	// scans .git/packed-refs, 4,000 lines after `git gc` on 2,000
	// issuances.
	found map[versionKey]*object.Commit
}

type versionKey struct {
	report  string
	period  report.Period
	version int
}

// View returns a view of the archive at its current HEAD (an empty view for
// an archive without issuances).
func (a *Archive) View() (*View, error) {
	root, h, err := a.headTree()
	if err != nil {
		return nil, err
	}
	return &View{a: a, commit: h, root: root}, nil
}

// ViewAt returns a view of the archive at one commit of its history, given
// as the hexadecimal hash Log reports (Entry.Commit). Reading the version
// that commit made needs no tag: a reader that has the log reads each
// version by its commit, without resolving tags (each resolution scans
// .git/packed-refs after `git gc`), and still finds a version whose tag a
// crash left unwritten. Versions before it are reached as in View.
func (a *Archive) ViewAt(commit string) (*View, error) {
	h := plumbing.NewHash(commit)
	if len(commit) != 40 || h.String() != strings.ToLower(commit) || h.IsZero() {
		return nil, fmt.Errorf("%w：提交 %q 不是有效的提交号", ErrNoVersion, commit)
	}
	c, err := object.GetCommit(a.objects, h)
	if err != nil {
		return nil, fmt.Errorf("%w：档案库中没有提交 %s（%v）", ErrNoVersion, commit, err)
	}
	root, err := object.GetTree(a.objects, c.TreeHash)
	if err != nil {
		return nil, fmt.Errorf("read tree of %s: %w", commit, err)
	}
	return &View{a: a, commit: h, root: root}, nil
}

// Commit is the commit the view reads ("" for an empty archive).
func (v *View) Commit() string {
	if v.commit.IsZero() {
		return ""
	}
	return v.commit.String()
}

// Reports lists the report ids the archive holds, sorted.
func (v *View) Reports() []string {
	var out []string
	if v.root == nil {
		return nil
	}
	for _, e := range v.root.Entries {
		if e.Mode == filemode.Dir && !strings.HasPrefix(e.Name, ".") {
			out = append(out, e.Name)
		}
	}
	sort.Strings(out)
	return out
}

// Periods lists the periods of one report the archive holds, oldest first.
func (v *View) Periods(reportID string) ([]report.Period, error) {
	if v.root == nil {
		return nil, nil
	}
	t, err := v.root.Tree(reportID)
	if errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []report.Period
	for _, e := range t.Entries {
		if p, err := report.ParsePeriod(e.Name); err == nil && e.Mode == filemode.Dir {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}

// Latest returns the full manifest of the latest version of a period, or
// ok=false when the period was never issued or imported.
func (v *View) Latest(reportID string, p report.Period) (Manifest, bool, error) {
	return v.a.manifestAt(v.root, path.Join(reportID, p.String()))
}

// LatestFile returns the named file of the latest version of a period, or
// ok=false when the period was never issued or imported.
func (v *View) LatestFile(reportID string, p report.Period, name string) ([]byte, bool, error) {
	return v.a.fileAt(v.root, path.Join(reportID, p.String(), name))
}

// version resolves a version's commit, once per view; version 0 means the
// latest.
func (v *View) version(reportID string, p report.Period, version int) (*object.Commit, error) {
	if c, ok := v.found[versionKey{reportID, p, version}]; ok {
		return c, nil
	}
	c, n, err := v.resolve(reportID, p, version)
	if err != nil {
		return nil, err
	}
	if v.found == nil {
		v.found = make(map[versionKey]*object.Commit)
	}
	v.found[versionKey{reportID, p, version}] = c
	v.found[versionKey{reportID, p, n}] = c
	return c, nil
}

// own is the view's commit when it is one state of the given version (the
// newest the view knows, as the view's commit is its newest).
func (v *View) own(reportID string, p report.Period, version int) (*object.Commit, bool) {
	if v.commit.IsZero() {
		return nil, false
	}
	c, err := object.GetCommit(v.a.objects, v.commit)
	if err != nil {
		return nil, false
	}
	m, ok := issuanceOf(c.Message)
	return c, ok && m.Report == reportID && m.Period == p && m.Version == version
}

// resolve finds a version's commit and its number (version 0 means the
// latest): the view's own commit, else through the tags, else through the
// history.
func (v *View) resolve(reportID string, p report.Period, version int) (*object.Commit, int, error) {
	if version > 0 {
		if c, ok := v.own(reportID, p, version); ok {
			return c, version, nil
		}
	}
	m, ok, err := v.Latest(reportID, p)
	if err != nil {
		return nil, 0, err
	}
	if !ok {
		return nil, 0, fmt.Errorf("%w：%s %s 尚未印发或导入", ErrNoVersion, reportID, p)
	}
	if version == 0 {
		version = m.Version
		if c, ok := v.own(reportID, p, version); ok {
			return c, version, nil
		}
	}
	tag := TagName(reportID, p, version)
	if version < 0 || version > m.Version {
		return nil, 0, fmt.Errorf("%w：%s %s 第%d版（最新为第%d版）", ErrNoVersion, reportID, p, version, m.Version)
	}
	if version == m.Version && m.Status != "" {
		// The latest version's newest state (a draft, its approval, its
		// signed copy) is the period's newest commit.
		if c, ok := v.findIssuance(reportID, p, version); ok {
			return c, version, nil
		}
	}
	h, err := v.a.tagCommit(tag + "-signed")
	if err != nil {
		h, err = v.a.tagCommit(tag)
	}
	if err != nil {
		// A crash after the branch moved may have left the tag unwritten
		// (the next Lock repairs it); readers find the commit through the
		// history instead.
		if c, ok := v.findIssuance(reportID, p, version); ok {
			return c, version, nil
		}
		return nil, 0, fmt.Errorf("%w：%s %s 第%d版（标签 %s）", ErrNoVersion, reportID, p, version, tag)
	}
	c, err := object.GetCommit(v.a.objects, h)
	return c, version, err
}

// findIssuance walks the first-parent history from the view's commit for
// the commit of one version.
func (v *View) findIssuance(reportID string, p report.Period, version int) (*object.Commit, bool) {
	for h := v.commit; !h.IsZero(); {
		c, err := object.GetCommit(v.a.objects, h)
		if err != nil {
			return nil, false
		}
		if m, ok := issuanceOf(c.Message); ok && m.Report == reportID && m.Period == p && m.Version == version {
			return c, true
		}
		h = plumbing.ZeroHash
		if len(c.ParentHashes) > 0 {
			h = c.ParentHashes[0]
		}
	}
	return nil, false
}

// Version returns the log entry, with the full manifest, of one version of
// a period (0: the latest).
func (v *View) Version(reportID string, p report.Period, version int) (Entry, error) {
	c, err := v.version(reportID, p, version)
	if err != nil {
		return Entry{}, err
	}
	return v.a.entry(c)
}

// Versions lists every version of a period, oldest first.
func (v *View) Versions(reportID string, p report.Period) ([]Entry, error) {
	m, ok, err := v.Latest(reportID, p)
	if err != nil || !ok {
		return nil, err
	}
	var out []Entry
	for n := 1; n <= m.Version; n++ {
		e, err := v.Version(reportID, p, n)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// ReadFile returns the named file of one version of a period (0: the
// latest); ok is false when that version has no such file.
func (v *View) ReadFile(reportID string, p report.Period, version int, name string) (data []byte, ok bool, err error) {
	c, err := v.version(reportID, p, version)
	if err != nil {
		return nil, false, err
	}
	t, err := object.GetTree(v.a.objects, c.TreeHash)
	if err != nil {
		return nil, false, err
	}
	return v.a.fileAt(t, path.Join(reportID, p.String(), name))
}

// FileInfo names one archived file and its size in bytes.
type FileInfo struct {
	Name string
	Size int64
}

// Files lists the files of one version of a period (0: the latest).
func (v *View) Files(reportID string, p report.Period, version int) ([]FileInfo, error) {
	c, err := v.version(reportID, p, version)
	if err != nil {
		return nil, err
	}
	root, err := object.GetTree(v.a.objects, c.TreeHash)
	if err != nil {
		return nil, err
	}
	t, err := root.Tree(path.Join(reportID, p.String()))
	if err != nil {
		return nil, err
	}
	var out []FileInfo
	w := object.NewTreeWalker(t, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if !e.Mode.IsFile() {
			continue
		}
		size, err := v.a.objects.EncodedObjectSize(e.Hash)
		if err != nil {
			return nil, err
		}
		out = append(out, FileInfo{Name: name, Size: size})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// tagCommit resolves a tag (annotated or not) to its commit.
func (a *Archive) tagCommit(name string) (plumbing.Hash, error) {
	ref, err := a.repo.Storer.Reference(plumbing.NewTagReferenceName(name))
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if tag, err := object.GetTag(a.objects, ref.Hash()); err == nil {
		return tag.Target, nil
	}
	return ref.Hash(), nil
}
