package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// importCommand is `bulletin import FILE`: record a past period's snapshot
// in the archive without issuing a notice, so that the next notice can
// compare against it.
func importCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	reportDir := fs.String("report", defaultReport, "报告文件夹（含 report.yaml）")
	period := fs.String("period", "", "数据所属期间，如 2022Q2；默认从文件名中识别")
	archiveDir := fs.String("archive", "archive", "档案库（git 仓库，不存在则创建）")
	reason := fs.String("reason", "", "更正已导入的数据时说明原因")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"用法: bulletin import [--report DIR] [--period 2022Q2] [--archive DIR] 数据文件"}
	}
	file := pos[0]
	var p report.Period
	if *period != "" {
		if p, err = report.ParsePeriod(*period); err != nil {
			return usageError{err.Error()}
		}
	} else if p, err = periodFromName(file); err != nil {
		return err
	}
	def, err := report.Load(*reportDir)
	if err != nil {
		return err
	}
	iss, err := importIssuance(def, p, file, *reason)
	if err != nil {
		return err
	}
	a, err := archive.Open(*archiveDir)
	if err != nil {
		return err
	}
	unlock, err := a.Lock()
	if err != nil {
		return err
	}
	defer unlock()
	commit, committed, err := a.Commit(iss)
	if err != nil {
		return err
	}
	if committed {
		fmt.Fprintf(stderr, "已导入 %s %s 的历史数据：提交 %s\n", def.ID, p, shortHash(commit))
	} else {
		fmt.Fprintf(stderr, "档案中已有相同的 %s %s 数据，未新增提交\n", def.ID, p)
	}
	if def.Archive.Remote != "" {
		if err := a.Push(context.Background(), archive.PushOptionsFor(def.Archive)); err != nil {
			fmt.Fprintln(stderr, "注意:", err)
		}
	}
	fmt.Fprintln(stdout, filepath.Join(*archiveDir, def.ID, p.String()))
	return nil
}

func periodFromName(file string) (report.Period, error) {
	p, ok := pipeline.PeriodFromName(file)
	if !ok {
		return p, usageError{fmt.Sprintf("文件名 %s 中没有期间，请用 --period 2022Q2 指明", filepath.Base(file))}
	}
	return p, nil
}

// importIssuance reads the snapshot as a run would and makes the archive
// issuance: the original file and snapshot.json, no notice.
func importIssuance(def *report.Definition, p report.Period, file, reason string) (archive.Issuance, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return archive.Issuance{}, fmt.Errorf("读取数据文件: %w", err)
	}
	snap, err := snapshot.ReadFile(file, def)
	if err != nil {
		return archive.Issuance{}, err
	}
	js, err := json.MarshalIndent(snap, "", "  ")
	if err != nil {
		return archive.Issuance{}, err
	}
	js = append(js, '\n')
	name := filepath.Base(file)
	var warnings []string
	for _, w := range snap.Warnings {
		warnings = append(warnings, w.String())
	}
	return archive.Issuance{
		Manifest: archive.Manifest{
			Report:   def.ID,
			Period:   p,
			Issued:   time.Now(),
			Program:  "bulletin " + version(),
			Inputs:   map[string]string{name: sha256Hex(data), "snapshot.json": sha256Hex(js)},
			Warnings: warnings,
			Reason:   reason,
			Imported: true,
		},
		Files:  []archive.File{{Name: name, Data: data}, {Name: "snapshot.json", Data: js}},
		Author: def.Office.Author,
	}, nil
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
