package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/bcrypt"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/web"
)

func contains(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestCatalogue(t *testing.T) {
	s := newServer(t, base(t), web.Options{})
	body := mustOK(t, s, "/")
	contains(t, "catalogue", body, "2022年第三季度", "2022年第二季度", "衡县政务公开办〔2022〕2号", "衡县政务公开办〔2022〕1号",
		"县公安局数据更正", "已被第2版取代", "现行", `href="/v/hengyang-county/2022Q3/2"`, `href="/v/hengyang-county/2022Q3/1/notice.pdf"`)
	// Newest first: 2022Q3 before 2022Q2, version 2 before version 1.
	if strings.Index(body, "2022年第三季度") > strings.Index(body, "2022年第二季度") ||
		strings.Index(body, "/v/hengyang-county/2022Q3/2\"") > strings.Index(body, "/v/hengyang-county/2022Q3/1\"") {
		t.Error("catalogue is not newest first")
	}
	for q, want := range map[string][2]bool{ // shows Q3, shows Q2
		"?quarter=2":                           {false, true},
		"?year=2021":                           {false, false},
		"?text=" + url.QueryEscape("更正"):       {true, false},
		"?report=hengyang-county&year=2022":    {true, true},
		"?report=" + url.QueryEscape("<none>"): {false, false},
	} {
		b := mustOK(t, s, "/"+q)
		if got := [2]bool{strings.Contains(b, "/v/hengyang-county/2022Q3/"), strings.Contains(b, "/v/hengyang-county/2022Q2/")}; got != want {
			t.Errorf("catalogue %s shows (Q3, Q2) = %v, want %v", q, got, want)
		}
	}
}

func TestVersionPage(t *testing.T) {
	s := newServer(t, base(t), web.Options{})
	body := mustOK(t, s, "/v/hengyang-county/2022Q3/2")
	contains(t, "version page", body,
		"重新印发原因：县公安局数据更正", "现行", "衡县政务公开办〔2022〕2号", "成文日期 2022-11-10",
		`<iframe class="pdf" src="/v/hengyang-county/2022Q3/2/notice.pdf"`, `/v/hengyang-county/2022Q3/2/notice.pdf?download=1`,
		"关于2022年第三季度全县“互联网&#43;监管”工作情况的通报", // the notice text (html/template writes + as &#43;)
		"0.4762", "县公安局", "rankings.xlsx", "下载可编辑稿（notice.docx）", "previous/snapshot.json", "report.yaml", "bulletin dev",
		"统计表!N14", // a warning at issue time
		`href="/v/hengyang-county/2022Q3/1"`, "与上一版比较", "与上一期（2022年第二季度）比较")
	v1 := mustOK(t, s, "/v/hengyang-county/2022Q3/1")
	contains(t, "version 1", v1, "已被第2版取代", "0.2619", `href="/v/hengyang-county/2022Q3/2"`, "下一版（第2版）")
}

func TestFiles(t *testing.T) {
	s := newServer(t, base(t), web.Options{})
	res, body := get(t, s, "/v/hengyang-county/2022Q3/2/notice.pdf")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF") ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") {
		t.Fatalf("notice.pdf: %d %v %q", res.StatusCode, res.Header, body[:min(len(body), 8)])
	}
	res, _ = get(t, s, "/v/hengyang-county/2022Q3/2/notice.pdf?download=1")
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, "hengyang-county-2022Q3-v2-notice.pdf") {
		t.Errorf("download: Content-Disposition %q", cd)
	}
	res, body = get(t, s, "/v/hengyang-county/2022Q3/1/notice.docx")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "PK") || !strings.Contains(res.Header.Get("Content-Type"), "wordprocessingml") {
		t.Errorf("notice.docx: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	res, body = get(t, s, "/v/hengyang-county/2022Q3/1/rankings.xlsx")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("rankings.xlsx: %d", res.StatusCode)
	}
	head := httptest.NewRequest(http.MethodHead, "/v/hengyang-county/2022Q3/1/notice.txt", nil)
	res, body = do(t, s, head)
	if res.StatusCode != 200 || body != "" || res.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD notice.txt: %d, %d bytes of body, length %q", res.StatusCode, len(body), res.Header.Get("Content-Length"))
	}
}

