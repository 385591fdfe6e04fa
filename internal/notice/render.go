package notice

import (
	"io/fs"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// Options are the per-issuance facts a template cannot know.
type Options struct {
	// Templates holds the bundled templates (templates/ embedded); a
	// report's template is looked up in the report folder first.
	Templates fs.FS
	// Date is the 成文日期 and 印发日期.
	Date time.Time
	// Seq is the document's sequence number for {{序号}}.
	Seq int
}

// Render executes the report's template over res and returns the notice.
// Template errors name the file, line and column.
func Render(def *report.Definition, res *metrics.Result, opts Options) (*Document, error) {
	panic("notice.Render: not implemented yet")
}

// Text returns the notice as plain text, element by element, for
// notice.txt (archived, diffed and compared against golden files).
func (d *Document) Text() string {
	panic("notice.Document.Text: not implemented yet")
}

// Check parses the report's template and executes it against representative
// data, so that a misspelt name is found before any run. Errors name the
// template file, line and column.
func Check(def *report.Definition, opts Options) error {
	panic("notice.Check: not implemented yet")
}
