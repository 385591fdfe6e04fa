package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/gongwen/docx"
	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/workbook"
	"github.com/bulletin-gov/bulletin/templates"
	"gopkg.in/yaml.v3"
)

// PreviousInput is the manifest input holding the sha256 of the previous
// period's snapshot.json that the deltas were computed against.
const PreviousInput = "previous/snapshot.json"

// built are one issuance's outputs, complete in memory.
type built struct {
	files    []archive.File
	manifest archive.Manifest
	headline []string
	notes    []string
}

func build(def *report.Definition, in *inputs, opts Options, arch *archive.Archive) (*built, error) {
	b := &built{}
	res, err := metrics.Compute(def, in.cur, in.prev)
	if err != nil {
		return nil, err
	}
	res.Period = in.period
	res.Prev = in.period.Prev()

	loc, err := time.LoadLocation(def.Schedule.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("report.yaml schedule.timezone %q: %w", def.Schedule.TimeZone, err)
	}
	date := opts.Date
	if date.IsZero() {
		date = time.Now().In(loc)
	}
	date = time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, loc)

	seq, docNumber, err := sequence(def, in.period, date.Year(), arch)
	if err != nil {
		return nil, err
	}
	doc, err := notice.Render(def, res, notice.Options{Templates: templates.FS, Date: date, Seq: seq, DocNumber: docNumber})
	if err != nil {
		return nil, err
	}
	text := doc.Text()

	r, err := renderer(opts.FontDir)
	if err != nil {
		return nil, err
	}
	b.notes = append(b.notes, r.Substitutes()...)
	// notice.pdf and notice.docx are made from the same laid-out pages.
	pages, err := r.Layout(doc)
	if err != nil {
		return nil, err
	}
	pdfBytes, err := r.Draw(pages, doc, date)
	if err != nil {
		return nil, err
	}
	var docxBytes []byte
	if def.Outputs.WantDocx() {
		if docxBytes, err = docx.Bytes(pages, doc, date); err != nil {
			return nil, err
		}
	}
	xlsx, err := workbook.Bytes(def, res)
	if errors.Is(err, workbook.ErrNoRankings) {
		xlsx = nil // a report without rankings has no ranking workbook
	} else if err != nil {
		return nil, err
	}
	snapJSON, err := in.cur.JSON()
	if err != nil {
		return nil, err
	}

	tmpl, err := templateBytes(def)
	if err != nil {
		return nil, err
	}
	yamlBytes, err := os.ReadFile(def.Path(report.FileName))
	if err != nil {
		return nil, err
	}
	inputs := map[string]string{
		in.name:         sha(in.data),
		"report.yaml":   noticeSettingsHash(yamlBytes),
		"template":      sha(tmpl),
		"snapshot.json": sha(snapJSON),
	}
	if in.prev != nil {
		// The previous period's figures are an input too: a re-issued
		// previous period makes this notice's deltas a new version.
		prevJSON, err := in.prev.JSON()
		if err != nil {
			return nil, err
		}
		inputs[PreviousInput] = sha(prevJSON)
	}
	var warnings []string
	for _, w := range append(append(report.Problems{}, in.cur.Warnings...), res.Warnings...) {
		warnings = append(warnings, w.String())
		b.notes = append(b.notes, w.String())
	}
	b.manifest = archive.Manifest{
		Report:    def.ID,
		Period:    in.period,
		DocNumber: doc.DocNumber,
		Title:     doc.Title,
		Issued:    date,
		Program:   "bulletin " + Version,
		Inputs:    inputs,
		Warnings:  warnings,
		Reason:    opts.Reason,
	}
	b.files = []archive.File{
		{Name: in.name, Data: in.data},
		{Name: "snapshot.json", Data: snapJSON},
		{Name: "notice.txt", Data: []byte(text)},
		{Name: "notice.pdf", Data: pdfBytes},
	}
	if docxBytes != nil {
		b.files = append(b.files, archive.File{Name: docx.FileName, Data: docxBytes})
	}
	if xlsx != nil {
		b.files = append(b.files, archive.File{Name: workbook.FileName, Data: xlsx})
	}
	b.headline = headline(res)
	return b, nil
}

// sequence is the 序号 of the document number: the next free one of the
// year, counting the periods issued that year. A period issued before
// keeps the 发文字号 it was first issued with, returned as docNumber.
// Snapshots recorded by `bulletin import` were not issued and count for
// nothing.
func sequence(def *report.Definition, p report.Period, year int, arch *archive.Archive) (seq int, docNumber string, err error) {
	if arch == nil {
		return def.DocNumber.Start, "", nil
	}
	entries, err := arch.Log(def.ID)
	if err != nil {
		return 0, "", err
	}
	seen := map[report.Period]bool{}
	n := 0
	for _, e := range entries {
		m := e.Manifest
		if m.Imported {
			continue
		}
		if m.Period == p {
			if m.Version == 1 || docNumber == "" {
				docNumber = m.DocNumber
			}
			continue
		}
		if m.Issued.Year() == year && !seen[m.Period] {
			seen[m.Period] = true
			n++
		}
	}
	return def.DocNumber.Start + n, docNumber, nil
}

func latestManifest(arch *archive.Archive, id string, p report.Period) (archive.Manifest, bool, error) {
	var m archive.Manifest
	data, ok, err := arch.Latest(id, p, "manifest.json")
	if err != nil || !ok {
		return m, ok, err
	}
	err = json.Unmarshal(data, &m)
	return m, err == nil, err
}

// noticeSettingsHash is the sha256 of what in report.yaml shapes the
// notice: the YAML re-encoded without comments and without the schedule
// and archive settings, so that moving the schedule or adding a remote
// does not make every period's next run a new version. (report.Load has
// already parsed the file; should it fail here, the raw bytes are hashed.)
func noticeSettingsHash(yamlBytes []byte) string {
	var m map[string]any
	if err := yaml.Unmarshal(yamlBytes, &m); err != nil {
		return sha(yamlBytes)
	}
	delete(m, "schedule")
	delete(m, "archive")
	b, err := yaml.Marshal(m)
	if err != nil {
		return sha(yamlBytes)
	}
	return sha(b)
}

// templateBytes returns the report's template source, from the report
// folder or the bundled templates.
func templateBytes(def *report.Definition) ([]byte, error) {
	if b, err := os.ReadFile(def.Path(def.Template)); err == nil {
		return b, nil
	}
	b, err := fs.ReadFile(templates.FS, def.Template)
	if err != nil {
		return nil, fmt.Errorf("找不到模板 %s：报告文件夹中没有，内置模板中也没有", def.Template)
	}
	return b, nil
}

// headline are the commit body's lines: each indicator's area figure and its
// change.
func headline(res *metrics.Result) []string {
	var lines []string
	for _, ind := range res.Indicators {
		if ind.Total.NA && ind.PrevTotal.NA {
			continue // no area figure (a score): nothing to say
		}
		line := ind.Name + " " + figure(ind, ind.Total)
		if ind.Delta.Has {
			line += "（上期 " + figure(ind, ind.PrevTotal) + "）"
		}
		lines = append(lines, line)
	}
	return lines
}

func figure(ind *metrics.Indicator, v metrics.Value) string {
	if v.NA {
		return "/"
	}
	if ind.Percent {
		return strconv.FormatFloat(v.V*100, 'f', ind.Precision, 64) + "%"
	}
	return strconv.FormatFloat(v.V, 'f', ind.Precision, 64)
}
