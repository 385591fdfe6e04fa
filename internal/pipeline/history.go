package pipeline

import (
	"errors"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

func isMoved(err error) bool { return errors.Is(err, archive.ErrMoved) }

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

// Issued reports whether a notice was issued for the period (a period
// only imported is still to be issued). It is false when there is no
// archive yet.
func Issued(archiveDir, reportID string, p report.Period) (bool, error) {
	a, err := openArchive(archiveDir)
	if err != nil || a == nil {
		return false, err
	}
	defer a.Close()
	m, ok, err := a.LatestManifest(reportID, p)
	if err != nil || !ok {
		return false, err
	}
	return !m.Imported, nil
}
