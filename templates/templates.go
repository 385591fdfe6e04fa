// Package templates holds the bundled notice templates, embedded in the
// binary so that it works without the repository present. A report names
// one by file name (template: tongbao.tmpl) or ships its own in its folder.
// The format is documented in docs/zh/templates.md.
package templates

import "embed"

// FS holds the bundled *.tmpl files.
//
//go:embed *.tmpl
var FS embed.FS
