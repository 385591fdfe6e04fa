package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FileName is the name of a report definition inside its folder.
const FileName = "report.yaml"

// Definition is one report: everything that makes one office's notice
// different from another's. It is read from reports/<id>/report.yaml and is
// the only place where indicators, wording choices and layout options live;
// nothing about a particular office is in Go code. Every field is documented
// in docs/zh/report.md.
type Definition struct {
	// raw is report.yaml as read, so that what shapes the notice is taken
	// from the same bytes the definition was decoded from (NoticeYAML).
	raw []byte
	// Dir is the folder that holds report.yaml; relative paths in the
	// definition are relative to it. Set by Load.
	Dir string `yaml:"-"`
	// ID names the report in the archive (<id>/<period>/). Defaults to the
	// folder name.
	ID string `yaml:"id"`
	// Name is a short human name of the report, used in logs and the
	// archive index.
	Name string `yaml:"name"`

	Office Office `yaml:"office"`
	// DocNumber is the 发文字号 pattern, e.g. 衡政务公开办〔{{年}}〕{{序号}}号.
	DocNumber DocNumber `yaml:"doc_number"`
	// Title is the notice title, a text/template over the template data
	// (e.g. 关于{{.Period.Label}}全县“互联网+监管”工作情况的通报).
	Title string `yaml:"title"`
	// Recipients is the 主送机关 line without its closing colon.
	Recipients string `yaml:"recipients"`
	// CC lists the 抄送 organs of the 版记.
	CC []string `yaml:"cc"`
	// Printer is the 印发机关 of the 版记; defaults to Office.Name.
	Printer string `yaml:"printer"`

	// Period is the kind of period the report is issued for: quarter
	// (default), month, half, year or asof (an as-of date). It decides
	// the period's form (2022Q3, 2022-10, 2022H2, 2022, 2021-11-04),
	// its labels and what it is compared with.
	Period string `yaml:"period"`

	// Source says where each period's snapshot comes from.
	Source Source `yaml:"source"`
	// UnitColumn is the header of the column that names the unit (单位).
	UnitColumn Column `yaml:"unit_column"`
	// Columns are the snapshot columns the report reads.
	Columns []Column `yaml:"columns"`
	// Datasets, when set, replace Source, UnitColumn and Columns: the
	// notice is made from several exports, each its own dataset.
	Datasets []Dataset `yaml:"datasets"`
	// Aliases map a unit's other names (in other exports or periods) to
	// the name the notice uses: 岳阳经开区: 经开区.
	Aliases map[string]string `yaml:"aliases"`
	// Indicators are the figures computed from the columns.
	Indicators []Indicator `yaml:"indicators"`
	// Checks are consistency rules every unit's figures must satisfy.
	Checks []Check `yaml:"checks"`
	// TotalRow says what a sheet's own 合计/总计 row that disagrees with
	// the units' rows does: TotalRowWarn (default) is a warning naming
	// each cell, stated and computed, and the notice uses the figures
	// computed from the rows; TotalRowRefuse stops the run.
	TotalRow string `yaml:"total_row"`
	// Scoring is the optional deduction scheme giving each unit a score.
	Scoring *Scoring `yaml:"scoring"`
	// Rankings are the ranked tables, shown as attachments and in the
	// workbook.
	Rankings []Ranking `yaml:"rankings"`

	// Template is the notice template file: a path relative to the report
	// folder, or the name of a bundled template in templates/.
	Template string `yaml:"template"`
	// Attachments lists what is attached after the body, in order.
	Attachments []AttachmentRef `yaml:"attachments"`

	// Schedule is when the scheduled service issues the notice.
	Schedule Schedule `yaml:"schedule"`

	// Archive holds the archive options (a remote to push to).
	Archive ArchiveSettings `yaml:"archive"`

	// Outputs turns optional outputs off (notice.docx).
	Outputs Outputs `yaml:"outputs"`

	// Approval is "required" when a run makes a draft (送审稿) that is
	// issued only by `bulletin approve`; empty: issued at once (flow.go).
	Approval string `yaml:"approval"`
	// Notify says who is told what, and how (docs/notify.md).
	Notify Notify `yaml:"notify"`

	// lines are where sequence entries were written ("indicators[3]" →
	// line 12), for messages; see At.
	lines map[string]int
}

