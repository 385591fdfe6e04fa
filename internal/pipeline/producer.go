package pipeline

import "github.com/bulletin-gov/bulletin/internal/gongwen/pdf"

// The PDF names its producer: bulletin and this version.
func init() { pdf.Producer = "bulletin " + Version }