func TestDiffPage(t *testing.T) {
	s := newServer(t, base(t), web.Options{})
	body := mustOK(t, s, "/diff/hengyang-county") // default: the last two versions
	contains(t, "diff", body, "2022年第三季度 第1版", "2022年第三季度 第2版", "县公安局数据更正",
		"共 2 项数据变化", "覆盖本级事项条数", `<td class="old">11</td><td class="new"><mark>20</mark></td>`,
		`<td class="old">0.2619</td><td class="new"><mark>0.4762</mark></td>`,
		"2022Q3.xlsx", "snapshot.json",
		// changes inside a line: 监管行为覆盖率26.08% → 27.22%
		`<p class="op del">`, `<p class="op ins">`, "2<mark>7.22</mark>%")
	same := mustOK(t, s, "/diff/hengyang-county?a=2022Q3v2&b=2022Q3v2")
	contains(t, "diff of a version with itself", same, "共 0 项数据变化", "输入完全相同", "正文无变化")
	periods := mustOK(t, s, "/diff/hengyang-county?a=2022Q2&b=2022Q3")
	contains(t, "diff of two periods", periods, "2022年第二季度 第1版", "2022年第三季度 第2版", "县档案局", "新增单位")
	for _, bad := range []string{"?a=2022Q3v9", "?b=2019Q1", "?a=../../x"} {
		if res, _ := get(t, s, "/diff/hengyang-county"+bad); res.StatusCode != 404 {
			t.Errorf("diff %s: %d, want 404", bad, res.StatusCode)
		}
	}
}

func TestTrends(t *testing.T) {
	s := newServer(t, base(t), web.Options{})
	body := mustOK(t, s, "/unit/hengyang-county?u="+url.QueryEscape("县公安局")+"&i="+url.QueryEscape("覆盖率"))
	if n := strings.Count(body, `<circle class="pt"`); n != 2 {
		t.Errorf("unit chart has %d points, want 2 (2022Q2, 2022Q3)", n)
	}
	contains(t, "unit trend", body, "县公安局", "2022Q3：0.4762", "0.4762", "&#43;0.2857", "第")
	ind := mustOK(t, s, "/indicator/hengyang-county?i="+url.QueryEscape("覆盖率"))
	if n := strings.Count(ind, `<circle class="pt"`); n != 2 {
		t.Errorf("indicator chart has %d points, want 2", n)
	}
	contains(t, "indicator trend", ind, "县公安局", "县档案局", "各单位平均")
	for _, p := range []string{"/unit/hengyang-county?u=" + url.QueryEscape("县不存在局"), "/unit/hengyang-county",
		"/indicator/hengyang-county?i=nope", "/unit/other?u=x"} {
		if res, _ := get(t, s, p); res.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, res.StatusCode)
		}
	}
}

func TestSearch(t *testing.T) {
	s := newServer(t, base(t), web.Options{})
	for q, want := range map[string]string{
		"衡县政务公开办〔2022〕1号": "发文字号",
		"县档案局":            "单位",
		"风险线索反馈率100%":     "正文",
	} {
		body := mustOK(t, s, "/search?q="+url.QueryEscape(q))
		contains(t, "search "+q, body, "<mark>"+q+"</mark>", want)
	}
	body := mustOK(t, s, "/search?q="+url.QueryEscape("不会出现的文字"))
	contains(t, "search without hits", body, "找到 0 处")
}

