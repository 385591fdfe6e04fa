package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode"

	"github.com/bulletin-gov/bulletin/internal/archive"
)

// Everything a user reads is Chinese: the help of every command and
// what a corpus of failures prints. notChinese returns the lines of out
// that carry no Chinese once what may be any language is taken out:
// quoted values, paths and file names, flag names, numbers, the original
// message a Chinese sentence quotes in full-width parentheses, and the
// program's and commands' names. A line with nothing left (a path printed
// as a result) is fine. It also returns the lines with a half-width
// colon or semicolon before or after Chinese text (one separator style).
func notChinese(out string) (english, separators []string) {
	for _, line := range strings.Split(out, "\n") {
		rest := stripValues(line)
		if strings.IndexFunc(rest, unicode.IsLetter) >= 0 && !strings.ContainsFunc(rest, isHan) {
			english = append(english, line)
		}
		if halfWidthSeparator.MatchString(stripQuoted(line)) {
			separators = append(separators, line)
		}
	}
	return english, separators
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

var (
	quoted   = regexp.MustCompile(`"(\\.|[^"\\])*"|“[^”]*”|「[^」]*」|` + "`[^`]*`")
	original = regexp.MustCompile(`（[^（）]*(（[^（）]*）[^（）]*)*）`)
	pathLike = regexp.MustCompile(`\S*[/\\]\S*|\S+\.[A-Za-z][A-Za-z0-9]*\b|\b[a-z]+(_[a-z]+)*\.[a-z_.]+\b`)
	flagName = regexp.MustCompile(`--?[a-z][a-z-]*`)
	number   = regexp.MustCompile(`[0-9]+`)
	progName = regexp.MustCompile(`\bbulletin( [a-z]+)?\b`)

	halfWidthSeparator = regexp.MustCompile(`\p{Han}[:;] |[:;] \p{Han}`)
)

// stripValues takes out of line what may be in any language.
func stripValues(line string) string {
	for _, re := range []*regexp.Regexp{quoted, original, pathLike, progName, flagName, number} {
		line = re.ReplaceAllString(line, " ")
	}
	return line
}

// stripQuoted takes out quoted values and quoted originals, where a
// half-width colon is someone else's.
func stripQuoted(line string) string {
	return original.ReplaceAllString(quoted.ReplaceAllString(line, " "), " ")
}

func TestCheckerItself(t *testing.T) {
	for _, line := range []string{
		"bulletin run：没有选项 --nope：用 bulletin run -h 查看全部选项（flag provided but not defined: -nope）",
		"无法读取文件 2022Q3.xlsx：没有权限（open /a/2022Q3.xlsx: permission denied）",
		"archive/hengyang-county/2022Q3/notice.pdf",
		"  --report 文件夹",
		"bulletin version",
	} {
		if e, s := notChinese(line); len(e)+len(s) > 0 {
			t.Errorf("%q taken for English or a bad separator", line)
		}
	}
	for _, line := range []string{
		"Usage of bulletin run:",
		"flag provided but not defined: -nope",
		"open /a/2022Q3.xlsx: permission denied",
		"  -report string",
		"time=… level=INFO msg=issued report=a",
	} {
		if e, _ := notChinese(line); len(e) == 0 {
			t.Errorf("%q passed for Chinese", line)
		}
	}
	if _, s := notChinese("读取数据文件: 找不到"); len(s) == 0 {
		t.Error("a half-width colon after Chinese text passed")
	}
}

// TestEveryHelpIsChinese runs `bulletin -h` and `bulletin COMMAND -h` for
// every command of main.go's table, so that a new command is covered
// without editing this test.
func TestEveryHelpIsChinese(t *testing.T) {
	cases := [][]string{{"-h"}, {"help"}, {}, {"frobnicate"}}
	for name := range commands {
		cases = append(cases, []string{name, "-h"}, []string{name, "--help"})
		if _, ok := helpOf(name); !ok {
			t.Errorf("command %s has no entry in helps (usage.go): bulletin -h does not say what it does", name)
		}
	}
	for _, args := range cases {
		r := bulletin(t, args...)
		out := r.stdout + r.stderr
		if strings.TrimSpace(out) == "" {
			t.Errorf("bulletin %s prints nothing", strings.Join(args, " "))
		}
		assertChinese(t, args, out)
		if len(args) == 2 && args[1] == "-h" {
			if r.code != 0 {
				t.Errorf("bulletin %s -h: exit %d", args[0], r.code)
			}
			if !strings.HasPrefix(r.stderr, "用法：bulletin "+args[0]) {
				t.Errorf("bulletin %s -h does not start with its usage:\n%s", args[0], r.stderr)
			}
			for _, english := range []string{"Usage of", "(default", "\n  -h", "\n  -r"} {
				if strings.Contains(r.stderr, english) {
					t.Errorf("bulletin %s -h prints the flag package's %q:\n%s", args[0], english, r.stderr)
				}
			}
		}
	}
	top := bulletin(t, "-h").stderr
	for name := range commands {
		if !strings.Contains(top, "bulletin "+name) {
			t.Errorf("bulletin -h does not list %s", name)
		}
	}
}

func assertChinese(t *testing.T, args []string, out string) {
	t.Helper()
	english, separators := notChinese(out)
	for _, l := range english {
		t.Errorf("bulletin %s: a line without Chinese:\n  %s\nall output:\n%s", strings.Join(args, " "), l, out)
	}
	for _, l := range separators {
		t.Errorf("bulletin %s: a half-width separator next to Chinese text:\n  %s", strings.Join(args, " "), l)
	}
}

// closedPort returns an address on 127.0.0.1 where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestFailuresAreChinese runs a corpus of failures and asserts that every
// line printed carries Chinese, and the exit status.
//
// An unreadable file: the tests may run as root, whom chmod 000 does not
// stop, so a folder stands where a file is expected (the read fails
// with EISDIR as a permission error would, through the same path); when
// not root, a chmod 000 file is tried as well.
func TestFailuresAreChinese(t *testing.T) {
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "没有这个文件夹", "2022Q3.xlsx")
	folder := filepath.Join(tmp, "dir", "2022Q3.xlsx")
	os.MkdirAll(folder, 0o755)
	arch := filepath.Join(tmp, "archive")

	// a report whose template has a syntax error
	badTmpl := copyReport(t)
	os.WriteFile(filepath.Join(badTmpl, "bad.tmpl"), []byte("---\n标题: x\n---\n{{if .HasPrev}}上升{{else}}\n正文 {{ .Period.Label \n"), 0o644)
	editFile(t, filepath.Join(badTmpl, "report.yaml"), "template: tongbao.tmpl", "template: bad.tmpl")

	// a report fetched from a port where nothing listens
	netReport := copyReport(t)
	editFile(t, filepath.Join(netReport, "report.yaml"), "  file: data/{{period}}.xlsx\n",
		"  url: http://"+closedPort(t)+"/export/{{period}}.xlsx?token=secret\n  retries: 1\n  backoff: 10ms\n  timeout: 2s\n")

	// a report.yaml that is a folder
	yamlDir := filepath.Join(tmp, "yamldir")
	os.MkdirAll(filepath.Join(yamlDir, "report.yaml"), 0o755)

	// an archive busy with another writer
	busy := filepath.Join(tmp, "busy")
	if r := bulletin(t, "import", "--report", sampleReport, "--archive", busy, filepath.Join(sampleReport, "data", "2022Q2.xlsx")); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	a, err := archive.OpenExisting(busy)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := a.Lock("hengyang-county 2022Q3")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()

	cases := []struct {
		name string
		code int
		args []string
	}{
		{"missing file", 1, []string{"run", "--report", sampleReport, "--archive", arch, "--snapshot", missing}},
		{"missing file, check", 1, []string{"check", "--report", sampleReport, "--snapshot", missing}},
		{"missing file, import", 1, []string{"import", "--report", sampleReport, "--archive", arch, missing}},
		{"missing report", 1, []string{"check", "--report", filepath.Join(tmp, "无此报告")}},
		{"missing reports", 1, []string{"schedule", "--reports", filepath.Join(tmp, "无此报告"), "--list"}},
		{"missing archive", 1, []string{"log", "--archive", filepath.Join(tmp, "无此档案库")}},
		{"missing archive, show", 1, []string{"show", "--archive", filepath.Join(tmp, "无此档案库"), "hengyang-county", "2022Q3"}},
		{"missing pdf", 1, []string{"sign", "--in", missing + ".pdf", "--out", filepath.Join(tmp, "o.pdf"), "--cert", missing, "--key", missing}},
		{"folder for a file", 1, []string{"check", "--report", sampleReport, "--snapshot", folder}},
		{"folder for a file, import", 1, []string{"import", "--report", sampleReport, "--archive", arch, folder}},
		{"folder for report.yaml", 1, []string{"check", "--report", yamlDir}},
		{"folder for a pdf", 1, []string{"sign", "--in", folder, "--out", filepath.Join(tmp, "o.pdf"), "--cert", folder, "--key", folder}},
		{"bad flag", 2, []string{"run", "--nope"}},
		{"bad flag value", 2, []string{"schedule", "--next", "x"}},
		{"bad bool", 2, []string{"run", "--dry-run=maybe"}},
		{"flag without value", 2, []string{"run", "--period"}},
		{"extra argument", 2, []string{"run", "extra"}},
		{"too few arguments", 2, []string{"show", "hengyang-county"}},
		{"bad log format", 2, []string{"schedule", "--log-format", "xml"}},
		{"bad version", 2, []string{"show", "--version", "x", "hengyang-county", "2022Q3"}},
		{"bad date", 2, []string{"run", "--date", "2022-13-45"}},
		{"bad period", 2, []string{"run", "--report", sampleReport, "--period", "2022Q5"}},
		{"bad period, show", 2, []string{"show", "--archive", arch, "hengyang-county", "2022Q9"}},
		{"bad template", 1, []string{"check", "--report", badTmpl}},
		{"bad template, run", 1, []string{"run", "--report", badTmpl, "--archive", arch}},
		{"network error", 1, []string{"run", "--report", netReport, "--archive", arch, "--period", "2022Q3"}},
		{"archive busy", 1, []string{"run", "--report", sampleReport, "--archive", busy, "--date", "2022-11-04"}},
		{"archive busy, import", 1, []string{"import", "--report", sampleReport, "--archive", busy, "--reason", "更正", filepath.Join(sampleReport, "data", "2022Q3.xlsx")}},
	}
	if os.Geteuid() != 0 {
		locked := filepath.Join(tmp, "locked", "2022Q3.xlsx")
		os.MkdirAll(filepath.Dir(locked), 0o755)
		os.WriteFile(locked, []byte("x"), 0o000)
		cases = append(cases, struct {
			name string
			code int
			args []string
		}{"unreadable file", 1, []string{"check", "--report", sampleReport, "--snapshot", locked}})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := bulletin(t, c.args...)
			t.Logf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			if r.code != c.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, c.code, r.stdout, r.stderr)
			}
			assertChinese(t, c.args, r.stdout+r.stderr)
			if strings.Contains(r.stderr, "secret") {
				t.Errorf("the address's token is printed:\n%s", r.stderr)
			}
		})
	}
}

