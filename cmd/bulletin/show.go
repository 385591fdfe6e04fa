package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// showCommand is `bulletin show REPORT PERIOD [FILE]`: write one archived
// file of any version to stdout (or --out), or without FILE list the
// version's files.
func showCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("show", stderr)
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（git 仓库）")
	version := fs.String("version", "", "`版本`号，如 1 或 v1；默认为最新版本")
	out := fs.String("out", "", "把文件写到这个`路径`，而不是标准输出")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 || len(pos) > 3 {
		return usageError{"应给出报告编号和期次。" + usageOf("show")}
	}
	p, err := report.ParsePeriod(pos[1])
	if err != nil {
		return usageError{err.Error()}
	}
	v, err := parseVersion(*version)
	if err != nil {
		return err
	}
	a, err := archive.OpenExisting(*archiveDir)
	if err != nil {
		return err
	}
	defer a.Close()
	// One view: the version, its files and its deliveries are read from
	// the same commit while another run may be writing.
	view, err := a.View()
	if err != nil {
		return err
	}
	if len(pos) == 2 {
		stdout := printable(stdout)
		e, err := view.Version(pos[0], p, v)
		if err != nil {
			return err
		}
		files, err := view.Files(pos[0], p, v)
		if err != nil {
			return err
		}
		m := e.Manifest
		fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\t提交 %s\n", e.Tag, statusWords(m), m.DocNumber, m.Title, shortHash(e.Commit))
		showState(stdout, m)
		showDeliveries(stdout, view, pos[0], p, m.Version)
		for _, f := range files {
			fmt.Fprintf(stdout, "%s\t%d\n", f.Name, f.Size)
		}
		return nil
	}
	data, ok, err := view.ReadFile(pos[0], p, v, pos[2])
	if err != nil {
		return err
	}
	if !ok {
		files, _ := view.Files(pos[0], p, v)
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
		}
		return fmt.Errorf("%s %s 的这一版本中没有文件 %s；有：%s", pos[0], p, pos[2], strings.Join(names, "、"))
	}
	if *out != "" {
		if err := archive.CheckOutside(*archiveDir, *out); err != nil {
			return err
		}
		// Written beside and renamed into place: a full disk leaves
		// what was at --out before, never part of the file.
		if err := archive.WriteFileOut(*out, data); err != nil {
			return fmt.Errorf("写入 %s 未完成，原有文件未被改动：%w", *out, err)
		}
		fmt.Fprintln(stderr, "已写出", *out)
		return nil
	}
	_, err = stdout.Write(data)
	return err
}

// parseArgs parses flags that may come before, between or after the
// positional arguments (`show R 2022Q3 --version 1 notice.txt`) and
// returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseVersion reads "2" or "v2"; "" is 0, the latest.
func parseVersion(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(strings.ToLower(s), "v"))
	if err != nil || n < 1 {
		return 0, usageError{fmt.Sprintf("版本 %q 应为 1、2 或 v1、v2 这样的版本号", s)}
	}
	return n, nil
}

// showState prints a version's approval, rejection and signed copy.
func showState(w io.Writer, m archive.Manifest) {
	if a := m.Approval; a != nil {
		fmt.Fprintf(w, "签发人：%s（%s）\n", a.By, a.At.Format("2006-01-02 15:04"))
	}
	if r := m.Rejection; r != nil {
		fmt.Fprintf(w, "退回原因：%s\n", r.Reason)
	}
	if s := m.Signed; s != nil {
		how := "在档案库中签名"
		if s.Source == "attach" {
			how = "外部用印后存入"
		}
		fmt.Fprintf(w, "用印件：%s（%s，%s，SHA-256 %s）\n", s.File, how, s.At.Format("2006-01-02 15:04"), s.SHA256)
	}
}

// showDeliveries summarises the notifications sent about the version.
func showDeliveries(w io.Writer, v *archive.View, id string, p report.Period, version int) {
	recs, err := pipeline.Deliveries(v, id, p)
	if err != nil {
		return
	}
	for _, r := range recs {
		if r.Version != version {
			continue
		}
		result := r.Result
		if r.OK {
			result = "已送达"
		}
		fmt.Fprintf(w, "通知：%s %s %s（%s）%s\n", r.At.Format("2006-01-02 15:04"), wording.Event(r.Event), r.To, r.Channel, result)
	}
}
