package pdf

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// officialFiles are the file names under which the official faces are
// usually installed on office machines (Windows and WPS), matched without
// regard to case.
var officialFiles = map[gongwen.Face][]string{
	gongwen.Title: {"方正小标宋简体.ttf", "方正小标宋_GBK.ttf", "FZXBSJW.ttf", "FZXBSK.ttf", "FZXiaoBiaoSong-B05S.ttf", "方正小标宋简体.TTF"},
	gongwen.Body:  {"仿宋_GB2312.ttf", "FangSong_GB2312.ttf", "simfang.ttf", "仿宋.ttf", "FangSong.ttf"},
	gongwen.Hei:   {"simhei.ttf", "黑体.ttf", "SimHei.ttf"},
	gongwen.Kai:   {"楷体_GB2312.ttf", "KaiTi_GB2312.ttf", "simkai.ttf", "楷体.ttf", "KaiTi.ttf"},
}

// officialNames are the faces GB/T 9704 names, for messages.
var officialNames = map[gongwen.Face]string{
	gongwen.Title: "方正小标宋简体",
	gongwen.Body:  "仿宋_GB2312",
	gongwen.Hei:   "黑体",
	gongwen.Kai:   "楷体_GB2312",
}

// roleNames are the faces' jobs in a notice, for messages.
var roleNames = map[gongwen.Face]string{
	gongwen.Title: "标题",
	gongwen.Body:  "正文",
	gongwen.Hei:   "一级标题",
	gongwen.Kai:   "二级标题",
}

// face is one loaded font and where it came from.
type face struct {
	font     *sfnt
	name     string // the font's own name
	path     string // file it was read from; "" for a bundled stand-in
	official bool
}

// systemFontDirs are the folders searched for official fonts besides
// Options.FontDir.
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

// findOfficial looks for f's official font in dirs (two folder levels
// deep) and returns the first file found.
func findOfficial(f gongwen.Face, dirs []string) string {
	want := map[string]bool{}
	for _, n := range officialFiles[f] {
		want[strings.ToLower(n)] = true
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		var found string
		walk(d, 2, func(p string) bool {
			if want[strings.ToLower(filepath.Base(p))] {
				found = p
				return true
			}
			return false
		})
		if found != "" {
			return found
		}
	}
	return ""
}

// walk calls fn for the files under dir down to depth levels, in name
// order, until fn returns true.
func walk(dir string, depth int, fn func(string) bool) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if depth > 0 && walk(p, depth-1, fn) {
				return true
			}
			continue
		}
		if fn(p) {
			return true
		}
	}
	return false
}

// loadFaces loads the official font of each face when one is found, else
// the bundled stand-in. An official file that cannot be used is reported
// in the log and replaced by the stand-in.
func loadFaces(opts Options) (map[gongwen.Face]*face, error) {
	var dirs []string
	if opts.FontDir != "" {
		if _, err := os.Stat(opts.FontDir); err != nil {
			return nil, fmt.Errorf("字体目录 %s 无法读取：%w", opts.FontDir, err)
		}
		dirs = append(dirs, opts.FontDir)
	}
	if !opts.NoSystemFonts {
		dirs = append(dirs, systemFontDirs()...)
	}
	faces := map[gongwen.Face]*face{}
	defer func() {
		// The faces set on the body grid; the title face is only ever
		// set at its own advance.
		for _, f := range []gongwen.Face{gongwen.Body, gongwen.Hei, gongwen.Kai} {
			if fc := faces[f]; fc != nil {
				fc.font.setGrid()
			}
		}
	}()
	for _, f := range gongwen.Faces {
		if p := findOfficial(f, dirs); p != "" {
			data, err := os.ReadFile(p)
			if err == nil {
				var font *sfnt
				if font, err = parseSFNT(data); err == nil {
					faces[f] = &face{font: font, name: font.name, path: p, official: true}
					continue
				}
			}
			slog.Warn("official font unusable, using stand-in", "face", string(f), "file", p, "err", err)
		}
		data, name := bundled(f)
		if data == nil {
			return nil, fmt.Errorf("no bundled font for face %s", f)
		}
		font, err := parseSFNT(data)
		if err != nil {
			return nil, fmt.Errorf("bundled font for %s: %w", f, err)
		}
		if name == "" {
			name = font.name
		}
		faces[f] = &face{font: font, name: name}
	}
	return faces, nil
}
