package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// diffCommand is `bulletin diff REPORT PERIOD [V1 V2]`: what changed
// between two versions of a period (default: the one before the latest and
// the latest): the inputs that changed, the notice text difference, and
// every figure of the snapshot that changed.
func diffCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("diff", stderr)
	archiveDir := fs.String("archive", "archive", "档案库（git 仓库）")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 && len(pos) != 4 {
		return usageError{"用法: bulletin diff [--archive DIR] 报告编号 期间 [版本1 版本2]"}
	}
	id := pos[0]
	p, err := report.ParsePeriod(pos[1])
	if err != nil {
		return usageError{err.Error()}
	}
	a, err := archive.OpenExisting(*archiveDir)
	if err != nil {
		return err
	}
	var v1, v2 int
	if len(pos) == 4 {
		if v1, err = parseVersion(pos[2]); err != nil {
			return err
		}
		if v2, err = parseVersion(pos[3]); err != nil {
			return err
		}
	} else {
		latest, err := a.Version(id, p, 0)
		if err != nil {
			return err
		}
		v2 = latest.Manifest.Version
		if v2 < 2 {
			return fmt.Errorf("%s %s 只有第1版，没有可比较的版本", id, p)
		}
		v1 = v2 - 1
	}
	e1, err := a.Version(id, p, v1)
	if err != nil {
		return err
	}
	e2, err := a.Version(id, p, v2)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s %s：第%d版（%s）→ 第%d版（%s）\n", id, p, v1, shortHash(e1.Commit), v2, shortHash(e2.Commit))
	if e2.Manifest.Reason != "" {
		fmt.Fprintf(stdout, "重新印发原因：%s\n", e2.Manifest.Reason)
	}
	if changed := changedInputs(e1.Manifest.Inputs, e2.Manifest.Inputs); len(changed) > 0 {
		fmt.Fprintf(stdout, "有变化的输入：%s\n", strings.Join(changed, "、"))
	}

	read := func(v int, name string) (string, error) {
		data, _, err := a.ReadFile(id, p, v, name)
		return string(data), err
	}
	t1, err := read(v1, "notice.txt")
	if err != nil {
		return err
	}
	t2, err := read(v2, "notice.txt")
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\n通报正文（notice.txt）：")
	if d := archive.UnifiedDiff(fmt.Sprintf("v%d/notice.txt", v1), fmt.Sprintf("v%d/notice.txt", v2), t1, t2); d != "" {
		fmt.Fprint(stdout, d)
	} else {
		fmt.Fprintln(stdout, "（无变化）")
	}

	s1, err := read(v1, "snapshot.json")
	if err != nil {
		return err
	}
	s2, err := read(v2, "snapshot.json")
	if err != nil {
		return err
	}
	changes, err := figureChanges(s1, s2)
	if err != nil {
		return fmt.Errorf("比较 %s %s 的 snapshot.json: %w", id, p, err)
	}
	fmt.Fprintln(stdout, "\n数据变化（snapshot.json）：")
	for _, c := range changes {
		fmt.Fprintln(stdout, "  "+c)
	}
	fmt.Fprintf(stdout, "共 %d 项数据变化\n", len(changes))
	return nil
}

func changedInputs(a, b map[string]string) []string {
	var out []string
	for k, v := range b {
		if a[k] != v {
			out = append(out, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// figureChanges lists, unit by unit and column by column, every value that
// differs between two snapshots, plus units added or removed.
func figureChanges(oldJSON, newJSON string) ([]string, error) {
	var a, b snapshot.Snapshot
	if oldJSON != "" {
		if err := json.Unmarshal([]byte(oldJSON), &a); err != nil {
			return nil, err
		}
	}
	if newJSON != "" {
		if err := json.Unmarshal([]byte(newJSON), &b); err != nil {
			return nil, err
		}
	}
	cols := append([]string{}, b.Columns...)
	for _, c := range a.Columns {
		if !contains(cols, c) {
			cols = append(cols, c)
		}
	}
	var out []string
	compare := func(name string, ua, ub *snapshot.Unit) {
		for _, c := range cols {
			va, oka := ua.Values[c]
			vb, okb := ub.Values[c]
			if oka == okb && va.Num == vb.Num && va.NA == vb.NA && va.Text == vb.Text {
				continue
			}
			out = append(out, fmt.Sprintf("%s %s：%s → %s", name, c, figureText(va, oka), figureText(vb, okb)))
		}
	}
	for i := range b.Units {
		ub := &b.Units[i]
		ua := a.Unit(ub.Name)
		if ua == nil {
			out = append(out, fmt.Sprintf("%s：新增单位", ub.Name))
			continue
		}
		compare(ub.Name, ua, ub)
	}
	for _, ua := range a.Units {
		if b.Unit(ua.Name) == nil {
			out = append(out, fmt.Sprintf("%s：单位已删除", ua.Name))
		}
	}
	if a.Total != nil && b.Total != nil {
		compare("合计", a.Total, b.Total)
	}
	return out, nil
}

func figureText(v snapshot.Value, ok bool) string {
	switch {
	case !ok:
		return "（无）"
	case v.NA:
		return "/"
	case v.Text != "":
		return v.Text
	}
	return strconv.FormatFloat(v.Num, 'f', -1, 64)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
