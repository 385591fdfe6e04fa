package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// help is what `bulletin -h` and `bulletin COMMAND -h` say about a
// command: its arguments (flags and positional arguments, as typed) and
// what it does, in Chinese. A command in the commands table without an
// entry here is listed with its name only (and a test fails).
type help struct {
	args string // after "bulletin NAME"; alternatives on lines of their own
	what string // one line
}

// helps holds every command's help, in the order `bulletin -h` lists them.
var helps = []struct {
	name string
	help
}{
	{"run", help{"[--report 文件夹] [--period 期次] [--snapshot 文件] [--archive 文件夹] [--dry-run] [--out 文件夹] [--reason 原因] [--date 2022-11-04] [--fonts 文件夹]",
		"印发一期通报（期次如 2022Q3 季度、2022-10 月、2022H2 半年、2022 年、2021-11-04 截至日期）：生成通报 PDF 和排名表，并提交到档案库"}},
	{"check", help{"[--report 文件夹] [--period 期次] [--snapshot 文件] [--archive 文件夹] [--reason 原因] [--date 2022-11-04] [--fonts 文件夹]",
		"检查报告定义、模板和数据，一次列出全部问题，并说明 run 现在会做什么（不印发）"}},
	{"import", help{"[--report 文件夹] [--period 期次] [--archive 文件夹] [--reason 原因] 数据文件 [其他数据集的数据文件…]",
		"把往期数据存入档案库（不印发），供下一期比较"}},
	{"log", help{"[--archive 文件夹] [--report 报告编号]",
		"列出档案库中每一版通报，最新的在前"}},
	{"show", help{"[--archive 文件夹] [--version 版本] [--out 路径] 报告编号 期次 [文件名]",
		"列出某一版的文件，或取出其中一个文件"}},
	{"diff", help{"[--archive 文件夹] 报告编号 期次 [版本1 版本2]",
		"比较同一期次的两个版本：输入、正文、数据"}},
	{"schedule", help{"[--reports 文件夹] [--archive 文件夹] [--list] [--next 次数] [--log-format text|json] [--log-level info] [--fonts 文件夹]",
		"定时服务：按各报告的 schedule.cron 印发到期的通报"}},
	{"approve", help{"[--reports 文件夹] [--archive 文件夹] [--fonts 文件夹] --by 签发人 [--doc-number 发文字号] 报告编号 期次",
		"签发送审稿：按发文登记簿编号，作为同一版本印发正式通报"}},
	{"reject", help{"[--archive 文件夹] --reason 原因 [--by 姓名] 报告编号 期次",
		"退回送审稿（已撤回）；下次运行 run 生成新的送审稿"}},
	{"sign", help{"[--archive 文件夹] --cert 证书.pem --key 私钥.pem [--seal 印章.png] 报告编号 期次\n--in notice.pdf --out signed.pdf --cert 证书.pem --key 私钥.pem [--seal 印章.png] [--field 名称] [--reason 原因] [--location 地点]",
		"用印：在通报的签名域中加数字签名和印章图片；给出报告和期次时签档案库中的最新版本并存为用印件（已用印），给出 --in 和 --out 时签一个文件（原文件不变）"}},
	{"attach-signed", help{"[--archive 文件夹] 报告编号 期次 用印件.pdf|.ofd",
		"把在别处盖章、签名的用印件存入档案库，作为最新版本的用印件"}},
	{"serve", help{"[--archive 文件夹] [--listen 127.0.0.1:8080] [--token-file 文件 | --users 文件] [--refresh 2s]",
		"在网页上查阅档案库（只读）：目录、各版本、比较、历期趋势、搜索"}},
	{"version", help{"", "显示程序版本"}},
}

// helpOf returns the help of command name.
func helpOf(name string) (help, bool) {
	for _, h := range helps {
		if h.name == name {
			return h.help, true
		}
	}
	return help{}, false
}

// forms are the ways command name is typed, one for each line of h.args:
// "bulletin NAME ARGS".
func (h help) forms(name string) []string {
	var out []string
	for _, args := range strings.Split(h.args, "\n") {
		out = append(out, strings.TrimSpace("bulletin "+name+" "+args))
	}
	return out
}

// usageOf is command name's usage in one message: "用法：bulletin NAME
// ARGS", further forms on lines of their own.
func usageOf(name string) string {
	h, _ := helpOf(name)
	return "用法：" + strings.Join(h.forms(name), "\n  或：")
}

// commandNames returns the commands of the table: those with help in
// helps' order, then any others by name.
func commandNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, h := range helps {
		if _, ok := commands[h.name]; ok {
			names = append(names, h.name)
			seen[h.name] = true
		}
	}
	var rest []string
	for name := range commands {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}

