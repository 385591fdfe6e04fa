package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fencedAfter returns the first ``` block after marker in the doc file.
func docFencedAfter(t *testing.T, file, marker string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", file))
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	i := strings.Index(md, marker)
	if i < 0 {
		t.Fatalf("docs/%s has no %s", file, marker)
	}
	rest := md[i:]
	start := strings.Index(rest, "```\n")
	end := strings.Index(rest[start+4:], "\n```")
	if start < 0 || end < 0 {
		t.Fatalf("docs/%s: no fenced block after %s", file, marker)
	}
	return rest[start+4 : start+4+end]
}

// docsReport builds a report folder from docs/zh/report.md's
// datasets example, the monthly sample's data and a template from the
// docs.
func docsReport(t *testing.T, tmpl string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "docs-example")
	if err := os.CopyFS(filepath.Join(dir, "data"), os.DirFS(filepath.Join(monthlyReport, "data"))); err != nil {
		t.Fatal(err)
	}
	yaml := docFencedAfter(t, "zh/report.md", "<!-- datasets-example:report.yaml -->")
	for name, content := range map[string]string{"report.yaml": yaml + "\n", "notice.tmpl": tmpl + "\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// body is a notice.txt's body: the lines after 主送 up to the signature.
func body(t *testing.T, notice string) string {
	t.Helper()
	_, rest, ok := strings.Cut(notice, "：\n")
	if !ok {
		t.Fatalf("no 主送 line in\n%s", notice)
	}
	var lines []string
	for _, l := range strings.Split(rest, "\n") {
		if l == "" {
			break
		}
		lines = append(lines, strings.TrimPrefix(l, "　　"))
	}
	return strings.Join(lines, "\n")
}

// TestDocsDatasetsExample runs the worked examples of
// docs/zh/report.md (datasets, aliases, a monthly period) and
// docs/zh/templates.md through check and run, and
// compares the notices with what the pages show.
func TestDocsDatasetsExample(t *testing.T) {
	for _, ex := range []struct{ file, marker string }{
		{"zh/templates.md", "datasets-example"},
		{"zh/templates.md", "yearago-example"},
	} {
		t.Run(ex.marker, func(t *testing.T) {
			dir := docsReport(t, docFencedAfter(t, ex.file, "<!-- "+ex.marker+":template -->"))
			arch := filepath.Join(t.TempDir(), "archive")
			if ex.marker == "yearago-example" {
				old := filepath.Join(t.TempDir(), "2021-10-部门.xlsx")
				data, err := os.ReadFile(filepath.Join(dir, "data", "2022-09-部门.xlsx"))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(old, data, 0o644); err != nil {
					t.Fatal(err)
				}
				mustRun(t, "import", "--report", dir, "--archive", arch, "--period", "2021-10", old)
			}
			if r := mustRun(t, "check", "--report", dir, "--archive", arch); !strings.Contains(r.stdout, "检查通过") {
				t.Errorf("check:\n%s", r.stdout)
			}
			out := t.TempDir()
			mustRun(t, "run", "--report", dir, "--archive", arch, "--dry-run", "--out", out, "--date", "2022-11-07")
			notice, err := os.ReadFile(filepath.Join(out, "notice.txt"))
			if err != nil {
				t.Fatal(err)
			}
			want := docFencedAfter(t, ex.file, "<!-- "+ex.marker+":output -->")
			if got := body(t, string(notice)); got != want {
				t.Errorf("docs/%s shows\n%s\nbut the notice says\n%s", ex.file, want, got)
			}
		})
	}
}
