package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("读取 %s：%w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s 是文件夹，不是导出文件", path)
	}
	if st.Size() > MaxSize {
		return nil, fmt.Errorf("%s 过大（%d MB），不像是统计表导出文件", path, st.Size()>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("读取 %s：%w", path, err)
	}
	return data, nil
}

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
		f.period, f.named = kindInName(k, name)
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
		return nil, fmt.Errorf("source.file %q 不含 %s：无法判断最新的期间，请用 --period 指定", pattern, need)
	}
	return regexp.Compile("^" + quoted + "$")
}
