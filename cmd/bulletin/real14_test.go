package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/archive"
)

// Issue 14, items 1, 2, 3 and 6, through the command line: what a new
// office meets with its platform's real exports.

const onlineReport = "../../reports/online-service"

// copyOnline copies the online-service sample into a temporary folder.
func copyOnline(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "online-service")
	if err := os.CopyFS(dir, os.DirFS(onlineReport)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// editXLSX sets cells of the 统计表 sheet of an export in place.
func editXLSX(t *testing.T, path string, kv ...any) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := 0; i < len(kv); i += 2 {
		if err := f.SetCellValue("统计表", kv[i].(string), kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func manifestOf(t *testing.T, arch, id, period string) archive.Manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(arch, id, period, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m archive.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Item 1: the export's own 合计 row says 即办件数 190 and 事项总数 568 where
// its rows add up to 188 and 543. check and run warn, naming each cell with
// the figure stated and the one computed; the notice is the one the rows
// give; the manifest, bulletin log and bulletin diff show the warnings.
// total_row: refuse in report.yaml makes the same export stop the run.
func TestTotalRowThatDisagreesIsAWarning(t *testing.T) {
	dir := copyOnline(t)
	arch := filepath.Join(t.TempDir(), "archive")
	mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2024-07-10")
	clean := readText(t, filepath.Join(arch, "online-service", "2024Q2", "notice.txt"))

	editXLSX(t, filepath.Join(dir, "data", "2024Q2.xlsx"), "J13", 190, "C13", 568)
	wants := []string{
		`2024Q2.xlsx 统计表!J13：警告：合计行「即办件数」为 190，但各单位之和为 188（实际为 "190"）。通报采用按各单位计算的数`,
		`2024Q2.xlsx 统计表!C13：警告：合计行「政务服务事项网上办理深度/事项总数」为 568，但各单位之和为 543`,
		// The definition's own check, on the 合计 row, names its cell too.
		`2024Q2.xlsx 统计表!C13：警告：合计行：各深度级别事项数之和应等于事项总数`,
	}
	c := bulletin(t, "check", "--report", dir, "--archive", arch, "--date", "2024-07-10")
	if c.code != 0 {
		t.Fatalf("check: exit %d\n%s%s", c.code, c.stdout, c.stderr)
	}
	for _, w := range wants {
		if !strings.Contains(c.stdout+c.stderr, w) {
			t.Errorf("check does not say\n%s\nit says:\n%s%s", w, c.stdout, c.stderr)
		}
	}
	r := mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2024-07-10", "--reason", "平台重新导出")
	for _, w := range wants {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("run does not say\n%s\nit says:\n%s", w, r.stderr)
		}
	}
	if got := readText(t, filepath.Join(arch, "online-service", "2024Q2", "notice.txt")); got != clean {
		t.Errorf("the notice changed with the 合计 row; it should use the rows' figures:\n%s", got)
	}
	m := manifestOf(t, arch, "online-service", "2024Q2")
	for _, w := range wants {
		found := false
		for _, mw := range m.Warnings {
			// the manifest keeps the library's words; the command
			// writes the colon after the cell full-width
			found = found || strings.Contains(mw, strings.Replace(w, "：警告", ": 警告", 1))
		}
		if !found {
			t.Errorf("manifest warnings %q lack %s", m.Warnings, w)
		}
	}
	l := mustRun(t, "log", "--archive", arch)
	if !strings.Contains(l.stdout, "警告3条") || !strings.Contains(l.stdout, "\t"+wants[0]) {
		t.Errorf("bulletin log does not show the warnings:\n%s", l.stdout)
	}
	d := mustRun(t, "diff", "--archive", arch, "online-service", "2024Q2")
	if !strings.Contains(d.stdout, "第2版的警告：\n") || !strings.Contains(d.stdout, "  "+wants[0]+"\n") {
		t.Errorf("bulletin diff does not show the warnings:\n%s", d.stdout)
	}

	// The strict behaviour, set explicitly.
	editFile(t, filepath.Join(dir, "report.yaml"), "\ncolumns:", "\ntotal_row: refuse\n\ncolumns:")
	strict := filepath.Join(t.TempDir(), "strict")
	s := bulletin(t, "run", "--report", dir, "--archive", strict, "--date", "2024-07-10")
	if s.code != 1 || !strings.Contains(s.stderr, "2024Q2.xlsx 统计表!J13：合计行「即办件数」为 190，但各单位之和为 188") ||
		!strings.Contains(s.stderr, "total_row: refuse") {
		t.Fatalf("with total_row: refuse, run: exit %d\n%s", s.code, s.stderr)
	}
	if _, err := os.Stat(filepath.Join(strict, "online-service")); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote into the archive: %v", err)
	}
	editFile(t, filepath.Join(dir, "report.yaml"), "total_row: refuse", "total_row: maybe")
	if s := bulletin(t, "check", "--report", dir, "--archive", strict); s.code != 1 || !strings.Contains(s.stderr, "total_row 应为 warn") {
		t.Errorf("total_row: maybe: exit %d\n%s", s.code, s.stderr)
	}
}

// riskReport is the bundled sample with a third ranking, by 风险线索反馈率,
// which only 2 of the 23 departments have (the others' cells are /), with
// a 合计 row; and a template naming the lowest-ranked units.
func riskReport(t *testing.T, unranked string) string {
	t.Helper()
	dir := copyReport(t)
	yaml := filepath.Join(dir, "report.yaml")
	editFile(t, yaml, "\ntemplate: tongbao.tmpl\nattachments: [progress, coverage]", `
  - id: risk
    title: 衡阳县各单位风险线索反馈率排名
    by: RiskFeedback
    show_change: true
    unranked: `+unranked+`
    total: 合计
    columns: [Covered, Matters, CoverageRate, RiskFeedback]

template: risk.tmpl
attachments: [coverage, risk]`)
	tmpl := `标题：关于{{.Period.Label}}风险线索反馈情况的通报
---
一、总体情况
{{withValues "RiskFeedback" (ranked "risk")}}参与排名，{{len (unranked "risk")}}个单位无此项数据，不参与排名。
二、存在问题
{{withValues "RiskFeedback" (last 2 (ranked "risk"))}}提升空间较大。县发改局{{rank "risk" "县发改局"}}；县卫生健康局{{rank "risk" "县卫生健康局"}}。
{{range $i, $a := .Attachments}}{{if eq $i 0}}附件：{{end}}{{add $i 1}}. {{$a.Title}}
{{end}}`
	if err := os.WriteFile(filepath.Join(dir, "risk.tmpl"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Items 2 and 3: units without a value take no rank. They are listed after
// the ranked ones with / as rank and rank change (or left out), never reach
// ranked/last, and the PDF, notice.txt and rankings.xlsx agree; the 合计
// row sums the counts and gives the ratio of the sums.
func TestUnitsWithoutValueTakeNoRank(t *testing.T) {
	dir := riskReport(t, "last")
	arch := filepath.Join(t.TempDir(), "archive")
	if c := bulletin(t, "check", "--report", dir, "--archive", arch, "--date", "2022-11-04"); c.code != 0 {
		t.Fatalf("check: exit %d\n%s%s", c.code, c.stdout, c.stderr)
	}
	mustRun(t, "run", "--report", dir, "--archive", arch, "--date", "2022-11-04")
	out := filepath.Join(arch, "hengyang-county", "2022Q3")
	text := readText(t, filepath.Join(out, "notice.txt"))
	for _, want := range []string{
		"县卫生健康局（100%）、县应急管理局（100%）参与排名，21个单位无此项数据，不参与排名。",
		"县卫生健康局（100%）、县应急管理局（100%）提升空间较大。县发改局未参与排名；县卫生健康局并列第1位",
		"并列1 | 县卫生健康局 | 4 | 35 | 11.43% | 100% |",
		"/ | 县发改局 | 5 | 5 | 100% | / | /",
		"/ | 县档案局 | ",
		" | 合计 | 206 | 790 | 26.08% | 100% | ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("notice.txt lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "（/）") || strings.Contains(text, "| 0 |") {
		t.Errorf("notice.txt names a unit without a value or ranks it 0:\n%s", text)
	}
	// Page numbers (—1—) out, as a reader reads across a page break.
	pdf := regexp.MustCompile(`—\d+—`).ReplaceAllString(squash(pdfText(t, filepath.Join(out, "notice.pdf"))), "")
	for _, want := range []string{"县卫生健康局（100%）、县应急管理局（100%）提升空间较大", "/县发改局55100%//", "20679026.08%100%合计"} {
		if !strings.Contains(pdf, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, pdf)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(out, "rankings.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("衡阳县各单位风险线索反馈率排名")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r, "|"))
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"并列1|县卫生健康局|4|35|11.43%|100.00%|", "/|县发改局|5|5|100.00%|/|/", "|合计|206|790|26.08%|100.00%"} {
		if !strings.Contains(all, want) {
			t.Errorf("rankings.xlsx lacks %q:\n%s", want, all)
		}
	}
	if last := got[len(got)-1]; !strings.HasPrefix(last, "|合计|") {
		t.Errorf("rankings.xlsx's last row is %q, want the 合计 row", last)
	}

	// unranked: omit leaves them out; the 合计 row is then the two listed.
	dir = riskReport(t, "omit")
	dry := t.TempDir()
	mustRun(t, "run", "--report", dir, "--dry-run", "--out", dry, "--date", "2022-11-04")
	text = readText(t, filepath.Join(dry, "notice.txt"))
	for _, want := range []string{"县发改局未参与排名", " | 合计 | 7 | 49 | 14.29% | 100% | "} {
		if !strings.Contains(text, want) {
			t.Errorf("unranked: omit: notice.txt lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "| 县发改局 | 5 | 5 | 100% | /") {
		t.Errorf("unranked: omit lists 县发改局:\n%s", text)
	}
	dir = riskReport(t, "hide")
	if c := bulletin(t, "check", "--report", dir, "--archive", arch); c.code != 1 || !strings.Contains(c.stderr, "unranked 应为 last") {
		t.Errorf("unranked: hide: exit %d\n%s", c.code, c.stderr)
	}
}

// withTemplate is the bundled sample with its notice template replaced.
func withTemplate(t *testing.T, body string) string {
	t.Helper()
	dir := copyReport(t)
	editFile(t, filepath.Join(dir, "report.yaml"), "template: tongbao.tmpl", "template: own.tmpl")
	src := "标题：关于{{.Period.Label}}的通报\n---\n" + body + "\n附件：1. 统计表\n2. 排名\n"
	if err := os.WriteFile(filepath.Join(dir, "own.tmpl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Item 6: check renders the templates on the period's figures exactly as
// run does when they are there, and on sample figures only when they are
// not; the static checks cover every branch either way.
func TestCheckAgreesWithRunOnTemplates(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	// A real unit named in the template: check used to refuse it (没有名为
	// 县农业农村局 的单位), with the period's data and without.
	dir := withTemplate(t, "县农业农村局监管行为覆盖率{{value \"CoverageRate\" \"县农业农村局\"}}，{{rank \"coverage\" \"县农业农村局\"}}。")
	for _, period := range []string{"2022Q3", "2023Q1"} { // 2023Q1: no export yet
		c := bulletin(t, "check", "--report", dir, "--archive", arch, "--period", period, "--date", "2022-11-04")
		if strings.Contains(c.stderr, "own.tmpl") {
			t.Errorf("check %s refuses a real unit:\n%s", period, c.stderr)
		}
	}
	if r := bulletin(t, "run", "--report", dir, "--dry-run", "--out", t.TempDir(), "--date", "2022-11-04"); r.code != 0 {
		t.Fatalf("run: exit %d\n%s", r.code, r.stderr)
	}
	// So does the worked example of docs/zh/templates.md (县水利局).
	example := fencedAfter(t, readText(t, "../../docs/zh/templates.md"), "<!-- worked-example:template -->")
	dir = copyReport(t)
	editFile(t, filepath.Join(dir, "report.yaml"), "template: tongbao.tmpl", "template: mulu.tmpl")
	if err := os.WriteFile(filepath.Join(dir, "mulu.tmpl"), []byte(example+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, period := range []string{"2022Q3", "2023Q1"} {
		c := bulletin(t, "check", "--report", dir, "--archive", arch, "--period", period, "--date", "2022-11-04")
		if strings.Contains(c.stderr, "mulu.tmpl") || (period == "2022Q3" && c.code != 0) {
			t.Errorf("check %s of docs/zh/templates.md's worked example: exit %d\n%s", period, c.code, c.stderr)
		}
	}

	// A branch only the real figures reach, failing: check fails as run
	// does, at the same place.
	dir = withTemplate(t, "全县{{len .Units}}家单位。\n{{if eq (len .Units) 23}}{{index .Units 30}}{{end}}")
	c := bulletin(t, "check", "--report", dir, "--archive", arch, "--date", "2022-11-04")
	r := bulletin(t, "run", "--report", dir, "--dry-run", "--out", t.TempDir(), "--date", "2022-11-04")
	if c.code != 1 || r.code != 1 || !strings.Contains(c.stderr, "own.tmpl:4:") || !strings.Contains(r.stderr, "own.tmpl:4:") {
		t.Errorf("check (exit %d) and run (exit %d) disagree:\n%s\n%s", c.code, r.code, c.stderr, r.stderr)
	}

	// Mistakes in branches this period does not print, found statically
	// with their line, column and the valid names: a misspelt field,
	// len of a count.
	dir = withTemplate(t, "全县{{len .Units}}家单位。\n{{if eq (len .Units) 99}}{{(ind \"ClaimRate\").Totl}}{{end}}\n{{with ind \"ClaimRate\"}}{{if .HasTarget}}{{len .NotMet}}个单位未达标，{{names .NotMetUnits}}。{{end}}{{end}}")
	c = bulletin(t, "check", "--report", dir, "--archive", arch, "--date", "2022-11-04")
	for _, want := range []string{
		"own.tmpl:4:45：没有名为 Totl 的字段；可用：ID、Name、Unit、",
		"own.tmpl:5:44: len 只能用于名单、文字或映射，这里是一个数（int），直接写出即可：如 .Met、.NotMet 是单位个数，名单是 .MetUnits、.NotMetUnits",
	} {
		if c.code != 1 || !strings.Contains(c.stderr, want) {
			t.Errorf("check: exit %d, want %s in:\n%s", c.code, want, c.stderr)
		}
	}
	// Without the period's export, the same.
	c = bulletin(t, "check", "--report", dir, "--archive", arch, "--period", "2023Q1", "--date", "2022-11-04")
	if !strings.Contains(c.stderr, "own.tmpl:4:45：没有名为 Totl 的字段") || !strings.Contains(c.stderr, "own.tmpl:5:44: len 只能用于") {
		t.Errorf("check without data:\n%s", c.stderr)
	}
}

// fencedAfter returns the first ``` block after marker in md.
func fencedAfter(t *testing.T, md, marker string) string {
	t.Helper()
	i := strings.Index(md, marker)
	if i < 0 {
		t.Fatalf("no %s", marker)
	}
	rest := md[i:]
	open := strings.Index(rest, "```")
	body := rest[open:]
	body = body[strings.Index(body, "\n")+1:]
	if strings.HasPrefix(body, "```") {
		return ""
	}
	end := strings.Index(body, "\n```")
	if end < 0 {
		t.Fatalf("unclosed block after %s", marker)
	}
	return body[:end]
}

// TestUnrankedDocsExample: docs/zh/templates.md's example of units without a
// value passes check and gives the notice the page shows
// (BULLETIN_UPDATE_DOCS=1 rewrites it).
func TestUnrankedDocsExample(t *testing.T) {
	const page = "../../docs/zh/templates.md"
	md := readText(t, page)
	yaml := fencedAfter(t, md, "<!-- unranked-example:yaml -->")
	tmpl := fencedAfter(t, md, "<!-- unranked-example:template -->")
	want := fencedAfter(t, md, "<!-- unranked-example:output -->")
	entry, rest, ok := strings.Cut(yaml[strings.Index(yaml, "  - id: risk"):], "\n\ntemplate:")
	if !ok {
		t.Fatalf("the yaml block has no template: line:\n%s", yaml)
	}
	dir := copyReport(t)
	editFile(t, filepath.Join(dir, "report.yaml"), "\ntemplate: tongbao.tmpl\nattachments: [progress, coverage]",
		"\n"+entry+"\n\ntemplate:"+rest)
	if err := os.WriteFile(filepath.Join(dir, "risk.tmpl"), []byte(tmpl+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	arch := filepath.Join(t.TempDir(), "archive")
	if c := bulletin(t, "check", "--report", dir, "--archive", arch, "--date", "2022-11-04"); c.code != 0 {
		t.Fatalf("check: exit %d\n%s%s", c.code, c.stdout, c.stderr)
	}
	out := t.TempDir()
	mustRun(t, "run", "--report", dir, "--dry-run", "--out", out, "--date", "2022-11-04")
	got := strings.TrimRight(readText(t, filepath.Join(out, "notice.txt")), "\n")
	if os.Getenv("BULLETIN_UPDATE_DOCS") != "" {
		i := strings.Index(md, "<!-- unranked-example:output -->")
		j := i + strings.Index(md[i:], "```\n") + 4
		k := j + strings.Index(md[j:], "```")
		if err := os.WriteFile(page, []byte(md[:j]+strings.TrimRight(got, "\n")+"\n"+md[k:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want {
		t.Errorf("docs/zh/templates.md's example of units without a value gives:\n%s", got)
	}
	if strings.Contains(got, "（/）") {
		t.Errorf("the example names a unit without a value:\n%s", got)
	}
}

// TestTotalRowDescribedOnce: README, docs/zh/data.md, docs/zh/report.md
// and docs/zh/templates.md describe a 合计 row
// that disagrees with its rows in the same words.
func TestTotalRowDescribedOnce(t *testing.T) {
	const same = "合计/总计行与各单位的行不符时是警告，指出每个单元格、合计行填的数和各单位算出的数；通报采用按各单位计算的数。在 report.yaml 中写 `total_row: refuse`，则改为停止运行的错误"
	for _, page := range []string{"../../README.md", "../../docs/zh/data.md", "../../docs/zh/report.md", "../../docs/zh/templates.md"} {
		text := strings.Join(strings.Fields(readText(t, page)), "")
		if !strings.Contains(text, strings.Join(strings.Fields(same), "")) {
			t.Errorf("%s does not say: %s", page, same)
		}
	}
}
