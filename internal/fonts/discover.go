package fonts

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// EnvDir is the environment variable naming a folder of official fonts,
// used when Options.Dir is empty.
const EnvDir = "BULLETIN_FONTS"

// systemFontDirs are the folders searched for official fonts after
// Options.Dir.
func systemFontDirs() []string {
	home, _ := os.UserHomeDir()
	dirs := []string{}
	switch runtime.GOOS {
	case "windows":
		dirs = append(dirs, filepath.Join(os.Getenv("WINDIR"), "Fonts"),
			filepath.Join(os.Getenv("LOCALAPPDATA"), "Microsoft", "Windows", "Fonts"))
	case "darwin":
		dirs = append(dirs, "/Library/Fonts", filepath.Join(home, "Library", "Fonts"))
	default:
		dirs = append(dirs, "/usr/share/fonts", "/usr/local/share/fonts",
			filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"))
	}
	return dirs
}

// candidates returns the files in dirs (two folder levels deep) named as
// f's official face, folder by folder in the order given, .ttf files first
// within a folder, then by name.
// Only .ttf can be embedded, but a .ttc or .otf under an official face's
// name is a candidate too, so that it is reported (找到 …，但…), not passed
// over as if nothing had been found.
func candidates(f Face, dirs []string) []string {
	stems := map[string]bool{}
	for _, n := range table[f].files {
		stems[strings.ToLower(strings.TrimSuffix(n, filepath.Ext(n)))] = true
	}
	var out []string
	for _, d := range dirs {
		if d == "" {
			continue
		}
		var ttf, other []string
		walk(d, 2, func(p string) {
			base := strings.ToLower(filepath.Base(p))
			ext := filepath.Ext(base)
			if !stems[strings.TrimSuffix(base, ext)] {
				return
			}
			switch ext {
			case ".ttf":
				ttf = append(ttf, p)
			case ".ttc", ".otf":
				other = append(other, p)
			}
		})
		out = append(append(out, ttf...), other...)
	}
	return out
}

// walk calls fn for the files under dir down to depth levels, in name
// order.
func walk(dir string, depth int, fn func(string)) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if depth > 0 {
				walk(p, depth-1, fn)
			}
			continue
		}
		fn(p)
	}
}
