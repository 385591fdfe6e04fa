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
// tags; history is never rewritten. A version may go through several
// states (status.go: draft, issued, sealed, withdrawn), each a commit of
// the same version (Issuance.KeepVersion); the issuing commit is tagged
// v<N>, the signed copy's v<N>-signed, drafts and rejections not. Records
// that belong to no version (deliveries of notifications) are files under
// .records/, committed by PutRecord.
//
// # A narrow store
//
// The archive decides nothing: Put writes the next version of a period;
// whether inputs are the same, and whether a reason is needed, is the
// pipeline's policy, decided under the lock before Put. Put refuses to
// write when HEAD is no longer the commit the caller read (ErrMoved), so
// a writer may read and build without the lock and hold it only to commit.
// Readers use a View, pinned to one commit.
//
// # Identity and the writer lock
//
// Open creates an archive only in a missing or empty folder and writes the
// marker .git/bulletin-archive; a repository without it is accepted only
// if its layout shows an earlier bulletin made it (it then gets the
// marker). The writer lock is an flock on .git/bulletin.lock, released by
// the kernel when its holder exits.
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
//	v, err := a.View()
//	prev, ok, err := v.LatestFile("hengyang-county", p.Prev(), "snapshot.json")
//	// … decide and build without the lock …
//	unlock, err := a.Lock("hengyang-county 2022Q3")
//	m, commit, err := a.Put(archive.Issuance{Manifest: m, Files: files, Author: author}, v.Commit())
//	unlock()
package archive
