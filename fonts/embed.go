// Package fonts holds the font files bulletin bundles, the free stand-ins for
// the four faces of a notice (情况通报), with their licences (see README.md).
// It only embeds them: internal/fonts owns the face table, discovery of the
// office's own fonts, parsing, measuring and subsetting.
package fonts

import _ "embed" // for the //go:embed directives below

var (
	//go:embed title.ttf
	titleTTF []byte
	//go:embed body.ttf
	bodyTTF []byte
	//go:embed hei.ttf
	heiTTF []byte
	//go:embed kai.ttf
	kaiTTF []byte
)

// File returns the embedded bytes of a bundled font file ("body.ttf"), not
// a copy: callers must not modify them. It returns nil for any other name.
func File(name string) []byte {
	switch name {
	case "title.ttf":
		return titleTTF
	case "body.ttf":
		return bodyTTF
	case "hei.ttf":
		return heiTTF
	case "kai.ttf":
		return kaiTTF
	}
	return nil
}
