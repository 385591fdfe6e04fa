package snapshot

import (
	"github.com/bulletin-gov/bulletin/internal/report"
)

// ReadFile reads the snapshot at path with the columns def names. When the
// file cannot be read as the report expects, the error is a report.Problems
// listing every problem found, each naming file, sheet and cell.
func ReadFile(path string, def *report.Definition) (*Snapshot, error) {
	panic("snapshot.ReadFile: not implemented yet")
}
