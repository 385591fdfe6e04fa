// Package archive keeps every issued notice in a plain git repository, the
// last stage of a run: report → snapshot → metrics → notice → gongwen → pdf,
// and then archive. It is the only package that imports go-git; no go-git
// type appears in its API.
//
// # Layout
//
// One folder per report and period holds the latest version of that
// period's issuance:
//
//	README.md                     index table of every issuance (kept by the program)
//	<report-id>/<period>/         e.g. hengyang-county/2022Q3/
//	    2022Q3.xlsx               the original snapshot file, as received
//	    snapshot.json             the snapshot as read (normalized)
//	    notice.txt                the notice as plain text, for diffs
//	    notice.pdf                the notice as issued
//	    rankings.xlsx             the ranking workbook
//	    manifest.json             version, reason, inputs' hashes, program, warnings
//
// Each issuance is one commit on the checked-out branch, with an annotated
// tag <report-id>/<period>/v<N>. Earlier versions are reached through their
// tags; history is never rewritten.
//
// # Versions and sameness
//
// Commit compares the new manifest's Inputs (file name → sha256 of every
// input: the snapshot file, snapshot.json, report.yaml, the template) with
// the latest version's. Equal inputs mean the same notice: nothing is
// committed, even though the PDF's creation date and the manifest's issue
// time differ. Different inputs make version N+1, which needs a reason.
//
// # Crash safety
//
// A commit writes blobs, trees, the commit and its tag object first (each
// object file is written to a temporary name and renamed), then moves the
// branch with a single atomic rename of the ref file, then adds the tag ref,
// then updates the checked-out files and the index. A crash before the
// branch moves leaves only unreachable objects (git fsck reports them as
// dangling, not as errors); a crash after it is repaired by the next Lock,
// which recreates a missing tag and brings the worktree and index up to
// HEAD (see repair.go).
//
// # Example
//
//	a, err := archive.Open("archive")
//	unlock, err := a.Lock()
//	defer unlock()
//	commit, committed, err := a.Commit(archive.Issuance{Manifest: m, Files: files, Author: author})
//	data, ok, err := a.Latest("hengyang-county", p.Prev(), "snapshot.json")
package archive