// Values of Definition.TotalRow.
const (
	TotalRowWarn   = "warn"
	TotalRowRefuse = "refuse"
)

// Office is the issuing organ (发文机关).
type Office struct {
	// Name is the full name, used as the 署名 above the date.
	Name string `yaml:"name"`
	// Mark is the 发文机关标志 printed in red; defaults to Name.
	Mark string `yaml:"mark"`
	// Joint lists the co-issuing organs of a joint notice (联合行文), after
	// this office (the lead organ): each is stacked under Mark in the
	// 发文机关标志 and signs beside Name (GB/T 9704 §7.2.3, §7.3.5.1).
	Joint []string `yaml:"joint"`
	// Author is the identity written on archive commits.
	Author Identity `yaml:"author"`
}

// Identity is a name and e-mail for git commits.
type Identity struct {
	Name  string `yaml:"name"`
	Email string `yaml:"email"`
}

// DocNumber is the 发文字号 pattern and where its sequence starts.
type DocNumber struct {
	// Pattern holds {{年}} (the issue year) and {{序号}} (the sequence).
	Pattern string `yaml:"pattern"`
	// Start is the sequence number of the first notice of a year issued
	// by this program; later ones count up from it. Default 1.
	Start int `yaml:"start"`
}

// UnmarshalYAML accepts either a plain pattern string or a mapping.
func (d *DocNumber) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err == nil {
		d.Pattern = s
		return nil
	}
	type plain DocNumber
	return unmarshal((*plain)(d))
}

// Format fills the pattern for year and sequence number seq.
func (d DocNumber) Format(year, seq int) string {
	r := strings.NewReplacer("{{年}}", fmt.Sprint(year), "{{序号}}", fmt.Sprint(seq))
	return r.Replace(d.Pattern)
}

// AttachmentRef names one attachment: a ranking table by its id, or a
// forwarded notice (a template rendered as its own document).
type AttachmentRef struct {
	// Ranking is the id of a ranking in Rankings.
	Ranking string `yaml:"ranking"`
	// Notice is a template file whose document is attached as forwarded.
	Notice string `yaml:"notice"`
	// Title overrides the attachment's title.
	Title string `yaml:"title"`
	// FrontMatter sets front-matter items of a forwarded notice (keys as
	// in the template's front matter: 发文机关标志, 发文字号, 署名, 成文日期,
	// …), so that the forwarded notice carries its own issuer; see
	// docs/zh/templates.md.
	FrontMatter map[string]string `yaml:"front_matter"`
	// Attachments are a forwarded notice's own attachments (ranking ids).
	Attachments []AttachmentRef `yaml:"attachments"`
}

// UnmarshalYAML accepts a bare ranking id as shorthand.
func (a *AttachmentRef) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err == nil {
		a.Ranking = s
		return nil
	}
	type plain AttachmentRef
	return unmarshal((*plain)(a))
}

// Schedule is the scheduled service's settings for a report.
type Schedule struct {
	// Cron is a robfig/cron v3 spec, e.g. "0 9 5 1,4,7,10 *".
	Cron string `yaml:"cron"`
	// TimeZone is an IANA zone name; default Asia/Shanghai.
	TimeZone string `yaml:"timezone"`
	// Deadline is how long after a trigger to keep waiting for a late
	// snapshot, as a Go duration ("72h"). Default 72h.
	Deadline string `yaml:"deadline"`
}

// NotFoundError is returned by Load for a folder without report.yaml;
// the caller says how to name the right folder.
type NotFoundError struct{ Path string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("找不到报告定义 %s：报告文件夹应含有 %s", e.Path, FileName)
}

// Load reads dir/report.yaml. Unknown fields are errors, so a misspelt key is
// caught instead of silently ignored. The returned error names the file and
// line.
func Load(dir string) (*Definition, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &NotFoundError{Path: path}
		}
		return nil, fmt.Errorf("读取报告定义: %w", err)
	}
	def, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	def.Dir = dir
	if def.ID == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		def.ID = filepath.Base(abs)
	}
	if ps := def.Validate(); ps.Err() != nil {
		return nil, ps.Err()
	}
	return def, nil
}

