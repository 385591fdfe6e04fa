package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/web"
)

const monthlySample = "../../reports/monthly-supervision"

// Issue 14's periods and datasets in the web view, on an archive the
// pipeline builds from the bundled monthly report (two datasets) beside
// the quarterly sample: periods are labelled as notices label them, the
// catalogue filters by period kind, a month links the same month a year
// earlier and compares with the month before, and the city's dataset has
// its own figures table.
func TestMonthlyReportWithDatasets(t *testing.T) {
	def, err := report.Load(monthlySample)
	if err != nil {
		t.Fatal(err)
	}
	arch := filepath.Join(t.TempDir(), "archive")
	for _, m := range []string{"2022-09", "2022-10"} {
		p, _ := report.ParsePeriod(m)
		if _, err := pipeline.Issue(context.Background(), pipeline.Options{Report: def, Period: p, ArchiveDir: arch,
			Date: time.Date(2022, time.Month(p.Month)+1, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := issue(arch, "2022Q3", "", "", time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, arch, web.Options{RefreshEvery: -1})

	// A year earlier, recorded as imported data (as bulletin import does).
	snap := []byte(mustOK(t, s, "/v/monthly-supervision/2022-10/1/snapshot.json"))
	a, err := archive.Open(arch)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(snap)
	p, _ := report.ParsePeriod("2021-10")
	if _, _, err := a.Put(archive.Issuance{
		Manifest: archive.Manifest{Report: "monthly-supervision", Period: p, Imported: true, Program: "bulletin test",
			Inputs: map[string]string{"snapshot.json": hex.EncodeToString(sum[:])}},
		Files:  []archive.File{{Name: "snapshot.json", Data: snap}},
		Author: report.Identity{Name: "档案室", Email: "archive@example.invalid"},
	}); err != nil {
		t.Fatal(err)
	}
	a.Close()

	cat := mustOK(t, s, "/")
	contains(t, "catalogue", cat, "2022年10月", "2022年9月", "2021年10月", "2022年第三季度",
		`<select name="kind">`, `<option value="month">月</option>`, `<option value="quarter">季度</option>`)
	for q, want := range map[string][2]bool{ // shows a month, shows a quarter
		"?kind=month":           {true, false},
		"?kind=quarter":         {false, true},
		"?kind=year":            {false, false},
		"?quarter=3":            {false, true},
		"?kind=month&year=2021": {true, false},
		"?text=" + url.QueryEscape("2022年10月"): {true, false},
	} {
		b := mustOK(t, s, "/"+q)
		if got := [2]bool{strings.Contains(b, "/v/monthly-supervision/"), strings.Contains(b, "/v/hengyang-county/")}; got != want {
			t.Errorf("catalogue %s shows (month, quarter) = %v, want %v", q, got, want)
		}
	}
	if b := mustOK(t, s, "/?kind=month&year=2021"); strings.Contains(b, "/v/monthly-supervision/2022-") {
		t.Error("the year filter lets 2022's months through")
	}

	ver := mustOK(t, s, "/v/monthly-supervision/2022-10/1")
	contains(t, "month's version page", ver, "monthly-supervision · 2022年10月 · 第1版",
		"上年同期（2021年10月）", `href="/v/monthly-supervision/2021-10/1"`,
		"与上一期（2022年9月）比较", `href="/diff/monthly-supervision?a=2022-09v1&amp;b=2022-10v1"`,
		"数据（snapshot-city.json）", "<th>示例高新区</th>", "<th>考核得分</th>",
		"数据（snapshot.json）", "示例县公安局")
	diff := mustOK(t, s, "/diff/monthly-supervision?a=2022-09v1&b=2022-10v1")
	contains(t, "month diff", diff, "2022年9月", "2022年10月")
	mustOK(t, s, "/diff/monthly-supervision?a=2021-10&b=2022-10")
	if res, _ := get(t, s, "/diff/monthly-supervision?a=2022-9v1&b=2022-10v1"); res.StatusCode != 404 {
		t.Errorf("a period not in its canonical form: %d", res.StatusCode)
	}
	unit := mustOK(t, s, "/unit/monthly-supervision?u="+url.QueryEscape("示例县公安局"))
	contains(t, "unit trend", unit, "2022年9月", "2022年10月")
	ind := mustOK(t, s, "/indicator/monthly-supervision?i="+url.QueryEscape("有办件"))
	contains(t, "indicator trend", ind, "2022年10月", "示例县公安局")
	mustOK(t, s, "/search?q="+url.QueryEscape("公安"))
	mustOK(t, s, "/register.csv")
}
