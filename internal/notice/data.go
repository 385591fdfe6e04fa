package notice

import (
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// Data is what a template sees as dot. Its field names are part of the
// template contract documented in docs/zh/templates.md; the figures
// themselves are the metrics.Result's (docs/template-data.md).
type Data struct {
	// Period is the period the notice is about; Prev the one compared
	// against (valid when HasPrev).
	Period  PeriodInfo
	Prev    PeriodInfo
	HasPrev bool
	// PrevWord names the compared period in running text: 上季度.
	PrevWord string
	// AsOf is the 统计截止时间 of the snapshot, when it states one.
	AsOf *time.Time
	// Date is the 成文日期 of this issuance.
	Date time.Time

	// Office is the issuing organ from report.yaml (.Office.Name,
	// .Office.Mark).
	Office report.Office
	// DocNumber is the filled 发文字号, e.g. 衡县政务公开办〔2022〕1号.
	DocNumber string
	// Title is the filled report title (empty while the title itself is
	// being filled).
	Title string
	// Recipients is the 主送机关 from report.yaml.
	Recipients string
	// CC and Printer are the 版记's 抄送 and 印发机关 from report.yaml.
	CC      []string
	Printer string

	// Indicators, Units, NewUnits, GoneUnits and Rankings are the
	// Result's, for range loops.
	Indicators []*metrics.Indicator
	Units      []*metrics.Unit
	NewUnits   []string
	GoneUnits  []string
	Rankings   []*metrics.Ranking
	// Attachments are this notice's attachments, built before the body
	// so that the body can name them ({{range .Attachments}}{{.Title}}).
	Attachments []*Attachment

	// Datasets are a report's further datasets' figures by id (reports
	// with datasets:): {{(index .Datasets "city").Units}}; see also the
	// dataset function.
	Datasets map[string]*metrics.Result

	// Result and Report give access to everything else.
	Result *metrics.Result
	Report *report.Definition

	yearAgoRead func()
}

// YearAgo is the figures compared with the same period a year earlier
// (同比): {{with .YearAgo}}{{(index .Indicators 0).Delta}}{{end}}; nil when
// the archive does not hold that period.
func (d *Data) YearAgo() *metrics.Result {
	if d.yearAgoRead != nil {
		d.yearAgoRead()
	}
	return d.Result.YearAgo
}

// PeriodInfo is a period with its Chinese names. It embeds report.Period
// (.Kind, .Year, .Quarter, .Month, .Half, .Day).
type PeriodInfo struct {
	report.Period
	// Label is the full name: 2022年第三季度, 2022年10月, 2022年上半年,
	// 2022年度, 截至2021年11月4日.
	Label string
	// Name is the short name: 三季度, 10月, 上半年, 全年, 11月4日.
	Name string
	// Ordinal is the quarter with 第: 第三季度 (other kinds: Name).
	Ordinal string
}

func periodInfo(p report.Period) PeriodInfo {
	if p.IsZero() {
		return PeriodInfo{}
	}
	return PeriodInfo{Period: p, Label: wording.PeriodLabel(p), Name: wording.QuarterName(p), Ordinal: wording.QuarterOrdinal(p)}
}

// newData assembles the template data for one render.
func newData(def *report.Definition, res *metrics.Result, opts Options, atts []*Attachment) *Data {
	d := &Data{
		Period:      periodInfo(res.Period),
		HasPrev:     res.HasPrev,
		AsOf:        res.AsOf,
		Date:        opts.Date,
		Office:      def.Office,
		Recipients:  def.Recipients,
		CC:          def.CC,
		Printer:     def.Printer,
		Indicators:  res.Indicators,
		Units:       res.Units,
		NewUnits:    res.NewUnits,
		GoneUnits:   res.GoneUnits,
		Rankings:    res.Rankings,
		Attachments: atts,
		Datasets:    res.Datasets,
		Result:      res,
		Report:      def,
		yearAgoRead: opts.YearAgoRead,
	}
	prev := res.Prev
	if prev.IsZero() {
		prev = res.Period.Prev()
	}
	d.Prev = periodInfo(prev)
	d.PrevWord = wording.PrevWord(res.Period, prev)
	switch {
	case opts.DocNumber != "":
		d.DocNumber = opts.DocNumber
	case def.DocNumber.Pattern != "":
		d.DocNumber = def.DocNumber.Format(opts.Date.Year(), seq(def, opts))
	}
	return d
}

func seq(def *report.Definition, opts Options) int {
	if opts.Seq > 0 {
		return opts.Seq
	}
	if def.DocNumber.Start > 0 {
		return def.DocNumber.Start
	}
	return 1
}
