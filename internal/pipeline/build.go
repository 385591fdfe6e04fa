package pipeline

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/gongwen/docx"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/workbook"
	"github.com/bulletin-gov/bulletin/templates"
)

// prepared is one issuance up to, not including, its PDF and workbook: the
// figures, the notice, the inputs and the manifest. Check stops here.
type prepared struct {
	in           *inputs
	res          *metrics.Result
	doc          *notice.Document
	date         time.Time
	explicitDate bool
	draft        bool // a 送审稿: the PDF carries the draft mark
	faces        *fonts.Set
	dateWarning  string // a 成文日期 before the period's end
	manifest     archive.Manifest
	notes        []string
	snapJSON     []byte   // snapshot.json: the export's figures
	headline     []string // the commit body (headline)
}

// prepare computes the figures, fills the template and gathers the
// inputs. arch (nil: no archive yet) gives the document number. It lets
// the snapshots go once their JSON is made and the figures are computed:
// in.cur and in.prev (the main dataset's) are nil afterwards, so that a large export is not
// held beside its figures, notice and pages.
func prepare(def *report.Definition, in *inputs, opts Options, arch *archive.Archive) (*prepared, error) {
	pr := &prepared{in: in}
	// The snapshots' JSON first, while the figures and the notice are
	// not yet held beside it (a large export's encoding takes several
	// times its size for a moment).
	snapJSON, err := in.cur.JSON()
	if err != nil {
		return nil, err
	}
	pr.snapJSON = snapJSON
	if err := in.encodeExtras(); err != nil {
		return nil, err
	}
	var prevHash string
	if in.prev != nil {
		prevJSON, err := in.prev.JSON()
		if err != nil {
			return nil, err
		}
		prevHash = sha(prevJSON)
	}
	res, err := compute(def, in)
	if err != nil {
		return nil, err
	}
	pr.res = res
	asOf, curWarnings := in.cur.AsOf, in.cur.Warnings
	in.cur, in.prev = nil, nil

	loc, err := location(def)
	if err != nil {
		return nil, err
	}
	date := opts.Date
	pr.explicitDate = !date.IsZero()
	if date.IsZero() {
		date = time.Now().In(loc)
	}
	pr.date = time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, loc)
	if pr.explicitDate {
		warning, err := checkDate(pr.date, in.period, asOf, loc, time.Now())
		if err != nil {
			return nil, err
		}
		if warning != "" {
			pr.notes = append(pr.notes, warning)
			pr.dateWarning = warning
		}
	}

	seq, docNumber, err := docNumberFor(def, in.period, pr.date.Year(), arch, opts)
	if err != nil {
		return nil, err
	}
	set := inputSet{}
	signer := ""
	if opts.approve != nil {
		signer = opts.approve.by
	}
	yearAgoRead := false
	doc, err := notice.Render(def, res, notice.Options{Templates: templates.FS, Date: pr.date, Seq: seq, DocNumber: docNumber, Signer: signer,
		Read:        func(name string, src []byte) { set.template(def, name, src) },
		YearAgoRead: func() { yearAgoRead = true }})
	if err != nil {
		return nil, err
	}
	pr.doc = doc

	faces, err := fonts.Load(fonts.Options{Dir: opts.FontDir})
	if err != nil {
		return nil, err
	}
	pr.faces = faces
	pr.notes = append(pr.notes, faces.Substitutes()...)

	set.snapshot(in.name, in.data, snapJSON)
	if err := set.reportYAML(def); err != nil {
		return nil, err
	}
	set.fonts(faces.Files())
	set.date(pr.date)
	if prevHash != "" {
		// The previous period's figures are an input too: a re-issued
		// previous period makes this notice's deltas a new version.
		set[PreviousInput] = prevHash
	}
	if err := set.datasets(def, in, yearAgoRead); err != nil {
		return nil, err
	}
	var warnings []string
	all := append(report.Problems{}, curWarnings...)
	for _, di := range in.extra {
		all = append(all, di.cur.Warnings...)
	}
	for _, w := range append(all, res.Warnings...) {
		warnings = append(warnings, w.String())
		pr.notes = append(pr.notes, w.String())
	}
	pr.headline = headline(res)
	pr.manifest = archive.Manifest{
		Report:    def.ID,
		Period:    in.period,
		DocNumber: doc.DocNumber,
		Title:     doc.Title,
		Issued:    pr.date,
		Program:   "bulletin " + Version,
		Inputs:    set,
		Warnings:  warnings,
		Reason:    opts.Reason,
	}
	return pr, nil
}

// outputs writes the issuance's files, complete in memory. It consumes pr:
// the small files (snapshot.json, notice.txt, the workbook) are made
// first, and the snapshots, the figures and the notice are let go before
// the PDF is typeset, so that a large table's laid-out pages and the PDF
// being written are not held beside everything they were made from
// (docs/layout.md, "Memory"). The manifest and pr.headline stay.
func (pr *prepared) outputs(def *report.Definition) ([]archive.File, error) {
	if pr.doc == nil {
		return nil, errors.New("pipeline: outputs made twice")
	}
	xlsx, err := workbook.Bytes(def, pr.res)
	if errors.Is(err, workbook.ErrNoRankings) {
		xlsx = nil // a report without rankings has no ranking workbook
	} else if err != nil {
		return nil, err
	}
	text := []byte(pr.doc.Text())
	doc := pr.doc
	pr.res, pr.doc = nil, nil
	laid, err := gongwen.Lay(doc, gongwen.Measure(pr.faces))
	if err != nil {
		return nil, err
	}
	if pr.draft {
		markDraft(laid, pr.faces)
	}
	var docxBytes []byte // the same laid-out document, as notice.docx
	if def.Outputs.WantDocx() {
		if docxBytes, err = docx.Bytes(laid, pr.date); err != nil {
			return nil, err
		}
	}
	// The seal field needs the metadata alone: pdf.Render lets each page
	// go once drawn.
	meta := &gongwen.Document{Meta: laid.Meta}
	pdfBytes, err := pdf.Render(laid, pr.faces, pr.date)
	if err != nil {
		return nil, err
	}
	if pdfBytes, err = addSealField(meta, pdfBytes); err != nil {
		return nil, err
	}
	files := []archive.File{
		{Name: pr.in.name, Data: pr.in.data},
		{Name: "snapshot.json", Data: pr.snapJSON},
	}
	for _, di := range pr.in.extra {
		files = append(files, archive.File{Name: di.name, Data: di.data}, archive.File{Name: snapshotName(def, di.id), Data: di.json})
	}
	files = append(files,
		archive.File{Name: "notice.txt", Data: text},
		archive.File{Name: "notice.pdf", Data: pdfBytes})
	if docxBytes != nil {
		files = append(files, archive.File{Name: docx.FileName, Data: docxBytes})
	}
	if xlsx != nil {
		files = append(files, archive.File{Name: workbook.FileName, Data: xlsx})
	}
	return files, nil
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

// location is the report's time zone.
func location(def *report.Definition) (*time.Location, error) {
	loc, err := time.LoadLocation(def.Schedule.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("report.yaml schedule.timezone %q: %w", def.Schedule.TimeZone, err)
	}
	return loc, nil
}
