package web

import (
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// Store is everything the web view needs from the archive and from the
// diff. It is implemented by one adapter (archivestore.go) over the archive
// package, so that a change in the archive's API changes only that file.
//
// Every method but Log reads one version, named by report, period and
// version number (never "the latest"): versions are immutable, so what
// they return can be cached for as long as the process runs, and a page
// built from one Log result reads one consistent state of the archive.
type Store interface {
	// Log lists every issuance, newest first, and the commit of the
	// newest one ("" for an empty archive).
	Log() (head string, entries []Issuance, err error)
	// Details is the full manifest of one version.
	Details(k Key) (Details, error)
	// Files lists one version's files, sorted by name.
	Files(k Key) ([]FileInfo, error)
	// ReadFile returns one file of one version; ok is false when the
	// version has no such file.
	ReadFile(k Key, name string) (data []byte, ok bool, err error)
	// TextDiff compares two notice texts line by line.
	TextDiff(a, b string) []DiffLine
	// InlineDiff marks what changed inside one changed line: the
	// segments of the old line (Old) and of the new one (New).
	InlineDiff(a, b string) (old, new []Segment)
	// FigureDiff lists every figure that differs between two
	// snapshots (either may be empty).
	FigureDiff(old, new *snapshot.Snapshot) []FigureChange
	// Deliveries lists the notifications recorded about one version,
	// oldest first. They are records beside the version, not part of it:
	// they may grow after the version is committed.
	Deliveries(k Key) ([]Delivery, error)
}

// Key names one version of one period of one report.
type Key struct {
	Report  string
	Period  report.Period
	Version int
}

// Issuance is one entry of the archive's log.
type Issuance struct {
	Key
	DocNumber string
	Title     string
	Issued    time.Time
	Reason    string
	// Imported marks a past period's data recorded without a notice.
	Imported bool
	// State is where the version stands in the draft → 签发 → 用印 path,
	// in the words staff read (archive.Status.Words: 草稿, 已签发, 已用印,
	// 已撤回; "" for imported data).
	State string
	// Commit is the commit of the version's newest state (its draft, its
	// approval, its signed copy); Committed is when that was committed.
	Commit    string
	Committed time.Time
}

// Draft reports whether the version is a draft, whose files change when
// it is approved.
func (is *Issuance) Draft() bool { return is.State == stateDraft }

// Details is what a version's manifest adds to its log entry.
type Details struct {
	Program  string
	Inputs   map[string]string // name → sha256
	Warnings []string
	// ApprovedBy and ApprovedAt record the 签发; Rejected the reason a
	// draft was sent back.
	ApprovedBy string
	ApprovedAt time.Time
	Rejected   string
	// Signed is the signed copy (用印件), nil for none.
	Signed *SignedCopy
}

// SignedCopy is a version's signed copy: the file (notice-signed.pdf or
// .ofd), its SHA-256, when it was stored, whether bulletin signed it
// ("sign") or it was attached ("attach"), and the certificate's subject.
type SignedCopy struct {
	File, SHA256 string
	At           time.Time
	Source       string
	Signer       string
}

// Delivery is one notification sent about a version.
type Delivery struct {
	At      time.Time
	Event   string // in words: 待签发, 已印发, …
	Channel string // email or webhook
	To      string
	OK      bool
	Result  string
}

// FileInfo is one file of a version.
type FileInfo struct {
	Name string
	Size int64
}

// DiffLine is one line of a text diff: Op is ' ' (unchanged), '-' (only
// in the old text), '+' (only in the new) or '@' (a gap between hunks).
type DiffLine struct {
	Op   byte
	Text string
}

// FigureChange is one figure that differs between two snapshots. Unit is
// "合计" for the total row; Indicator is empty for a unit added or removed.
type FigureChange struct {
	Unit      string
	Indicator string
	Old, New  string
	// Added or Removed mark a whole unit.
	Added, Removed bool
}

// Segment is a piece of a changed line; Changed marks the characters that
// differ from the other side.
type Segment struct {
	Text    string
	Changed bool
}