func TestRegister(t *testing.T) {
	s := newServer(t, base(t), web.Options{})
	res, body := get(t, s, "/register.csv")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("register.csv: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// 3 versions × 7 files (the export, snapshot.json, notice.txt,
	// notice.pdf, notice.docx, rankings.xlsx, manifest.json).
	if len(rows) != 1+21 || rows[0][10] != "SHA-256" {
		t.Fatalf("register.csv: %d rows, header %q", len(rows), rows[0])
	}
	_, pdf := get(t, s, "/v/hengyang-county/2022Q3/2/notice.pdf")
	sum := sha256.Sum256([]byte(pdf))
	found := false
	for _, r := range rows {
		if r[1] == "2022Q3" && r[2] == "2" && r[8] == "notice.pdf" {
			found = r[10] == hex.EncodeToString(sum[:]) && r[6] == "县公安局数据更正" && r[7] == "已签发 · 现行" && r[3] == "衡县政务公开办〔2022〕2号"
		}
	}
	if !found {
		t.Errorf("register.csv lacks 2022Q3 v2 notice.pdf with its SHA-256: %q", rows)
	}
	res, body = get(t, s, "/register.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("register.xlsx: %d %v", res.StatusCode, err)
	}
	xrows, _ := f.GetRows("归档目录")
	if len(xrows) != len(rows) || xrows[5][10] != rows[5][10] {
		t.Errorf("register.xlsx has %d rows, csv %d", len(xrows), len(rows))
	}
}

func TestHostileRequests(t *testing.T) {
	s := newServer(t, base(t), web.Options{})
	for _, p := range []string{
		"/v/../../etc/passwd", "/v/hengyang-county/2022Q3/1/../../../../etc/passwd",
		"/v/hengyang-county%2F2022Q3/1", "/v/hengyang-county/2022Q3/1/..%2fmanifest.json",
		"/v/hengyang-county/2022Q3/1/%2Fetc%2Fpasswd", "/v/hengyang-county/2022Q3/1//etc/passwd",
		"/v/hengyang-county/2022Q3/1/..%5c..%5cREADME.md", "/v/hengyang-county/2022Q3/1/.git",
		"/v/hengyang-county/2022Q3/1/README.md", "/v/hengyang-county/2022Q3/01", "/v/hengyang-county/2022q3/1",
		"/v/hengyang-county/2022Q3/3", "/v/%2e%2e/2022Q3/1", "/static/../server.go", "/static/%2e%2e/web_test.go",
		"/etc/passwd", "/v/hengyang-county/2022Q3/1/notice.pdf%00",
	} {
		r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/", nil)
		r.URL, _ = url.Parse(p)
		r.RequestURI = p
		if res, _ := do(t, s, r); res.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, res.StatusCode)
		}
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		if res, _ := do(t, s, httptest.NewRequest(m, "/", nil)); res.StatusCode != 405 || res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: %d", m, res.StatusCode)
		}
	}
	r := httptest.NewRequest(http.MethodGet, "/", strings.NewReader("x"))
	if res, _ := do(t, s, r); res.StatusCode != 413 {
		t.Errorf("GET with a body: %d, want 413", res.StatusCode)
	}
	if res, _ := get(t, s, "/search?q="+strings.Repeat("a", 5000)); res.StatusCode != 414 {
		t.Errorf("long URL: %d, want 414", res.StatusCode)
	}
	res, _ := get(t, s, "/")
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'self'") || !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") ||
		res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("security headers: %v", res.Header)
	}
}

