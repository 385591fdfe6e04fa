// Command bulletin writes the quarterly 情况通报 of a report: it reads the
// period's indicator snapshot, computes the figures and their change against
// the previous period, fills the report's template, typesets the notice PDF
// to GB/T 9704-2012 with the ranking tables attached, and commits inputs and
// outputs to a git archive.
//
// Usage:
//
//	bulletin run      [--report DIR] [--period 2022Q3] [--snapshot FILE] [--archive DIR] [--dry-run] [--out DIR]
//	bulletin check    [--report DIR] [--period 2022Q3] [--snapshot FILE] [--archive DIR]
//	bulletin import   [--report DIR] [--period 2022Q2] [--archive DIR] FILE
//	bulletin log      [--archive DIR] [--report ID]
//	bulletin show     [--archive DIR] [--version N] [--out PATH] REPORT PERIOD [FILE]
//	bulletin diff     [--archive DIR] REPORT PERIOD [V1 V2]
//	bulletin schedule [--reports DIR] [--archive DIR] [--list]
//	bulletin approve  [--archive DIR] --by 签发人 [--doc-number TEXT] REPORT PERIOD
//	bulletin reject   [--archive DIR] --reason TEXT REPORT PERIOD
//	bulletin sign     --in notice.pdf --out signed.pdf --cert CERT.pem --key KEY.pem [--seal seal.png]
//	bulletin sign     [--archive DIR] --cert CERT.pem --key KEY.pem [--seal seal.png] REPORT PERIOD
//	bulletin attach-signed [--archive DIR] REPORT PERIOD FILE
//	bulletin serve    [--archive DIR] [--listen 127.0.0.1:8080]
//	bulletin version
//
// What users read is Chinese: `bulletin -h` and `bulletin COMMAND -h` are
// printed from the helps table (usage.go) and each flag's description;
// the flag package's own messages and the operating system's are worded
// in Chinese once, in explain.go; the service's log records carry a
// Chinese msg beside a stable English event (logzh.go).
//
// Exit status: 0 success; 1 bad input or a failed run (message on stderr);
// 2 bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
)

// errUsage marks an error in how the command was called (exit status 2).
var errUsage = errors.New("usage")

// usageError is bad usage with a message for the user.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
func (e usageError) Unwrap() error { return errUsage }

// commands maps a subcommand to its implementation. Each parses its own
// flags, writes results to stdout and progress or problems to stderr.
var commands = map[string]func(args []string, stdout, stderr io.Writer) error{
	"run":      runCommand,
	"check":    checkCommand,
	"import":   importCommand,
	"log":      logCommand,
	"show":     showCommand,
	"diff":     diffCommand,
	"schedule": scheduleCommand,
	"sign":     signCommand,
	"approve":  approveCommand,
	"reject":   rejectCommand,

	"attach-signed": attachSignedCommand,
	"serve":         serveCommand,
	"version":       versionCommand,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status. Only main
// calls os.Exit.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "bulletin：没有 %q 这个命令\n\n", args[0])
		printUsage(stderr)
		return 2
	}
	version() // the manifest records the program version
	if args[0] != "schedule" && args[0] != "serve" {
		pipeline.LimitMemory() // one issuance at most: see pipeline.MemoryLimit
	}
	// Nothing bulletin prints may carry a terminal escape: names and
	// reasons come from exports, report.yaml and older archives. Only the
	// file data `show` writes to stdout passes unchanged.
	stderr = printable(stderr)
	if args[0] != "show" {
		stdout = printable(stdout)
	}
	// The stages log only what needs attention (a stale lock taken over,
	// a repaired archive, a failed push attempt); the schedule command
	// installs its own logger.
	slog.SetDefault(slog.New(newNoteHandler(stderr)))
	err := withFlags(cmd(args[1:], stdout, stderr))
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		msg := err.Error()
		if isFlagMessage(msg) {
			msg = flagError(args[0], errors.New(msg)).Error()
		}
		fmt.Fprintf(stderr, "bulletin %s：%s\n", args[0], msg)
		return 2
	default:
		fmt.Fprintf(stderr, "bulletin %s：错误：\n%s\n", args[0], explain(err))
		return 1
	}
}

// parse parses args and refuses leftover arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("多余的参数 %q：这个命令不接受选项以外的参数，用 %s -h 查看用法", fs.Args(), fs.Name())}
	}
	return nil
}
