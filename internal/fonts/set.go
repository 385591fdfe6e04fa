package fonts

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	bundledfiles "github.com/bulletin-gov/bulletin/fonts"
)

// maxFontBytes bounds what is read of a font file found on the machine.
const maxFontBytes = 64 << 20

// Options say where to look for the office's official fonts. Keep it
// comparable: Load caches by it.
type Options struct {
	// Dir is a folder searched first (--fonts); empty means $BULLETIN_FONTS
	// unless NoSystemFonts is set.
	Dir string
	// NoSystemFonts skips the machine's fonts, the system font folders
	// and $BULLETIN_FONTS (tests, reproducible runs): only Dir and the
	// bundled stand-ins are used.
	NoSystemFonts bool
}

// Set is the four faces of a notice as loaded: the office's official font
// where one was found and usable, else the bundled stand-in. It is
// read-only and safe for concurrent use.
type Set struct {
	faces map[Face]*choice
}

// choice is how one face was settled.
type choice struct {
	font     *Font
	path     string // the official file used; "" for the stand-in
	rejected string // an official file found but not used
	why      error  // why it was not used
}

// cache holds the parsed fonts by Options: a process parses each font once
// however many notices it renders.
var cache sync.Map // Options → *entry

type entry struct {
	once sync.Once
	set  *Set
	err  error
}

// Load returns the faces for opts, parsing the fonts once per process for
// the same Options. An official font that is found but unusable is
// replaced by the stand-in, and Substitutes says why; only an unreadable
// Dir is an error.
func Load(opts Options) (*Set, error) {
	if opts.Dir == "" && !opts.NoSystemFonts {
		opts.Dir = os.Getenv(EnvDir)
	}
	v, _ := cache.LoadOrStore(opts, &entry{})
	e := v.(*entry)
	e.once.Do(func() { e.set, e.err = load(opts) })
	if e.err != nil {
		cache.Delete(opts) // a folder fixed later is read again
		return nil, e.err
	}
	return e.set, nil
}

// DirError says that the fonts folder cannot be read.
type DirError struct {
	Dir string
	Err error
}

func (e *DirError) Error() string {
	return fmt.Sprintf("字体目录 %s 无法读取：%v", e.Dir, e.Err)
}
func (e *DirError) Unwrap() error { return e.Err }

func load(opts Options) (*Set, error) {
	var dirs []string
	if opts.Dir != "" {
		if _, err := os.Stat(opts.Dir); err != nil {
			return nil, &DirError{Dir: opts.Dir, Err: err}
		}
		dirs = append(dirs, opts.Dir)
	}
	if !opts.NoSystemFonts {
		dirs = append(dirs, systemFontDirs()...)
	}
	s := &Set{faces: map[Face]*choice{}}
	for _, f := range Faces {
		c := &choice{}
		for _, p := range candidates(f, dirs) {
			font, err := readFont(p)
			if err == nil {
				c.font, c.path = font, p
				break
			}
			if c.rejected == "" {
				c.rejected, c.why = p, err
			}
		}
		if c.font == nil {
			font, err := Parse(bundledfiles.File(table[f].bundled))
			if err != nil {
				return nil, fmt.Errorf("bundled font %s: %w", table[f].bundled, err)
			}
			c.font = font
		}
		s.faces[f] = c
	}
	return s, nil
}

// readFont reads and parses one font file, in bounded memory.
func readFont(path string) (*Font, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, errors.New("无法读取该文件")
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxFontBytes+1))
	if err != nil {
		return nil, errors.New("无法读取该文件")
	}
	if len(data) > maxFontBytes {
		return nil, fmt.Errorf("文件超过 %d MB", maxFontBytes>>20)
	}
	return Parse(data)
}

// Font returns the font drawing face f.
func (s *Set) Font(f Face) *Font { return s.faces[f].font }

// Advance returns r's natural advance in face f, in ems, and whether the
// face has r.
func (s *Set) Advance(f Face, r rune) (float64, bool) {
	c := s.faces[f]
	if c == nil {
		return 0, false
	}
	return c.font.Advance(r)
}

// Official reports whether face f is drawn with the office's own font.
func (s *Set) Official(f Face) bool { return s.faces[f].path != "" }

// Substitutes says, one line per face drawn with a stand-in, which official
// face is missing and why, for the run output:
//
//	正文字体：未找到仿宋_GB2312，使用替代字体 Noto Serif SC Regular
//	正文字体：找到 /x/仿宋_GB2312.ttf，但该字体禁止嵌入（fsType=2），使用替代字体 Noto Serif SC Regular
func (s *Set) Substitutes() []string {
	var out []string
	for _, f := range Faces {
		c := s.faces[f]
		if c.path != "" {
			continue
		}
		if c.rejected != "" {
			out = append(out, fmt.Sprintf("%s字体：找到 %s，但%v，使用替代字体 %s", f.Job(), c.rejected, c.why, f.StandIn()))
			continue
		}
		out = append(out, fmt.Sprintf("%s字体：未找到%s，使用替代字体 %s", f.Job(), f.Official(), f.StandIn()))
	}
	return out
}

// Files says which font file or stand-in draws each face, for logs and for
// the record of what a notice was made from.
func (s *Set) Files() map[Face]string {
	out := map[Face]string{}
	for f, c := range s.faces {
		if c.path != "" {
			out[f] = c.path
		} else {
			out[f] = table[f].bundled + " (bundled: " + c.font.Name() + ")"
		}
	}
	return out
}
