package pdf

import (
	"os"
	"path/filepath"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// bundled returns the stand-in font for f and its name. Temporary: reads
// the files from BULLETIN_FONTS (a folder of title/body/hei/kai.ttf) until
// the fonts package is merged.
func bundled(f gongwen.Face) ([]byte, string) {
	dir := os.Getenv("BULLETIN_FONTS")
	if dir == "" {
		dir = "/work/wt/fonts/fonts"
	}
	data, err := os.ReadFile(filepath.Join(dir, string(f)+".ttf"))
	if err != nil {
		return nil, ""
	}
	return data, ""
}
