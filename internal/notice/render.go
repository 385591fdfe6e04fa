package notice

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
	"github.com/bulletin-gov/bulletin/templates"
)

// Options are the per-issuance facts a template cannot know.
type Options struct {
	// Templates holds the bundled templates (templates/ embedded); a
	// report's template is looked up in the report folder first. Nil
	// means templates.FS.
	Templates fs.FS
	// Date is the 成文日期 and 印发日期; zero means today.
	Date time.Time
	// Seq is the document's sequence number for {{序号}}; 0 means the
	// report's doc_number start.
	Seq int
	// Signer is the 签发人 who approved the notice, shown in the 版头 of a
	// 上行文 (a template whose front matter has 签发人); empty for a draft.
	Signer string
	// DocNumber, when set, is the 发文字号 to print instead of filling the
	// pattern: a re-issued period keeps the number it was first issued
	// with.
	DocNumber string
	// Read, when set, is called with the name and source of every
	// template the notice is made from (the report's template and every
	// forwarded notice among its attachments), so that the caller can
	// record them as the issuance's inputs.
	Read func(name string, src []byte)
	// YearAgoRead, when set, is called when the template reads
	// year-on-year figures (.YearAgo, yoy), which then count among the
	// issuance's inputs.
	YearAgoRead func()
}

// maxDepth bounds forwarded notices inside forwarded notices, so that a
// definition that forwards itself fails instead of recursing.
const maxDepth = 3

// Render executes the report's template over res and returns the notice.
// Template errors are *TemplateError values naming the file, line and
// column.
func Render(def *report.Definition, res *metrics.Result, opts Options) (*Document, error) {
	if def == nil || res == nil {
		return nil, errors.New("notice.Render: nil definition or result")
	}
	if opts.Date.IsZero() {
		opts.Date = time.Now()
	}
	if opts.Templates == nil {
		opts.Templates = templates.FS
	}
	r := &renderer{def: def, res: res, opts: opts}
	return r.document(def.Template, def.Attachments, nil, "report.yaml attachments", 0)
}

type renderer struct {
	def  *report.Definition
	res  *metrics.Result
	opts Options
}

// document renders one notice from template name with the given
// attachments; front overrides its front matter (a forwarded notice's
// issuer from report.yaml). depth > 0 marks a forwarded notice, which
// carries no 版记 of its own unless its front matter sets one.
func (r *renderer) document(name string, refs []report.AttachmentRef, front map[string]string, where string, depth int) (*Document, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%s: 转发的文件嵌套超过%d层，请检查 attachments 中的 notice 是否引用了自己", r.yamlFile(), maxDepth)
	}
	atts, err := r.attachments(refs, where, depth)
	if err != nil {
		return nil, err
	}
	data := newData(r.def, r.res, r.opts, atts)
	if depth > 0 {
		// A forwarded notice is another office's: report.yaml's number
		// pattern is the forwarding office's, so it has none unless its
		// front_matter gives one.
		data.DocNumber = ""
		// Its 版记 is the forwarding notice's, at the end of the whole.
		data.CC, data.Printer = nil, ""
	}
	data.Title, err = r.fill(r.yamlFile()+": title", r.def.Title, data)
	if err != nil {
		return nil, err
	}
	// report.yaml's front matter for a forwarded notice is filled first
	// and shown to its template (.Office, .DocNumber, .Date …), so that the
	// forwarded notice speaks as its own issuer.
	over := map[string]string{}
	for k, v := range front {
		key := k
		if a, ok := frontAliases[k]; ok {
			key = a
		}
		if !isFrontKey(key) {
			return nil, fmt.Errorf("%s: %s 的 front_matter 没有“%s”这一项; 可用: %s", r.yamlFile(), where, k, strings.Join(frontKeys, "、"))
		}
		v, err := r.fill(fmt.Sprintf("%s: %s front_matter.%s", r.yamlFile(), where, k), v, data)
		if err != nil {
			return nil, err
		}
		over[key] = v
	}
	if err := r.override(data, over); err != nil {
		return nil, fmt.Errorf("%s: %s 的 front_matter: %v", r.yamlFile(), where, err)
	}
	file, src, err := r.load(name)
	if err != nil {
		return nil, err
	}
	out, err := execute(file, src, data)
	if err != nil {
		return nil, err
	}
	p, err := parseOutput(out)
	if err != nil {
		var te *textError
		if errors.As(err, &te) {
			return nil, textErrorAt(file, src, te)
		}
		return nil, err
	}
	for k, v := range over {
		p.front[k] = v
	}
	doc := &Document{Body: p.blocks}
	if err := r.applyFront(doc, p.front, data, depth > 0); err != nil {
		return nil, &TemplateError{File: file, Msg: err.Error(), Err: err}
	}
	if len(p.attachments) > 0 {
		if len(p.attachments) != len(atts) {
			return nil, &TemplateError{File: file, Line: p.attachLine, Msg: fmt.Sprintf("附件说明列出%d项，但 report.yaml 的 attachments 有%d项", len(p.attachments), len(atts))}
		}
		for i, n := range p.attachments {
			atts[i].Title = n
		}
	}
	for _, a := range atts {
		doc.Attachments = append(doc.Attachments, *a)
	}
	return doc, nil
}