// TestExplainWordsOSErrors: the raw causes the corpus cannot provoke on
// every machine (a full disk, a read-only file system, a refused
// connection) are said in Chinese with the original in parentheses.
func TestExplainWordsOSErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "write", Path: "archive/x", Err: syscall.ENOSPC}, "无法写入 archive/x：磁盘空间已满，请清理磁盘后重试（write archive/x: no space left on device）"},
		{&fs.PathError{Op: "open", Path: "2022Q3.xlsx", Err: fs.ErrPermission}, "无法打开 2022Q3.xlsx：没有权限"},
		{fmt.Errorf("读取数据文件: %w", &fs.PathError{Op: "open", Path: "a.xlsx", Err: fs.ErrNotExist}), "读取数据文件：文件或文件夹不存在，请检查路径和文件名（open a.xlsx: file does not exist）"},
		{errors.New("report.yaml: 第 3 行：这里应为若干“名称: 值”; 可用: a"), "report.yaml：第 3 行：这里应为若干“名称: 值”；可用：a"},
		{&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, "网络连接失败：连接被拒绝"},
		// a library that put the cause into its message as text
		{errors.New("读取数据文件：2022Q3.xlsx: 无法打开文件：open /d/2022Q3.xlsx: permission denied"),
			"读取数据文件：2022Q3.xlsx：无法打开文件：没有权限，请检查文件和文件夹的权限，或换一个有权限的用户运行（open /d/2022Q3.xlsx: permission denied）"},
	} {
		got := explain(c.err)
		if !strings.Contains(got, c.want) {
			t.Errorf("explain(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

// TestLogMessagesAreWorded: every message the stages and the service log
// (a string literal as the first argument of an slog call) is either
// Chinese or worded in logMessages, so that the service's msg is always
// Chinese.
func TestLogMessagesAreWorded(t *testing.T) {
	fset := token.NewFileSet()
	levels := map[string]bool{"Info": true, "Warn": true, "Error": true, "Debug": true}
	var files []string
	for _, root := range []string{"../../internal", "."} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
				files = append(files, path)
			}
			return nil
		})
	}
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !levels[strings.TrimSuffix(sel.Sel.Name, "Context")] {
				return true
			}
			arg := call.Args[0]
			if strings.HasSuffix(sel.Sel.Name, "Context") && len(call.Args) > 1 {
				arg = call.Args[1]
			}
			lit, ok := arg.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			msg, _ := strconv.Unquote(lit.Value)
			if zh, _ := zhLog(msg); !strings.ContainsFunc(zh, isHan) {
				t.Errorf("%s: log message %q is neither Chinese nor in logMessages (cmd/bulletin/logzh.go)", fset.Position(lit.Pos()), msg)
			}
			return true
		})
	}
}

