package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// fetchFile reads the file at path.
func fetchFile(path string, p report.Period) (string, []byte, error) {
	data, err := readLimited(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, &NotYetError{Period: p, Where: path}
	}
	if err != nil {
		return "", nil, err
	}
	return filepath.Base(path), data, nil
}

func readLimited(path string) ([]byte, error) {
	return ReadFile(path)
}

// ReadFile reads a snapshot file given by path (`--snapshot`, an inbox
// file, a source.file) without ever holding more than MaxSize bytes: a
// regular file's size is checked before anything is read, and anything
// else (a device such as /dev/zero, a pipe) is read through a limit. A
// file that is too large, a folder or an unreadable file gives a
// report.Problems naming the file.
func ReadFile(path string) ([]byte, error) {
	name := filepath.Base(path)
	fail := func(msg string) error { return report.Problems{{File: name, Msg: msg}} }
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &missingError{path}
	}
	if err != nil {
		return nil, fail("无法打开文件：" + err.Error())
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fail("无法读取文件：" + err.Error())
	}
	tooLarge := fmt.Sprintf("文件过大（超过 %d MB），不像是统计表导出文件", MaxSize>>20)
	switch {
	case st.IsDir():
		return nil, fail(path + " 是文件夹，不是统计表文件")
	case st.Mode().IsRegular() && st.Size() > MaxSize:
		return nil, fail(fmt.Sprintf("文件过大（%d MB，最大 %d MB），不像是统计表导出文件", st.Size()>>20, MaxSize>>20))
	}
	size := int64(-1)
	if st.Mode().IsRegular() {
		size = st.Size()
	}
	data, err := ReadAtMost(f, size, MaxSize)
	if errors.Is(err, ErrTooLarge) {
		return nil, fail(tooLarge)
	}
	if err != nil {
		return nil, fail("无法读取文件：" + err.Error())
	}
	return data, nil
}

// ErrTooLarge is ReadAtMost's error for a reader holding more than its
// limit.
var ErrTooLarge = errors.New("more than the limit")

// ReadAtMost reads r to its end into one buffer of the size expected
// (size, or limit+1 when size < 0: untouched memory costs nothing), so
// that at most limit bytes are ever held, without the copies a growing
// buffer makes. More than limit bytes is ErrTooLarge.
func ReadAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	want := limit + 1
	if size >= 0 {
		want = min(size+512, limit+1)
	}
	buf := make([]byte, 0, want)
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			// Larger than stated (a file still being written).
			buf = slices.Grow(buf, int(min(int64(cap(buf)), limit+1-int64(len(buf)))))
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return nil, ErrTooLarge
}

// missingError says a file is not there; it matches fs.ErrNotExist.
type missingError struct{ path string }

func (e *missingError) Error() string        { return "找不到文件 " + e.path }
func (e *missingError) Is(target error) bool { return target == fs.ErrNotExist }

// inboxFile is one export found in an inbox folder.
type inboxFile struct {
	path   string
	mod    time.Time
	period report.Period
	named  bool // the name states the period
}

// exportExts are the file kinds an inbox takes; anything else (notes,
// Excel's ~$ lock files, partial downloads) is ignored.
var exportExts = map[string]bool{".xlsx": true, ".xlsm": true, ".csv": true, ".tsv": true}

// scanInbox lists the exports in dir. A file whose name states no period
// is given the period whose export window holds its modification time:
// from the first day of the quarter's last month to the first day of the
// next quarter's last month (an export of 2022Q3 is made from late
// September into November; one made in July is 2022Q2's).
func scanInbox(dir string, k report.Kind, loc *time.Location) ([]inboxFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("收件文件夹 %s 不存在", dir)
		}
		return nil, fmt.Errorf("读取收件文件夹 %s：%w", dir, err)
	}
	var out []inboxFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || !exportExts[strings.ToLower(filepath.Ext(name))] {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed while listing
		}
		f := inboxFile{path: filepath.Join(dir, name), mod: info.ModTime()}
		f.period, f.named = PeriodInName(k, name)
		if !f.named {
			f.period = exportedFor(k, f.mod.In(loc))
		}
		out = append(out, f)
	}
	return out, nil
}