// A unit named <script>, a reason with markup: text on every page. The
// server was started before the version was issued and sees it.
func TestHostileNamesAndNewCommits(t *testing.T) {
	dir := copyArchive(t)
	s := newServer(t, dir, web.Options{RefreshEvery: -1})
	if b := mustOK(t, s, "/"); strings.Contains(b, "第3版") {
		t.Fatal("version 3 before it was issued")
	}
	fixed, err := changedExport(t.TempDir(), map[string]any{"B5": "<script>alert(1)</script>", "L8": 20, "N8": 0.4762})
	if err != nil {
		t.Fatal(err)
	}
	if err := issue(dir, "2022Q3", fixed, `<img src=x onerror=alert(2)>更正`, time.Date(2022, 11, 12, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	pages := []string{"/", "/v/hengyang-county/2022Q3/3", "/diff/hengyang-county",
		"/unit/hengyang-county?u=" + url.QueryEscape("<script>alert(1)</script>"),
		"/indicator/hengyang-county?i=" + url.QueryEscape("覆盖率"), "/search?q=" + url.QueryEscape("<script>")}
	for _, p := range pages {
		b := mustOK(t, s, p)
		if strings.Contains(b, "<script") || strings.Contains(b, "<img src=x") {
			t.Errorf("%s: markup from the archive is not escaped", p)
		}
	}
	contains(t, "catalogue", mustOK(t, s, "/"), "第3版", "&lt;img src=x onerror=alert(2)&gt;更正")
	contains(t, "unit page", mustOK(t, s, pages[3]), "&lt;script&gt;alert(1)&lt;/script&gt;")
}

func TestAccess(t *testing.T) {
	tok := web.Token("0123456789abcdef-token")
	s := newServer(t, base(t), web.Options{Auth: tok})
	res, _ := get(t, s, "/")
	if res.StatusCode != 401 || !strings.Contains(res.Header.Get("WWW-Authenticate"), "Basic") {
		t.Fatalf("no credentials: %d %v", res.StatusCode, res.Header)
	}
	for _, c := range []struct {
		set  func(*http.Request)
		want int
	}{
		{func(r *http.Request) { r.SetBasicAuth("anyone", string(tok)) }, 200},
		{func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+string(tok)) }, 200},
		{func(r *http.Request) { r.Header.Set("Authorization", "Bearer wrong") }, 401},
		{func(r *http.Request) { r.SetBasicAuth("anyone", string(tok)+"x") }, 401},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		c.set(r)
		if res, _ := do(t, s, r); res.StatusCode != c.want {
			t.Errorf("token: %v, want %d", res.StatusCode, c.want)
		}
	}
	h, _ := bcrypt.GenerateFromPassword([]byte("档案室密码123"), bcrypt.MinCost)
	users, err := web.ParseUsers("users", []byte("# 档案室\nzhang:"+string(h)+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	s = newServer(t, base(t), web.Options{Auth: users})
	for _, c := range []struct {
		user, pw string
		want     int
	}{{"zhang", "档案室密码123", 200}, {"zhang", "wrong", 401}, {"li", "档案室密码123", 401}} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.SetBasicAuth(c.user, c.pw)
		if res, _ := do(t, s, r); res.StatusCode != c.want {
			t.Errorf("user %s: %d, want %d", c.user, res.StatusCode, c.want)
		}
	}
	if _, err := web.ParseUsers("users.txt", []byte("zhang:plaintext\n")); err == nil || !strings.Contains(err.Error(), "users.txt 第1行") {
		t.Errorf("a plain password in the users file: %v", err)
	}
}

// A past period recorded without a notice (as `bulletin import` does):
// shown as imported data, the same period a year earlier is linked, and
// it is one more point of each trend.
func TestImportedPeriodAndYearBefore(t *testing.T) {
	dir := copyArchive(t)
	s := newServer(t, dir, web.Options{RefreshEvery: -1})
	snap := []byte(mustOK(t, s, "/v/hengyang-county/2022Q2/1/snapshot.json"))
	a, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	p, _ := report.ParsePeriod("2021Q3")
	sum := sha256.Sum256(snap)
	if _, commit, err := a.Put(archive.Issuance{
		Manifest: archive.Manifest{Report: "hengyang-county", Period: p, Imported: true, Program: "bulletin test",
			Inputs: map[string]string{"snapshot.json": hex.EncodeToString(sum[:])}},
		Files:  []archive.File{{Name: "snapshot.json", Data: snap}},
		Author: report.Identity{Name: "档案室", Email: "archive@example.invalid"},
	}); err != nil || commit == "" {
		t.Fatal(commit, err)
	}
	cat := mustOK(t, s, "/")
	contains(t, "catalogue", cat, "2021年第三季度", "历史数据（导入，无通报）")
	if strings.Contains(cat, "/v/hengyang-county/2021Q3/1/notice.pdf") {
		t.Error("the catalogue links a PDF of an imported period")
	}
	contains(t, "version page", mustOK(t, s, "/v/hengyang-county/2022Q3/2"), "上年同期（2021年第三季度）",
		`href="/v/hengyang-county/2021Q3/1"`)
	mustOK(t, s, "/v/hengyang-county/2021Q3/1")
	unit := mustOK(t, s, "/unit/hengyang-county?u="+url.QueryEscape("县公安局")+"&i="+url.QueryEscape("覆盖率"))
	if n := strings.Count(unit, `<circle class="pt"`); n != 3 {
		t.Errorf("unit chart has %d points, want 3 (2021Q3, 2022Q2, 2022Q3)", n)
	}
}
