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

const usage = `bulletin 生成情况通报（按季度、月、半年、年或截至日期；GB/T 9704-2012 公文格式 PDF）并存档。

用法:
  bulletin run      [--report DIR] [--period 2022Q3] [--snapshot FILE] [--archive DIR]
                    [--dry-run] [--out DIR] [--reason TEXT] [--date 2022-11-04] [--fonts DIR]
                    印发一期通报：PDF、排名表、存档提交
  bulletin check    [--report DIR] [--period 2022Q3] [--snapshot FILE] [--archive DIR]
                    [--reason TEXT] [--date 2022-11-04] [--fonts DIR]
                    检查报告定义、模板和数据，列出全部问题，并说明 run 现在会做什么（不印发）
  bulletin import   [--report DIR] [--period 2022Q2] [--archive DIR] [--reason TEXT] FILE [FILE…]
                    把往期数据存入档案（不印发），供下一期比较
  bulletin log      [--archive DIR] [--report ID]
                    列出档案中每一版通报
  bulletin show     [--archive DIR] [--version N] [--out PATH] REPORT PERIOD [FILE]
                    列出或取出某一版的文件
  bulletin diff     [--archive DIR] REPORT PERIOD [V1 V2]
                    比较同一期的两个版本：输入、正文、数据
  bulletin schedule [--reports DIR] [--archive DIR] [--list] [--next N]
                    定时服务：按各报告的 schedule.cron 印发到期的通报
  bulletin approve  [--archive DIR] --by 签发人 [--doc-number 发文字号] 报告 期间
                    签发送审稿：按发文登记簿编号，印发正式通报
  bulletin reject   [--archive DIR] --reason 原因 [--by 姓名] 报告 期间
                    退回送审稿；下次运行生成新的送审稿
  bulletin sign     --in notice.pdf --out signed.pdf --cert CERT.pem --key KEY.pem [--seal seal.png]
  bulletin sign     [--archive DIR] --cert CERT.pem --key KEY.pem [--seal seal.png] 报告 期间
                    在通报的签名域中加数字签名和印章图片；指定报告和期间时存入档案（已用印）
  bulletin attach-signed [--archive DIR] 报告 期间 用印件.pdf|.ofd
                    把在别处盖章、签名的用印件存入档案
  bulletin serve    [--archive DIR] [--listen 127.0.0.1:8080] [--token-file FILE | --users FILE]
                    在网页上查阅档案（只读）：目录、各版本、比较、历期趋势、搜索
  bulletin version

每个命令的选项: bulletin COMMAND -h
退出状态: 0 成功; 1 输入有误或运行失败; 2 用法错误。
`

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
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	err := withFlags(cmd(args[1:], stdout, stderr))
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
