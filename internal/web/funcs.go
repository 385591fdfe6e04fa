package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// periodName is a period in words, as notices write it
// (wording.PeriodLabel): 2022年第三季度, 2022年10月, 2022年上半年,
// 2022年度, 截至2021年11月4日.
func periodName(p report.Period) string { return wording.PeriodLabel(p) }

func versionURL(k Key) string {
	return "/v/" + url.PathEscape(k.Report) + "/" + k.Period.String() + "/" + strconv.Itoa(k.Version)
}

func fileURL(k Key, name string) string { return versionURL(k) + "/" + url.PathEscape(name) }

// versionSpec is how a version is named in a diff's query: 2022Q3v2.
func versionSpec(k Key) string { return fmt.Sprintf("%sv%d", k.Period, k.Version) }

func diffURL(a, b Key) string {
	return "/diff/" + url.PathEscape(b.Report) + "?" + url.Values{"a": {versionSpec(a)}, "b": {versionSpec(b)}}.Encode()
}

// unitURL is a unit's history in the report's first dataset.
func unitURL(reportID, unit string) string { return datasetUnitURL(reportID, "", unit) }

// indicatorURL is an indicator's history in the report's first dataset.
func indicatorURL(reportID, ind string) string { return datasetIndicatorURL(reportID, "", ind) }

// datasetUnitURL is a unit's history in one dataset of a report: ds is
// the dataset's id (snapshot-<ds>.json), "" for the first (snapshot.json).
func datasetUnitURL(reportID, ds, unit string) string {
	q := url.Values{"u": {unit}}
	if ds != "" {
		q.Set("ds", ds)
	}
	return "/unit/" + url.PathEscape(reportID) + "?" + q.Encode()
}

// datasetIndicatorURL is an indicator's history in one dataset of a
// report (ds as for datasetUnitURL).
func datasetIndicatorURL(reportID, ds, ind string) string {
	q := url.Values{"i": {ind}}
	if ds != "" {
		q.Set("ds", ds)
	}
	return "/indicator/" + url.PathEscape(reportID) + "?" + q.Encode()
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

var funcs = template.FuncMap{
	"period":       periodName,
	"versionURL":   versionURL,
	"fileURL":      fileURL,
	"diffURL":      diffURL,
	"unitURL":      unitURL,
	"indicatorURL": indicatorURL,
	"date":         date,
	"size":         size,
	"add":          func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	},
}

func queryEscape(s string) string { return url.QueryEscape(s) }

// queryEscapePath percent-encodes a file name for filename*=UTF-8”.
func queryEscapePath(s string) string { return url.PathEscape(s) }
