// Package pipeline issues, checks and imports: it reads a period's
// snapshot, finds the previous period (in the archive, else the report's
// source), computes the figures, fills the template, typesets the PDF,
// writes the workbook and records everything in the archive. It is the only
// package that knows every stage; the command line and the scheduled
// service call Issue, Check, Import, History, Issued and CompareVersions
// and only print what they return.
//
//	snapshot → metrics → notice → gongwen/pdf
//	                   ↘ workbook
//	all outputs → archive (or a folder, for a dry run)
//
// It owns the definitions nothing else repeats: an issuance's inputs
// (define.go: every file and option the notice was made from), the
// versioning policy (policy.go: first issue, new version needing a reason,
// or nothing new; the same for run, check and import), the path from draft
// to issued (approve.go: drafts of reports with approval: required,
// Approve, Reject, and the policy over pending and rejected drafts), the
// office's document-number register (register.go), signed copies
// (signed.go: SignArchived, AttachSigned) and who is told (tell.go: the
// report's notify section, deliveries recorded in the archive). Every
// notice PDF gets its empty signature field over the seal's place, and a
// draft its mark (sealfield.go).
// guard.go holds the refusals all three apply before anything is read or
// written: report ids and export names the archive cannot hold, blank or
// hostile reasons, impossible dates, periods that have not ended.
//
// Every output is built completely, in memory, without the archive's
// writer lock; the lock is taken only to commit, and the commit is refused
// (and the issuance rebuilt) if another writer committed since the archive
// was read. A failed run leaves the archive and earlier outputs as they
// were.
//
// Errors carry what the user must do as data (ReasonNeededError,
// NoPeriodInNameError, ReasonError, DateError, NotEndedError, NoDraftError,
// DraftStaleError, DocNumberTakenError, NotSealableError); they name no
// command-line flag.
package pipeline
