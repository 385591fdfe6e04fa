package pdf

import (
	"github.com/bulletin-gov/bulletin/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// bundled returns the embedded stand-in font for f and its name.
func bundled(f gongwen.Face) ([]byte, string) {
	r := fonts.Role(f)
	return fonts.Bundled(r), fonts.BundledName(r)
}
