// Command bulletin writes the quarterly 情况通报 of a report: it reads the
// period's indicator snapshot, computes the figures and their change against
// the previous period, fills the report's template, typesets the notice PDF
// to GB/T 9704-2012 with the ranking tables attached, and commits inputs and
// outputs to a git archive.
//
// Usage:
//
//	bulletin run      [--report DIR] [--period 2022Q3] [--snapshot FILE] [--archive DIR] [--dry-run] [--out DIR]
//	bulletin check    [--report DIR] [--snapshot FILE]
//	bulletin log      [--archive DIR] [--report ID]
//
// Exit status: 0 success; 1 bad input or a failed run (message on stderr);
// 2 bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// errUsage marks an error in how the command was called (exit status 2).
var errUsage = errors.New("usage")

// usageError is bad usage with a message for the user.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
func (e usageError) Unwrap() error { return errUsage }

const usage = `bulletin 生成季度情况通报（GB/T 9704-2012 公文格式 PDF）并存档。

用法:
  bulletin run      [--report DIR] [--period 2022Q3] [--snapshot FILE] [--archive DIR]
                    [--dry-run] [--out DIR] [--reason TEXT] [--date 2022-11-04] [--fonts DIR]
  bulletin check    [--report DIR] [--snapshot FILE]
  bulletin log      [--archive DIR] [--report ID]
  bulletin version

每个命令的选项: bulletin COMMAND -h
退出状态: 0 成功; 1 输入有误或运行失败; 2 用法错误。
`

// commands maps a subcommand to its implementation. Each parses its own
// flags, writes results to stdout and progress or problems to stderr.
var commands = map[string]func(args []string, stdout, stderr io.Writer) error{
	"run":   runCommand,
	"check": checkCommand,
	"version": func(args []string, stdout, stderr io.Writer) error {
		fmt.Fprintln(stdout, "bulletin", version())
		return nil
	},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status. Only main
// calls os.Exit.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "bulletin: 未知命令 %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "bulletin %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "bulletin %s: 错误:\n%v\n", args[0], err)
		return 1
	}
}

// newFlags returns a flag set whose parse errors are usage errors.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("bulletin "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args and refuses leftover arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("多余的参数 %q", fs.Args())}
	}
	return nil
}
