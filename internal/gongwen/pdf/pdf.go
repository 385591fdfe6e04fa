// Package pdf draws gongwen pages with maroto and embeds the fonts. It is
// the only package that imports maroto.
package pdf

import (
	"time"

	"github.com/bulletin-gov/bulletin/internal/notice"
)

// Options configure a Renderer.
type Options struct {
	// FontDir is a folder searched for the office's official fonts
	// (simfang.ttf, simhei.ttf, simkai.ttf, 方正小标宋); empty: bundled
	// stand-ins only.
	FontDir string
}

// Renderer lays out and draws notices. Fonts are loaded once, when it is
// made, and reused for every document.
type Renderer struct{}

// NewRenderer loads the fonts.
func NewRenderer(opts Options) (*Renderer, error) {
	panic("pdf.NewRenderer: not implemented yet")
}

// Substitutes says which stand-in faces are used for which official faces,
// one line each, for the run output.
func (r *Renderer) Substitutes() []string { return nil }

// Render returns the PDF of doc. created is written as the PDF's creation
// date, so identical inputs give identical bytes.
func (r *Renderer) Render(doc *notice.Document, created time.Time) ([]byte, error) {
	panic("pdf.Render: not implemented yet")
}
