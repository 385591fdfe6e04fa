package archive

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
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
}

// Issuance is what to commit.
type Issuance struct {
	Manifest Manifest
	Files    []File
	Author   report.Identity
	// Headline lines (changed figures) for the commit body.
	Headline []string
}

// ManifestName is the file Commit adds to every issuance.
const ManifestName = "manifest.json"

// IndexName is the root index file Commit keeps.
const IndexName = "README.md"

// Open opens the archive at dir, creating a git repository there if there
// is none (dir missing or empty). A folder that holds other files but no
// repository is refused, so that a mistyped --archive never turns a
// user's folder into an archive.
func Open(dir string) (*Archive, error) {
	if dir == "" {
		return nil, errors.New("档案库路径为空：请用 --archive 指定文件夹")
	}
	repo, err := git.PlainOpen(dir)
	switch {
	case err == nil:
	case errors.Is(err, git.ErrRepositoryNotExists):
		entries, rerr := os.ReadDir(dir)
		if rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			return nil, fmt.Errorf("打开档案库 %s: %w", dir, rerr)
		}
		if len(entries) > 0 {
			return nil, fmt.Errorf("档案库 %s 已存在但不是 git 仓库，且文件夹不为空：请指定一个空文件夹或已有的档案库", dir)
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
	default:
		return nil, fmt.Errorf("打开档案库 %s: %w", dir, err)
	}
	return newArchive(dir, repo)
}

// OpenExisting opens the archive at dir for reading; unlike Open it never
// creates one.
func OpenExisting(dir string) (*Archive, error) {
	repo, err := git.PlainOpen(dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("档案库 %s 不存在（不是 git 仓库）：请用 --archive 指定档案库文件夹", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("打开档案库 %s: %w", dir, err)
	}
	return newArchive(dir, repo)
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
