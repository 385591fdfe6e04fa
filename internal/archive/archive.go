package archive

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Archive is an archive repository on disk: a non-bare git repository whose
// worktree shows the latest version of every issuance.
type Archive struct {
	// Dir is the worktree folder.
	Dir string

	repo  *git.Repository
	store *filesystem.Storage
	// objects is where objects are written and read: the repository's
	// storer (the benchmark set-up buffers them in memory).
	objects storer.EncodedObjectStorer
	gitDir  string
	// held is true while this Archive holds the writer lock.
	held bool
	// now returns the commit time; tests replace it.
	now func() time.Time
	// skipCheckout leaves the worktree behind HEAD (repair catches up);
	// the benchmark set-up uses it to build big archives quickly.
	skipCheckout bool
	// batchHead, when set, stands for the branch ref, which is written once
	// at the end of a batch (benchmark set-up only).
	batchHead plumbing.Hash
	batchRows []indexRow
	// pending are the objects written since the last sync.
	pending []plumbing.Hash
}

// File is one file of an issuance, by its name inside <report>/<period>/.
type File struct {
	Name string
	Data []byte
}

// Manifest describes one issuance; it is written as manifest.json.
type Manifest struct {
	Report    string            `json:"report"`
	Period    report.Period     `json:"period"`
	Version   int               `json:"version"`
	DocNumber string            `json:"doc_number"`
	Title     string            `json:"title"`
	Issued    time.Time         `json:"issued"`
	Program   string            `json:"program"`
	Inputs    map[string]string `json:"inputs"` // name → sha256
	Warnings  []string          `json:"warnings,omitempty"`
	Reason    string            `json:"reason,omitempty"`
	// Imported marks a past snapshot recorded by `bulletin import`: the
	// period's data without a notice.
	Imported bool `json:"imported,omitempty"`
	// Status is the version's state (status.go); "" is issued.
	Status Status `json:"status,omitempty"`
	// Approval, Rejection and Signed record 签发, a draft sent back and
	// the signed copy (status.go).
	Approval  *Approval   `json:"approval,omitempty"`
	Rejection *Rejection  `json:"rejection,omitempty"`
	Signed    *SignedCopy `json:"signed,omitempty"`
}

// Issuance is what to commit.
type Issuance struct {
	Manifest Manifest
	Files    []File
	Author   report.Identity
	// Headline lines (changed figures) for the commit body.
	Headline []string
	// Event is what the commit does to its version (EventDraft …; "" for
	// an issuance or import). KeepVersion records a new state of the
	// period's latest version (a new draft, its approval, its signed copy)
	// instead of making the next version.
	Event       string
	KeepVersion bool
}

// ManifestName is the file Commit adds to every issuance.
const ManifestName = "manifest.json"

// IndexName is the root index file Commit keeps.
const IndexName = "README.md"

// MarkerName is the file inside .git that marks a repository as a
// bulletin archive; Open writes it when it creates one.
const MarkerName = "bulletin-archive"

const markerText = "This git repository is a bulletin archive; bulletin writes it, people read it.\n"

// NotArchiveError is returned by Open and OpenExisting for a folder that
// is not a bulletin archive: a git repository bulletin did not create, or a
// folder holding other files. Found says what is there.
type NotArchiveError struct {
	Dir   string
	Found string
}

func (e *NotArchiveError) Error() string {
	return fmt.Sprintf("%s 不是 bulletin 档案库（%s）；bulletin 不会写入它。请指定一个空文件夹（将新建档案库）或已有的档案库", e.Dir, e.Found)
}

// Open opens the archive at dir for writing, creating a git repository
// there if there is none (dir missing or empty). Anything else is refused
// with a *NotArchiveError: a folder that holds other files, or a git
// repository without the marker bulletin writes on creation, unless its
// layout shows it was made by an earlier bulletin (which then gets the
// marker).
func Open(dir string) (*Archive, error) {
	if dir == "" {
		return nil, errors.New("archive: empty archive path")
	}
	repo, err := git.PlainOpen(dir)
	switch {
	case err == nil:
		a, err := newArchive(dir, repo)
		if err != nil {
			return nil, err
		}
		if err := a.identify(true); err != nil {
			a.Close()
			return nil, err
		}
		return a, nil
	case errors.Is(err, git.ErrRepositoryNotExists):
		entries, rerr := os.ReadDir(dir)
		if rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			return nil, fmt.Errorf("打开档案库 %s: %w", dir, rerr)
		}
		if len(entries) > 0 {
			return nil, &NotArchiveError{Dir: dir, Found: "文件夹不为空，也不是 git 仓库，其中有 " + listNames(entries)}
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("创建档案库 %s: %w", dir, err)
		}
		repo, err = git.PlainInitWithOptions(dir, &git.PlainInitOptions{
			InitOptions: git.InitOptions{DefaultBranch: plumbing.Main},
		})
		if err != nil {
			return nil, fmt.Errorf("创建档案库 %s: %w", dir, err)
		}
		// Chinese file names (the snapshot as received) are shown as
		// written by `git log --stat` and `git status`, not as octal escapes.
		cfg, err := repo.Config()
		if err != nil {
			return nil, err
		}
		cfg.Raw.Section("core").SetOption("quotepath", "false")
		if err := repo.Storer.SetConfig(cfg); err != nil {
			return nil, fmt.Errorf("创建档案库 %s: %w", dir, err)
		}
		if err := writeAtomic(filepath.Join(dir, git.GitDirName, MarkerName), []byte(markerText)); err != nil {
			return nil, fmt.Errorf("创建档案库 %s: %w", dir, err)
		}
		// go-git writes HEAD and config without fsync: flush the new
		// repository once, so that a power cut cannot lose it under a
		// commit made later.
		if err := syncTree(dir); err != nil {
			return nil, fmt.Errorf("创建档案库 %s: %w", dir, err)
		}
	default:
		return nil, fmt.Errorf("打开档案库 %s: %w", dir, err)
	}
	return newArchive(dir, repo)
}