// printUsage writes `bulletin -h`.
func printUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("bulletin：生成情况通报（GB/T 9704-2012 公文格式 PDF），并存入档案库。\n\n用法：\n")
	for _, name := range commandNames() {
		h, _ := helpOf(name)
		for _, form := range h.forms(name) {
			fmt.Fprintf(&b, "  %s\n", form)
		}
		if h.what != "" {
			fmt.Fprintf(&b, "      %s\n", h.what)
		}
	}
	b.WriteString("\n每个命令的选项：bulletin 命令 -h（如 bulletin run -h）\n")
	b.WriteString("退出状态：0 成功；1 输入有误或运行失败；2 用法错误。\n")
	b.WriteString("使用说明：docs/zh/README.md\n")
	io.WriteString(w, b.String())
}

// flagOutput is a flag set's output: the flag package's own English
// messages written to it are dropped (the error it returns is worded by
// flagError); the help goes to w. The flag package writes its message
// just before calling Usage on an error, so failed tells Usage whether
// it is called for -h or for a mistake.
type flagOutput struct {
	w      io.Writer
	failed bool
}

func (o *flagOutput) Write(p []byte) (int, error) {
	o.failed = true
	return len(p), nil
}

// newFlags returns a flag set for command name whose help (-h) is
// printed in Chinese and whose parse errors are worded in Chinese by
// parse, parseArgs and run.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("bulletin "+name, flag.ContinueOnError)
	out := &flagOutput{w: stderr}
	fs.SetOutput(out)
	fs.Usage = func() {
		if !out.failed {
			printFlagUsage(fs)
		}
		out.failed = false
	}
	return fs
}

// printFlagUsage writes `bulletin NAME -h` for fs.
func printFlagUsage(fs *flag.FlagSet) {
	w := fs.Output()
	if o, ok := w.(*flagOutput); ok {
		w = o.w
	}
	name := strings.TrimPrefix(fs.Name(), "bulletin ")
	h, _ := helpOf(name)
	var b strings.Builder
	b.WriteString(usageOf(name) + "\n")
	if h.what != "" {
		fmt.Fprintf(&b, "%s。\n", h.what)
	}
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			b.WriteString("\n选项：\n")
			first = false
		}
		arg, text := flag.UnquoteUsage(f)
		fmt.Fprintf(&b, "  --%s", f.Name)
		if arg != "" {
			fmt.Fprintf(&b, " %s", placeholder(arg))
		}
		fmt.Fprintf(&b, "\n        %s", text)
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			fmt.Fprintf(&b, "（默认：%s）", d)
		}
		b.WriteByte('\n')
	})
	io.WriteString(w, b.String())
}

// placeholder words the flag package's guess at a value's type.
func placeholder(arg string) string {
	switch arg {
	case "string":
		return "文本"
	case "int", "uint", "int64", "uint64":
		return "整数"
	case "float":
		return "数值"
	case "duration":
		return "时长"
	case "value":
		return "值"
	}
	return arg
}

// flagMessages are the flag package's parse errors and their Chinese
// wording; %[1]s is the first captured part, %[2]s the second.
var flagMessages = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "没有选项 --%[1]s"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "选项 --%[1]s 后面需要一个值"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "选项 %[1]s 写法有误，应为 --名称 或 --名称 值"},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -+([^:]*): .*$`), "选项 --%[2]s 的值 %[1]q 应为 true 或 false"},
	{regexp.MustCompile(`^invalid boolean flag (.*): .*$`), "选项 --%[1]s 的值应为 true 或 false"},
	{regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]*): .*$`), "选项 --%[2]s 的值 %[1]q 无效"},
}

// flagError words a flag parse error for command name in Chinese, the
// original kept in parentheses, as a usage error.
func flagError(name string, err error) error {
	msg := err.Error()
	for _, m := range flagMessages {
		if s := m.re.FindStringSubmatch(msg); s != nil {
			args := make([]any, len(s)-1)
			for i := range args {
				args[i] = s[i+1]
			}
			return usageError{fmt.Sprintf(m.zh, args...) + fmt.Sprintf("：用 bulletin %s -h 查看全部选项（%s）", name, msg)}
		}
	}
	return usageError{fmt.Sprintf("选项有误：用 bulletin %s -h 查看全部选项（%s）", name, msg)}
}

// parseFlags parses args with fs (-h prints the command's help and
// returns flag.ErrHelp); a mistake is a Chinese usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return flagError(strings.TrimPrefix(fs.Name(), "bulletin "), err)
}

// isFlagMessage reports whether msg is one of the flag package's own
// (English) parse errors.
func isFlagMessage(msg string) bool {
	for _, m := range flagMessages {
		if m.re.MatchString(msg) {
			return true
		}
	}
	return false
}
