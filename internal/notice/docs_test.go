package notice_test

import (
	"os"
	"strings"
	"testing"
)

// fenced returns the first ``` block after marker in md.
func fenced(t *testing.T, md, marker string) string {
	t.Helper()
	i := strings.Index(md, marker)
	if i < 0 {
		t.Fatalf("docs/zh/templates.md has no %s", marker)
	}
	rest := md[i:]
	start := strings.Index(rest, "```\n")
	end := strings.Index(rest[start+4:], "\n```")
	if start < 0 || end < 0 {
		t.Fatalf("no fenced block after %s", marker)
	}
	return rest[start+4 : start+4+end]
}

// TestWorkedExample renders the template of docs/zh/templates.md's worked
// example on the sample and compares it with the output the page shows.
func TestWorkedExample(t *testing.T) {
	md, err := os.ReadFile("../../docs/zh/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	tmpl := fenced(t, string(md), "<!-- worked-example:template -->")
	want := fenced(t, string(md), "<!-- worked-example:output -->")
	def := loadSample(t)
	doc, err := renderLocal(t, def, sampleResult(t, def, true), tmpl+"\n")
	if err != nil {
		t.Fatal(err)
	}
	got, _, _ := strings.Cut(doc.Text(), "\n\n附件1\n")
	if *update {
		md := strings.Replace(string(md), want, got, 1)
		if err := os.WriteFile("../../docs/zh/templates.md", []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want {
		t.Errorf("the worked example no longer gives what docs/zh/templates.md shows:\n%s", lineDiff(want, got))
	}
}