// Exists reports whether dir holds a git repository (an archive, or
// something Open will refuse).
func Exists(dir string) bool {
	_, err := git.PlainOpen(dir)
	return err == nil
}

// OpenExisting opens the archive at dir for reading; unlike Open it never
// creates one, and never writes (an archive of an earlier version is read
// without being given the marker).
func OpenExisting(dir string) (*Archive, error) {
	repo, err := git.PlainOpen(dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, &NotArchiveError{Dir: dir, Found: "不存在或不是 git 仓库"}
	}
	if err != nil {
		return nil, fmt.Errorf("打开档案库 %s: %w", dir, err)
	}
	a, err := newArchive(dir, repo)
	if err != nil {
		return nil, err
	}
	if err := a.identify(false); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// identify accepts a repository with the marker; one without it is
// accepted (and marked, when mark is set) only if bulletin made it: no
// commit and no files yet, or a HEAD tree of README.md plus
// <report>/<period>/manifest.json folders and commits bulletin wrote.
func (a *Archive) identify(mark bool) error {
	markerPath := filepath.Join(a.gitDir, MarkerName)
	if _, err := os.Stat(markerPath); err == nil {
		return nil
	}
	found, ok := a.earlierLayout()
	if !ok {
		return &NotArchiveError{Dir: a.Dir, Found: found}
	}
	if mark {
		if err := writeAtomic(markerPath, []byte(markerText)); err != nil {
			return fmt.Errorf("标记档案库 %s: %w", a.Dir, err)
		}
		slog.Warn("archive made by an earlier bulletin: marker written", "dir", a.Dir)
	}
	return nil
}

// earlierLayout tells whether the repository looks like an archive written
// by a bulletin that did not write the marker yet; found says otherwise
// what it holds.
func (a *Archive) earlierLayout() (found string, ok bool) {
	_, head, err := a.head()
	if err != nil {
		return "git 仓库的 HEAD 无法读取", false
	}
	if head.IsZero() {
		entries, _ := os.ReadDir(a.Dir)
		var other []os.DirEntry
		for _, e := range entries {
			if e.Name() != git.GitDirName {
				other = append(other, e)
			}
		}
		if len(other) == 0 {
			return "", true // an empty repository: nothing to lose
		}
		return "git 仓库尚无提交，但有文件 " + listNames(other), false
	}
	c, err := object.GetCommit(a.objects, head)
	if err != nil {
		return "git 仓库的提交无法读取", false
	}
	if _, ok := issuanceOf(c.Message); !ok {
		return fmt.Sprintf("git 仓库，最新提交 %.12s「%s」不是 bulletin 写的", head, firstLine(c.Message)), false
	}
	t, err := c.Tree()
	if err != nil {
		return "git 仓库的目录树无法读取", false
	}
	var names []string
	for _, e := range t.Entries {
		names = append(names, e.Name)
		if e.Name == IndexName || e.Name == ".gitattributes" {
			continue
		}
		if e.Mode.IsFile() {
			return "git 仓库，根目录有非档案文件 " + e.Name, false
		}
	}
	if _, ok, _ := a.fileAt(t, IndexName); !ok {
		return "git 仓库，根目录没有档案索引 README.md，有 " + strings.Join(names, "、"), false
	}
	return "", true
}

func listNames(entries []os.DirEntry) string {
	var names []string
	for i, e := range entries {
		if i == 5 {
			names = append(names, fmt.Sprintf("等 %d 项", len(entries)))
			break
		}
		names = append(names, e.Name())
	}
	return strings.Join(names, "、")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// newArchive reopens the repository found by go-git with a storage that
// keeps packfiles open: without it every object read reopens the pack,
// which made listing 2,000 issuances five times slower. The object cache
// is 16 MB rather than go-git's default 96 MB: it holds decompressed
// objects, and a long-running reader (bulletin serve) kept it full of
// notice PDFs it never reads twice.
func newArchive(dir string, _ *git.Repository) (*Archive, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	gitDir := filepath.Join(abs, git.GitDirName)
	if fi, err := os.Stat(gitDir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("档案库 %s 应是带工作区的 git 仓库（缺少 .git 文件夹）", dir)
	}
	st := filesystem.NewStorageWithOptions(osfs.New(gitDir), cache.NewObjectLRU(16*cache.MiByte), filesystem.Options{KeepDescriptors: true})
	repo, err := git.Open(st, osfs.New(abs))
	if err != nil {
		return nil, fmt.Errorf("打开档案库 %s: %w", dir, err)
	}
	return &Archive{Dir: abs, repo: repo, store: st, objects: repo.Storer, gitDir: gitDir, now: time.Now}, nil
}

// Close releases the open packfiles. An Archive is not used after Close.
func (a *Archive) Close() error {
	return a.store.Close()
}