// NoticeYAML returns report.yaml's bytes as Load or Parse read them: a
// long-running service hashes the definition it runs with, not a file
// edited since it started.
func (d *Definition) NoticeYAML() []byte { return d.raw }

// Parse decodes a definition from YAML; path is used in messages only.
func Parse(path string, data []byte) (*Definition, error) {
	var def Definition
	lines, err := decodeYAML(path, data, &def)
	if err != nil {
		return nil, err
	}
	def.lines = lines
	def.raw = data
	def.applyDefaults()
	return &def, nil
}

func (d *Definition) applyDefaults() {
	if d.Office.Mark == "" {
		d.Office.Mark = d.Office.Name
	}
	if d.Printer == "" {
		d.Printer = d.Office.Name
	}
	if d.Period == "" {
		d.Period = Quarter.String()
	}
	if d.DocNumber.Start == 0 {
		d.DocNumber.Start = 1
	}
	if d.Office.Author.Name == "" {
		d.Office.Author.Name = d.Office.Name
	}
	if d.Office.Author.Email == "" {
		d.Office.Author.Email = "bulletin@localhost"
	}
	if d.Schedule.TimeZone == "" {
		d.Schedule.TimeZone = "Asia/Shanghai"
	}
	if d.Schedule.Deadline == "" {
		d.Schedule.Deadline = "72h"
	}
}

// Validate checks the definition's own consistency (required fields, ids
// that refer to each other) and returns every problem found.
func (d *Definition) Validate() Problems {
	file := filepath.Join(d.Dir, FileName)
	var ps Problems
	need := func(field, v string) {
		if strings.TrimSpace(v) == "" {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("缺少必填字段 %s", field)})
		}
	}
	need("office.name", d.Office.Name)
	need("title", d.Title)
	need("template", d.Template)
	if !d.HasDatasets() {
		need("unit_column", d.UnitColumn.Header)
	}
	if _, ok := ParseKind(d.Period); !ok {
		ps = append(ps, Problem{File: file, Msg: "period 应为 quarter（季度）、month（月）、half（半年）、year（年）或 asof（截至日期）", Got: d.Period})
	}
	ps = append(ps, d.validateDatasets(file)...)
	for _, id := range d.DatasetIDs() {
		if v := d.Dataset(id); v != nil {
			ps = append(ps, v.validateColumns(file)...)
			ps = append(ps, v.validateIndicators(file)...)
		}
	}
	switch d.TotalRow {
	case "", TotalRowWarn, TotalRowRefuse:
	default:
		ps = append(ps, Problem{File: file, Msg: "total_row 应为 warn（合计行与各单位不符时警告，默认）或 refuse（不符时停止）", Got: d.TotalRow})
	}
	ps = append(ps, d.validateFlow(file)...)
	rankings := map[string]bool{}
	for _, r := range d.Rankings {
		rankings[r.ID] = true
	}
	for i, a := range d.Attachments {
		if a.Ranking != "" && !rankings[a.Ranking] {
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("%s 引用的排名表 %q 不在 rankings 中", d.Ref("attachments", i, "附件", ""), a.Ranking)})
		}
		if a.Ranking == "" && a.Notice == "" {
			ps = append(ps, Problem{File: file, Msg: d.Ref("attachments", i, "附件", "") + " 应写 ranking 或 notice"})
		}
	}
	return ps
}

// Kind is the report's period kind (Quarter unless period: says
// otherwise).
func (d *Definition) Kind() Kind {
	k, _ := ParseKind(d.Period)
	return k
}

// Path resolves a path from the definition relative to its folder.
func (d *Definition) Path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(d.Dir, p)
}

// Column returns the column with the given id, or nil.
func (d *Definition) Column(id string) *Column {
	for i := range d.Columns {
		if d.Columns[i].ID == id {
			return &d.Columns[i]
		}
	}
	return nil
}

// Indicator returns the indicator with the given id, or nil.
func (d *Definition) Indicator(id string) *Indicator {
	for i := range d.Indicators {
		if d.Indicators[i].ID == id {
			return &d.Indicators[i]
		}
	}
	return nil
}

// Ranking returns the ranking with the given id, or nil.
func (d *Definition) Ranking(id string) *Ranking {
	for i := range d.Rankings {
		if d.Rankings[i].ID == id {
			return &d.Rankings[i]
		}
	}
	return nil
}
