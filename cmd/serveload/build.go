package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// build writes reports×quarters issuances into a new archive at dir
// through the archive's own Put, then packs it with `git gc` as a
// long-lived archive would be.
func build(dir string, reports, quarters int) error {
	// Real output files, once: the bundled sample issued in a dry run.
	def, err := report.Load("reports/hengyang-county")
	if err != nil {
		return fmt.Errorf("run serveload from the repository's root: %w", err)
	}
	out, err := os.MkdirTemp("", "serveload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	p3, _ := report.ParsePeriod("2022Q3")
	if _, err := pipeline.Issue(context.Background(), pipeline.Options{Report: def, Period: p3, DryRun: true, OutDir: out}); err != nil {
		return err
	}
	read := func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(out, name)) }
	pdf, err := read("notice.pdf")
	if err != nil {
		return err
	}
	xlsx, err := read("rankings.xlsx")
	if err != nil {
		return err
	}
	text, err := read("notice.txt")
	if err != nil {
		return err
	}
	sj, err := read("snapshot.json")
	if err != nil {
		return err
	}
	sample, err := snapshot.Decode(sj)
	if err != nil {
		return err
	}

	a, err := archive.Open(dir)
	if err != nil {
		return err
	}
	defer a.Close()
	unlock, err := a.Lock()
	if err != nil {
		return err
	}
	defer unlock()
	rng := rand.New(rand.NewPCG(1, 2))
	p := report.Period{Year: 2013, Quarter: 1}
	for q := 0; q < quarters; q, p = q+1, p.Next() {
		for r := 0; r < reports; r++ {
			id := fmt.Sprintf("county-%02d", r)
			// The sample's units and columns with values moved a little.
			s := *sample
			s.Units = make([]snapshot.Unit, len(sample.Units))
			for i, u := range sample.Units {
				vals := make(map[string]snapshot.Value, len(u.Values))
				for k, v := range u.Values {
					if !v.NA && v.Text == "" {
						v.Num = v.Num * (0.8 + 0.4*rng.Float64())
					}
					vals[k] = v
				}
				s.Units[i] = snapshot.Unit{Name: u.Name, Row: u.Row, Values: vals}
			}
			js, err := s.JSON()
			if err != nil {
				return err
			}
			notice := strings.ReplaceAll(string(text), "2022年第三季度", fmt.Sprintf("%d年第%d季度", p.Year, p.Quarter))
			xname := p.String() + ".xlsx"
			m := archive.Manifest{Report: id, Period: p,
				DocNumber: fmt.Sprintf("衡县政务公开办〔%d〕%d号", p.Year, p.Quarter),
				Title:     fmt.Sprintf("关于%d年第%d季度全县“互联网+监管”工作情况的通报", p.Year, p.Quarter),
				Issued:    p.End(time.UTC).AddDate(0, 0, 10), Program: "bulletin serveload",
				Inputs:   map[string]string{xname: fmt.Sprint(q, r), "snapshot.json": fmt.Sprint(rng.Uint64())},
				Warnings: []string{"示例警告：某单位的比率与其分子分母不符"}}
			iss := archive.Issuance{Manifest: m, Author: report.Identity{Name: "serveload", Email: "serveload@example.invalid"},
				Files: []archive.File{{Name: xname, Data: js}, {Name: "snapshot.json", Data: js},
					{Name: "notice.txt", Data: []byte(notice)}, {Name: "notice.pdf", Data: pdf}, {Name: "rankings.xlsx", Data: xlsx}}}
			if _, _, err := a.Put(iss); err != nil {
				return err
			}
		}
		fmt.Printf("\r%s", p)
	}
	fmt.Println()
	if git, err := exec.LookPath("git"); err == nil {
		if out, err := exec.Command(git, "-C", dir, "gc", "--quiet").CombinedOutput(); err != nil {
			return fmt.Errorf("git gc: %v\n%s", err, out)
		}
	}
	return nil
}