// pick returns the newest file for p: one naming p, else one naming no
// period whose modification time falls in p's export window.
func pick(files []inboxFile, p report.Period) (inboxFile, bool) {
	var best inboxFile
	found := false
	for _, named := range []bool{true, false} {
		for _, f := range files {
			if f.named == named && f.period == p && (!found || f.mod.After(best.mod)) {
				best, found = f, true
			}
		}
		if found {
			return best, true
		}
	}
	return best, false
}

func fetchInbox(dir string, p report.Period, loc *time.Location) (string, []byte, error) {
	files, err := scanInbox(dir, p.Kind, loc)
	if err != nil {
		return "", nil, err
	}
	f, ok := pick(files, p)
	if !ok {
		return "", nil, &NotYetError{Period: p, Where: dir}
	}
	data, err := readLimited(f.path)
	if err != nil {
		return "", nil, err
	}
	return filepath.Base(f.path), data, nil
}

func latestInbox(dir string, k report.Kind, loc *time.Location, now time.Time) (report.Period, error) {
	files, err := scanInbox(dir, k, loc)
	if err != nil {
		return report.Period{}, err
	}
	var best report.Period
	for _, f := range files {
		if best.IsZero() || best.Before(f.period) {
			best = f.period
		}
	}
	if best.IsZero() {
		return best, &NotYetError{Period: k.Of(now), Where: dir}
	}
	return best, nil
}

// latestFile lists the files the pattern matches and returns the newest
// period of kind k among them.
func latestFile(pattern string, k report.Kind, now time.Time) (report.Period, error) {
	re, err := patternRegexp(pattern, k)
	if err != nil {
		return report.Period{}, err
	}
	paths, err := filepath.Glob(globOf(pattern))
	if err != nil {
		return report.Period{}, fmt.Errorf("source.file 的路径模式无效：%s", pattern)
	}
	var best report.Period
	for _, path := range paths {
		m := re.FindStringSubmatch(filepath.ToSlash(path))
		if m == nil {
			continue
		}
		fields := map[string]string{}
		for i, name := range re.SubexpNames() {
			if name != "" {
				fields[name] = m[i]
			}
		}
		p, ok := fieldsPeriod(k, fields)
		if !ok {
			continue
		}
		if best.IsZero() || best.Before(p) {
			best = p
		}
	}
	if best.IsZero() {
		return best, &NotYetError{Period: k.Of(now), Where: pattern}
	}
	return best, nil
}

// patternRegexp turns a path pattern into a regexp capturing its
// placeholders.
//
// A pattern without enough period placeholders gives a *NoPeriodPatternError.
func patternRegexp(pattern string, k report.Kind) (*regexp.Regexp, error) {
	quoted := regexp.QuoteMeta(filepath.ToSlash(pattern))
	used := map[string]bool{}
	for _, ph := range placeholders {
		tok := regexp.QuoteMeta("{{" + ph.name + "}}")
		first := true
		for strings.Contains(quoted, tok) {
			rep := `(?P<` + ph.name + `>` + ph.re + `)`
			if !first {
				rep = ph.re // a placeholder used twice is captured once
			}
			quoted = strings.Replace(quoted, tok, rep, 1)
			first = false
			used[ph.name] = true
		}
	}
	if need, ok := enoughFor(k, used); !ok {
		return nil, &NoPeriodPatternError{Pattern: pattern, Need: need}
	}
	return regexp.Compile("^" + quoted + "$")
}

// NoPeriodPatternError is returned when source.file has no period
// placeholder, so the newest period cannot be told: the caller must name
// the period.
type NoPeriodPatternError struct {
	Pattern string
	// Need names the placeholders the report's period kind needs, e.g.
	// "{{period}}（或 {{year}} 与 {{quarter}}）".
	Need string
}

func (e *NoPeriodPatternError) Error() string {
	return fmt.Sprintf("source.file %q 不含 %s：无法判断最新的期次，需要指明期次", e.Pattern, e.Need)
}
