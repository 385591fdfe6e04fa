// Package archive keeps every issued notice in a git repository: inputs and
// outputs under <report>/<period>/, one commit and one tag per issuance. It is
// the only package that imports go-git.
package archive

import (
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Archive is an archive repository on disk.
type Archive struct{ Dir string }

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
}

// Issuance is what to commit.
type Issuance struct {
	Manifest Manifest
	Files    []File
	Author   report.Identity
	// Headline lines (changed figures) for the commit body.
	Headline []string
}

// Open opens the archive at dir, creating a git repository there if there
// is none.
func Open(dir string) (*Archive, error) {
	panic("archive.Open: not implemented yet")
}

// Commit records iss as a new version of its period; committed is false
// when the inputs and outputs equal the latest version's (nothing new).
func (a *Archive) Commit(iss Issuance) (commit string, committed bool, err error) {
	panic("archive.Commit: not implemented yet")
}

// Latest returns the named file of the latest version of a period, or
// ok=false when the period was never issued or imported.
func (a *Archive) Latest(reportID string, p report.Period, name string) (data []byte, ok bool, err error) {
	panic("archive.Latest: not implemented yet")
}

// Entry is one issuance in the log.
type Entry struct {
	Manifest Manifest
	Commit   string
}

// Log lists issuances, newest first; reportID "" lists all reports.
func (a *Archive) Log(reportID string) ([]Entry, error) {
	panic("archive.Log: not implemented yet")
}

// Lock takes the archive's writer lock; unlock releases it.
func (a *Archive) Lock() (unlock func(), err error) {
	panic("archive.Lock: not implemented yet")
}
