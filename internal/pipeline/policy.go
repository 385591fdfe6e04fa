package pipeline

import (
	"fmt"

	"github.com/bulletin-gov/bulletin/internal/archive"
)

// Plan is what an issuance (or an import) does to the archive: the
// versioning policy's answer, which `check` prints and `run` carries out.
type Plan int

const (
	// FirstIssue: the period has no version yet (or only an imported
	// snapshot, which an issue supersedes without a reason).
	FirstIssue Plan = iota
	// NewVersion: the period was issued and the inputs changed; a reason
	// is needed.
	NewVersion
	// NothingNew: the latest version has the same inputs.
	NothingNew
)

// Decision is the versioning policy applied to one issuance.
type Decision struct {
	Plan Plan
	// Latest is the archived latest version of the period (0: none) and
	// Version the version the issuance would become.
	Latest, Version int
	// Changed are the inputs that differ from the latest version, in
	// words.
	Changed []string
	// Superseding is true when the latest version is an imported snapshot
	// that an issue replaces.
	Superseding bool
	// Replacing is true when the latest version is a draft (pending or
	// rejected) that the issuance replaces or approves, keeping its
	// version number (approve.go).
	Replacing bool
}

// decide applies the versioning policy: equal inputs are nothing new;
// different inputs on a period already issued (or imported, for an import)
// make the next version and need a reason; an issue supersedes an imported
// snapshot without one; an import never replaces an issued notice.
func decide(prev archive.Manifest, ok bool, cur archive.Manifest, explicitDate bool) (Decision, error) {
	if !ok {
		return Decision{Plan: FirstIssue, Version: 1}, nil
	}
	d := Decision{Latest: prev.Version, Version: prev.Version + 1}
	if cur.Imported && !prev.Imported {
		return d, fmt.Errorf("%s %s %w（档案库中已有第%d版通报）", cur.Report, cur.Period, ErrImportOverIssued, prev.Version)
	}
	d.Changed = changedInputs(prev.Inputs, cur.Inputs, explicitDate)
	if prev.Imported && !cur.Imported {
		d.Plan, d.Superseding = FirstIssue, true
		return d, nil
	}
	if len(d.Changed) == 0 {
		d.Plan, d.Version = NothingNew, prev.Version
		return d, nil
	}
	d.Plan = NewVersion
	if cur.Reason == "" {
		return d, &ReasonNeededError{Report: cur.Report, Period: cur.Period, Version: prev.Version, Changed: d.Changed}
	}
	return d, nil
}
