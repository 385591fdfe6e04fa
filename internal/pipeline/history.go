package pipeline

import (
	"errors"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/source"
)

// History lists the archive's issuances, newest first; reportID ""
// lists every report.
func History(archiveDir, reportID string) ([]archive.Entry, error) {
	a, err := archive.OpenExisting(archiveDir)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	return a.Log(reportID)
}

// Issued reports whether the period was run: a notice issued, or a
// draft made (pending or rejected: the next draft is made by hand). A
// period only imported is still to be issued. It is false when there is
// no archive yet.
func Issued(archiveDir, reportID string, p report.Period) (bool, error) {
	r, err := readArchive(archiveDir)
	if err != nil {
		return false, err
	}
	defer r.close()
	m, ok, err := r.latest(reportID, p)
	if err != nil || !ok {
		return false, err
	}
	return !m.Imported, nil
}

// DiffVersions compares two versions of a period in the archive at archiveDir
// (v1 = v2 = 0: the latest with the one before); see CompareVersions.
func DiffVersions(archiveDir, reportID string, p report.Period, v1, v2 int) (*Diff, error) {
	a, err := archive.OpenExisting(archiveDir)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	v, err := a.View()
	if err != nil {
		return nil, err
	}
	return CompareVersions(v, reportID, p, v1, v2)
}

// PrepareArchive creates the archive at dir if there is none (the
// service does this at start, before triggers and manual runs could race
// to), and refuses a folder that is not one.
func PrepareArchive(dir string) error {
	a, err := archive.Open(dir)
	if err != nil {
		return err
	}
	return a.Close()
}

// Busy reports whether err means another writer holds the archive (or kept
// committing): the issuance is to be retried later, not a failure.
func Busy(err error) bool {
	var locked *archive.LockedError
	return errors.As(err, &locked) || errors.Is(err, archive.ErrMoved)
}

// NotYet reports whether err means the period's export is not there yet,
// is last quarter's served again, or the period has not ended: to be
// retried until the deadline.
func NotYet(err error) bool {
	return errors.Is(err, source.ErrNotYet) || errors.Is(err, ErrSameAsPrevious) || errors.Is(err, ErrNotEnded)
}
