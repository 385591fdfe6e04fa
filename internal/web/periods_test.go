package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"math"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
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
	s := newServer(t, arch, web.Options{RefreshEvery: -1, DatasetNames: web.DatasetNames(def)})

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
		"数据（全市各县市区，snapshot-city.json）", ">示例高新区</a></th>", ">考核得分</a></th>",
		"数据（全县各部门，snapshot.json）", "示例县公安局")
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
	cityHistory(t, s, ver)
}

// cityHistory follows the city dataset's figures table of a version page
// to the county's own history and an indicator's, both in that dataset.
func cityHistory(t *testing.T, s http.Handler, ver string) {
	t.Helper()
	// What the archive holds, read back as a user would download it.
	city := map[string]*snapshot.Snapshot{}
	for _, m := range []string{"2022-09", "2022-10"} {
		sn, err := snapshot.Decode([]byte(mustOK(t, s, "/v/monthly-supervision/"+m+"/1/snapshot-city.json")))
		if err != nil {
			t.Fatal(err)
		}
		city[m] = sn
	}
	unitLink := "/unit/monthly-supervision?" + url.Values{"ds": {"city"}, "u": {"示例县"}}.Encode()
	indLink := "/indicator/monthly-supervision?" + url.Values{"ds": {"city"}, "i": {"考核得分"}}.Encode()
	contains(t, "city table links", ver, `href="`+html.EscapeString(unitLink)+`">示例县</a>`,
		`href="`+html.EscapeString(indLink)+`">考核得分</a>`)
	points := func(page string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`<circle class="pt"[^>]*><title>([^<]*)</title>`).FindAllStringSubmatch(page, -1) {
			out = append(out, m[1])
		}
		return out
	}
	num := func(f float64) string { return strconv.FormatFloat(math.Round(f*1e6)/1e6, 'f', -1, 64) }

	// The county's own row of the city's table, one point per archived
	// period that has the city's figures (the imported 2021-10 has not).
	unit := mustOK(t, s, unitLink+"&i="+url.QueryEscape("考核得分"))
	var want []string
	for _, m := range []string{"2022-09", "2022-10"} {
		want = append(want, m+"："+num(city[m].Unit("示例县").Values["考核得分"].Num))
	}
	if got := points(unit); !slices.Equal(got, want) || !slices.Equal(want, []string{"2022-09：95.1", "2022-10：96.2"}) {
		t.Errorf("city unit chart points %q, want %q (2022-09：95.1, 2022-10：96.2 in the sample)", got, want)
	}
	contains(t, "city unit history", unit, "<title>示例县（全市各县市区）：历期数据", "数据集 全市各县市区",
		html.EscapeString(indLink), ">执法人员入驻率</a>")
	if strings.Contains(unit, "2021-10") || strings.Contains(unit, "有办件") {
		t.Error("the city unit history shows the first dataset's period or columns")
	}

	// The indicator over the city's counties: no 合计 row, so the chart is
	// the mean of the counties with a number.
	ind := mustOK(t, s, indLink)
	want = nil
	for _, m := range []string{"2022-09", "2022-10"} {
		var sum float64
		n := 0
		for _, u := range city[m].Units {
			if v, ok := u.Values["考核得分"]; ok && !v.NA && v.Text == "" {
				sum += v.Num
				n++
			}
		}
		want = append(want, m+"："+num(sum/float64(n)))
	}
	if got := points(ind); !slices.Equal(got, want) {
		t.Errorf("city indicator chart points %q, want %q", got, want)
	}
	contains(t, "city indicator history", ind, "<title>考核得分（全市各县市区）：历期数据", "各单位平均",
		html.EscapeString(unitLink+"&i="+url.QueryEscape("考核得分")), ">示例高新区</a>", "95.1", "96.2")

	// A dataset is found only in the archive's own listing.
	for _, ds := range []string{"nope", "dept", "../city", "city/../city", "snapshot-city.json", "city.json",
		"city%00", "..", "/city", strings.Repeat("c", 300)} {
		for _, p := range []string{"/unit/monthly-supervision?" + url.Values{"ds": {ds}, "u": {"示例县"}}.Encode(),
			"/indicator/monthly-supervision?" + url.Values{"ds": {ds}, "i": {"考核得分"}}.Encode()} {
			if res, _ := get(t, s, p); res.StatusCode != 404 {
				t.Errorf("%s: %d, want 404", p, res.StatusCode)
			}
		}
	}
	// A city unit or column is not in the first dataset, nor the other way.
	for _, p := range []string{"/unit/monthly-supervision?u=" + url.QueryEscape("示例县"),
		"/indicator/monthly-supervision?i=" + url.QueryEscape("考核得分"),
		"/unit/monthly-supervision?ds=city&u=" + url.QueryEscape("示例县公安局"),
		"/indicator/monthly-supervision?ds=city&i=" + url.QueryEscape("有办件")} {
		if res, _ := get(t, s, p); res.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, res.StatusCode)
		}
	}
}
