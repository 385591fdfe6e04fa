package web

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// lookup resolves the {report}/{period}/{version} of a request in the
// view, or returns nil.
func lookup(v *view, r *http.Request) *Issuance {
	p, err := report.ParsePeriod(r.PathValue("period"))
	if err != nil || p.String() != r.PathValue("period") {
		return nil
	}
	n, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || strconv.Itoa(n) != r.PathValue("version") {
		return nil
	}
	return v.byKey[Key{Report: r.PathValue("report"), Period: p, Version: n}]
}

type fileRow struct {
	FileInfo
	URL string
}

// figureTable is a version's figures as an HTML table, escaped here
// rather than by the page template: the table has hundreds of cells, and
// as one string it renders in microseconds and takes a third of the
// memory of the decoded snapshot, so it can be kept for every version.
type figureTable struct {
	HTML template.HTML
}

type versionData struct {
	*Issuance
	Status   string
	Details  Details
	Inputs   []keyValue
	Files    []fileRow
	PDF      string
	Rankings string
	Word     string // notice.docx, the editable copy
	// Signed is the signed copy's address (notice-signed.pdf or .ofd).
	Signed     string
	Deliveries []Delivery
	Notice     []string
	Figures    figureTable
	// Datasets are the figures of a report's further datasets
	// (snapshot-<id>.json), each in its own table.
	Datasets []datasetTable
	// FirstLabel is the first dataset's name, when report.yaml gives one.
	FirstLabel string
	Prev, Next *Issuance
	Versions   []*Issuance
	YearBefore *Issuance
	PrevPeriod *Issuance
}

type keyValue struct{ Key, Value string }

func (s *Server) version(w http.ResponseWriter, r *http.Request) {
	v := viewOf(r)
	is := lookup(v, r)
	if is == nil {
		s.notFound(w, r)
		return
	}
	d := versionData{Issuance: is, Status: status(v, is)}
	var err error
	if d.Details, err = s.read.detailsOf(is.Key); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, k := range sortedKeys(d.Details.Inputs) {
		d.Inputs = append(d.Inputs, keyValue{k, d.Details.Inputs[k]})
	}
	// The files' own SHA-256 are in the register (归档目录); hashing every
	// file here would read the PDF on each first visit.
	files, err := s.read.fileList(is.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, f := range files {
		d.Files = append(d.Files, fileRow{FileInfo: f, URL: fileURL(is.Key, f.Name)})
		if c := d.Details.Signed; c != nil && f.Name == c.File {
			d.Signed = fileURL(is.Key, f.Name)
		}
		switch f.Name {
		case "notice.pdf":
			d.PDF = fileURL(is.Key, f.Name)
		case "rankings.xlsx":
			d.Rankings = fileURL(is.Key, f.Name)
		case "notice.docx":
			d.Word = fileURL(is.Key, f.Name)
		}
	}
	text, err := s.read.noticeText(is.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if text != "" {
		d.Notice = strings.Split(strings.TrimRight(text, "\n"), "\n")
	}
	if d.Figures, err = s.read.table(is.Key); err != nil {
		s.fail(w, r, err)
		return
	}
	tables, err := s.read.datasetTables(is.Key, files)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, t := range tables { // a copy: the read tables are shared
		t.Label = s.datasetLabel(is.Report, t.ID)
		d.Datasets = append(d.Datasets, t)
	}
	d.FirstLabel = s.opts.DatasetNames[is.Report][""]
	if d.Deliveries, err = s.store.Deliveries(is.Key); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Versions = v.vers[periodKey{is.Report, is.Period}]
	for i, o := range d.Versions {
		if o == is {
			if i > 0 {
				d.Prev = d.Versions[i-1]
			}
			if i+1 < len(d.Versions) {
				d.Next = d.Versions[i+1]
			}
		}
	}
	d.YearBefore = v.yearBefore(is.Report, is.Period)
	d.PrevPeriod = v.before(is.Report, is.Period)
	title := is.Title
	if title == "" {
		title = is.Report + " " + periodName(is.Period)
	}
	s.render(w, r, "version.html", title+"（第"+strconv.Itoa(is.Version)+"版）", d)
}

// datasetTable is the figures of one further dataset of a version.
type datasetTable struct {
	ID      string // city
	File    string // snapshot-city.json
	Label   string // 全市各县市区 (its name in report.yaml), else its id
	Figures figureTable
}

// figuresOf is the table of one dataset of a version (ds "" for the
// first); unit and column names link to their history in that dataset.
func figuresOf(reportID, ds string, s *snapshot.Snapshot) figureTable {
	if len(s.Columns) == 0 {
		return figureTable{}
	}
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString(`<div class="scroll"><table class="figures"><thead><tr><th>单位</th>`)
	for _, c := range s.Columns {
		fmt.Fprintf(&b, `<th><a href="%s">%s</a></th>`, esc(datasetIndicatorURL(reportID, ds, c)), esc(c))
	}
	b.WriteString("</tr></thead><tbody>")
	row := func(u *snapshot.Unit, link bool, class string) {
		b.WriteString("<tr" + class + "><th>")
		if link {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, esc(datasetUnitURL(reportID, ds, u.Name)), esc(u.Name))
		} else {
			b.WriteString(esc(u.Name))
		}
		b.WriteString("</th>")
		for _, c := range s.Columns {
			b.WriteString("<td>")
			if val, ok := u.Values[c]; ok {
				b.WriteString(esc(formatValue(val)))
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	for i := range s.Units {
		row(&s.Units[i], true, "")
	}
	if s.Total != nil {
		row(s.Total, false, ` class="total"`)
	}
	b.WriteString("</tbody></table></div>")
	return figureTable{HTML: template.HTML(b.String())}
}

// file serves one archived file, found by name in the version's listing.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	v := viewOf(r)
	is := lookup(v, r)
	if is == nil {
		s.notFound(w, r)
		return
	}
	name := r.PathValue("file")
	files, err := s.read.fileList(is.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	found := false
	for _, f := range files {
		found = found || f.Name == name
	}
	if !found {
		s.notFound(w, r)
		return
	}
	data, ok, err := s.store.ReadFile(is.Key, name)
	if err != nil || !ok {
		s.fail(w, r, err)
		return
	}
	ctype, disposition := "application/octet-stream", "attachment"
	switch path.Ext(name) {
	case ".pdf":
		ctype, disposition = "application/pdf", "inline"
	case ".xlsx":
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".docx":
		ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".ofd":
		ctype = "application/ofd"
	case ".json":
		ctype, disposition = "application/json; charset=utf-8", "inline"
	case ".txt", ".md":
		ctype, disposition = "text/plain; charset=utf-8", "inline"
	}
	if r.URL.Query().Get("download") != "" {
		disposition = "attachment"
	}
	download := is.Report + "-" + is.Period.String() + "-v" + strconv.Itoa(is.Version) + "-" + name
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": download}))
	// A file is shown by the browser's own viewer; it needs no style.
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; sandbox")
	if ctype == "application/pdf" {
		// The browser's own PDF viewer shows it: a sandbox or a
		// default-src would keep that viewer from loading in some
		// browsers; only framing is restricted.
		h.Set("Content-Security-Policy", "frame-ancestors 'self'")
	}
	h.Set("Cache-Control", "private, max-age=86400, immutable")
	if is.Draft() {
		// Approval replaces a draft's files under the same address.
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, "", is.Committed, bytes.NewReader(data))
}