// override shows a forwarded notice's own issuer to its template.
func (r *renderer) override(data *Data, over map[string]string) error {
	if v, ok := over["署名"]; ok {
		data.Office.Name = v
		data.Office.Mark = v
	}
	if v, ok := over["发文机关标志"]; ok {
		data.Office.Mark = v
	}
	if v, ok := over["发文字号"]; ok {
		data.DocNumber = v
	}
	if v, ok := over["标题"]; ok {
		data.Title = v
	}
	if v, ok := over["主送"]; ok {
		data.Recipients = strings.TrimRight(v, "：:")
	}
	if v, ok := over["抄送"]; ok {
		data.CC = splitList(v)
	}
	if v, ok := over["印发机关"]; ok {
		data.Printer = v
	}
	if v, ok := over["成文日期"]; ok {
		t, err := wording.ParseDate(v, r.opts.Date.Location())
		if err != nil {
			return err
		}
		data.Date = t
	}
	return nil
}

// applyFront fills the document's elements: front-matter items where
// given, else the report's own.
func (r *renderer) applyFront(doc *Document, front map[string]string, data *Data, forwarded bool) error {
	get := func(key, def string) string {
		if v, ok := front[key]; ok {
			return v
		}
		return def
	}
	// A joint notice: the office's own mark and name, as the templates
	// write them, stand for all the organs.
	mark, sig := jointOffice(data.Office)
	joint := func(key, own, all string) string {
		if v := get(key, all); v != own {
			return v
		}
		return all
	}
	doc.IssuerMark = joint("发文机关标志", data.Office.Mark, mark)
	doc.DocNumber = get("发文字号", data.DocNumber)
	if !forwarded {
		upward(doc, front, r.opts.Signer)
	}
	doc.Title = get("标题", data.Title)
	doc.Addressee = strings.TrimRight(get("主送", data.Recipients), "：:")
	doc.Signature = joint("署名", data.Office.Name, sig)
	doc.Note = strings.TrimSuffix(strings.TrimPrefix(get("附注", ""), "（"), "）")
	loc := r.opts.Date.Location()
	var err error
	if doc.Date, err = dateItem(front, "成文日期", data.Date, loc); err != nil {
		return err
	}
	if forwarded {
		doc.PrintDate, _ = dateItem(front, "印发日期", time.Time{}, loc)
		doc.Printer = get("印发机关", "")
		doc.CC = splitList(get("抄送", ""))
		if doc.Printer == "" {
			doc.PrintDate = time.Time{}
		}
	} else {
		if doc.PrintDate, err = dateItem(front, "印发日期", r.opts.Date, loc); err != nil {
			return err
		}
		doc.Printer = get("印发机关", data.Printer)
		if v, ok := front["抄送"]; ok {
			doc.CC = splitList(v)
		} else {
			doc.CC = data.CC
		}
	}
	return nil
}

func dateItem(front map[string]string, key string, def time.Time, loc *time.Location) (time.Time, error) {
	v, ok := front[key]
	if !ok || strings.TrimSpace(v) == "" {
		return def, nil
	}
	t, err := wording.ParseDate(v, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("文头“%s”: %v", key, err)
	}
	return t, nil
}

var listSep = regexp.MustCompile(`[，,、；;]`)

// splitList reads a 抄送 line: organs separated by ， or 、, final 。 dropped.
func splitList(s string) []string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "。."))
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range listSep.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// load finds a template: a file relative to the report folder if one
// exists, else a bundled template. It returns the name to show in
// messages and the source.
func (r *renderer) load(name string) (file, src string, err error) {
	if name == "" {
		return "", "", fmt.Errorf("%s: 缺少 template（模板文件名）", r.yamlFile())
	}
	if r.def.Dir != "" || filepath.IsAbs(name) {
		path := r.def.Path(name)
		if b, err := os.ReadFile(path); err == nil {
			if r.opts.Read != nil {
				r.opts.Read(name, b)
			}
			return path, string(b), nil
		}
	}
	b, err := fs.ReadFile(r.opts.Templates, name)
	if err != nil {
		have, _ := fs.Glob(r.opts.Templates, "*.tmpl")
		return "", "", fmt.Errorf("%s: 找不到模板 %s：报告文件夹中没有，内置模板有 %s", r.yamlFile(), name, strings.Join(have, "、"))
	}
	if r.opts.Read != nil {
		r.opts.Read(name, b)
	}
	return "templates/" + name, string(b), nil
}

func (r *renderer) yamlFile() string {
	if r.def.Dir == "" {
		return report.FileName
	}
	return filepath.Join(r.def.Dir, report.FileName)
}

// fill executes a small template held in report.yaml (the title, a
// front-matter item); where names it in messages.
func (r *renderer) fill(where, src string, data *Data) (string, error) {
	if !strings.Contains(src, "{{") {
		return src, nil
	}
	t, err := template.New(where).Option("missingkey=error").Funcs(funcs(data)).Parse(src)
	if err == nil {
		var b bytes.Buffer
		if err = t.Execute(&b, data); err == nil {
			return b.String(), nil
		}
	}
	te := templateError(where, src, err).(*TemplateError)
	return "", fmt.Errorf("%s: %s", where, te.Msg)
}

// execute parses and runs a notice template over data.
func execute(file, src string, data *Data) (string, error) {
	t, err := template.New(filepath.Base(file)).Option("missingkey=error").Funcs(funcs(data)).Parse(src)
	if err != nil {
		return "", templateError(file, src, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", templateError(file, src, err)
	}
	return b.String(), nil
}

// jointOffice returns the 发文机关标志 and the 署名 of o: with co-issuers
// (联合行文) one organ a line, the lead organ first, a mark's 文件 on a
// line of its own after them (Document.IssuerMark).
func jointOffice(o report.Office) (mark, sig string) {
	if len(o.Joint) == 0 {
		return o.Mark, o.Name
	}
	lead, wenjian := strings.CutSuffix(o.Mark, "文件")
	marks := append([]string{lead}, o.Joint...)
	if wenjian {
		marks = append(marks, "文件")
	}
	return strings.Join(marks, "\n"), strings.Join(append([]string{o.Name}, o.Joint...), "\n")
}