// TestOutputsAreChinese: what the commands print when things go right
// (progress, notes, warnings, results) carries Chinese on every line too,
// on the three bundled reports.
func TestOutputsAreChinese(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	out := t.TempDir()
	for _, args := range [][]string{
		{"check", "--report", sampleReport, "--archive", arch},
		{"check", "--report", onlineReport, "--archive", arch},
		{"check", "--report", monthlyReport, "--archive", arch},
		{"run", "--report", monthlyReport, "--archive", arch, "--dry-run", "--out", out, "--date", "2022-11-07"},
		{"import", "--report", sampleReport, "--archive", arch, filepath.Join(sampleReport, "data", "2022Q2.xlsx")},
		{"run", "--report", sampleReport, "--archive", arch, "--date", "2022-11-04"},
		{"run", "--report", sampleReport, "--archive", arch, "--date", "2022-11-06", "--reason", "成文日期更正"},
		{"run", "--report", sampleReport, "--archive", arch, "--date", "2022-11-06", "--reason", "成文日期更正"},
		{"log", "--archive", arch},
		{"show", "--archive", arch, "hengyang-county", "2022Q3"},
		{"diff", "--archive", arch, "hengyang-county", "2022Q3"},
		{"schedule", "--reports", "../../reports", "--list"},
	} {
		r := bulletin(t, args...)
		if r.code != 0 {
			t.Errorf("bulletin %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
			continue
		}
		assertChinese(t, args, r.stderr)
		if args[0] != "diff" { // diff prints the notice text's lines as they are
			assertChinese(t, args, r.stdout)
		}
	}
}
