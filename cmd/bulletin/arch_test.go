package main

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The package map of README's "How it works", checked against what the
// packages import (go list): each package imports only the packages its
// row allows, nothing imports cmd, test-support packages are imported by
// tests only, and each third-party library by its one package. A new arrow
// is a change of the map: add it here and to README's table.

const module = "github.com/bulletin-gov/bulletin/"

// mayImport is, for each package of the module, the module's packages it
// may import (module-relative). Packages imported by tests only are in
// testOnly instead of any row.
var mayImport = map[string][]string{
	"fonts":                 nil, // the bundled font files
	"templates":             nil, // the bundled templates
	"internal/report":       nil, // the leaf everything may import
	"internal/notify":       {"internal/report"},
	"internal/source":       {"internal/report"},
	"internal/snapshot":     {"internal/report", "internal/source"},
	"internal/metrics":      {"internal/report", "internal/snapshot"},
	"internal/wording":      {"internal/report", "internal/metrics"},
	"internal/notice":       {"internal/report", "internal/metrics", "internal/wording", "templates"},
	"internal/fonts":        {"fonts"},
	"internal/gongwen":      {"internal/report", "internal/notice", "internal/wording", "internal/fonts"},
	"internal/gongwen/pdf":  {"internal/report", "internal/gongwen", "internal/fonts"},
	"internal/gongwen/docx": {"internal/report", "internal/gongwen", "internal/fonts"},
	"internal/workbook":     {"internal/report", "internal/metrics", "internal/wording"},
	"internal/archive":      {"internal/report"},
	"internal/pdfsign":      nil,
	"internal/pipeline": {"internal/report", "internal/source", "internal/snapshot", "internal/metrics",
		"internal/wording", "internal/notice", "internal/fonts", "internal/gongwen", "internal/gongwen/pdf",
		"internal/gongwen/docx", "internal/workbook", "internal/archive", "internal/pdfsign", "internal/notify", "templates"},
	"internal/schedule": {"internal/report"},
	// The web view reads the archive through pipeline and archive, and
	// decodes and words what it read with the packages that own it.
	"internal/web": {"internal/report", "internal/archive", "internal/pipeline", "internal/snapshot",
		"internal/wording", "internal/workbook"},
	"cmd/bulletin": {"internal/report", "internal/source", "internal/pipeline", "internal/schedule",
		"internal/archive", "internal/pdfsign", "internal/notify", "internal/web", "internal/wording"},
	"cmd/serveload": {"internal/report", "internal/snapshot", "internal/pipeline", "internal/archive"},
}

// testOnly are the test-support packages, with what they may import.
var testOnly = map[string][]string{
	"internal/sample":              nil,
	"internal/pdftest":             {"internal/fonts", "internal/gongwen", "internal/gongwen/pdf", "internal/notice"},
	"internal/pdfsign/pdfsigntest": {"internal/pdfsign", "internal/pdftest"},
	"internal/notify/notifytest":   nil,
}

// libraries is each third-party library (module path prefix) and the
// packages that may import it outside tests.
var libraries = map[string][]string{
	"github.com/johnfercher/maroto/v2": {"internal/gongwen/pdf"},
	"github.com/johnfercher/go-tree":   {"internal/gongwen/pdf"},
	"github.com/phpdave11/gofpdf":      {"internal/gongwen/pdf"},
	"github.com/xuri/excelize/v2":      {"internal/snapshot", "internal/workbook"}, // the reader and the writer
	"github.com/go-git/":               {"internal/archive"},
	"github.com/robfig/cron/v3":        {"internal/schedule"},
	"github.com/goccy/go-yaml":         {"internal/report"},
	"github.com/expr-lang/expr":        {"internal/metrics"},
	"golang.org/x/text":                {"internal/snapshot"},
	"github.com/aymanbagabas/go-udiff": {"internal/pipeline"},
	"github.com/smallstep/pkcs7":       {"internal/pdfsign"},
	"github.com/wneessen/go-mail":      {"internal/notify"},
	"golang.org/x/crypto":              {"internal/web"},
	// The SMTP server the notification tests send to (test support).
	"github.com/emersion/go-smtp": {"internal/notify/notifytest"},
	"github.com/emersion/go-sasl": {"internal/notify/notifytest"},
}

func isTestOnly(pkg string) bool { _, ok := testOnly[pkg]; return ok }

type goPackage struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
}

// goList lists the module's packages with what they import.
func goList(t *testing.T) []goPackage {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
		if _, err := os.Stat(gobin); err != nil {
			t.Skip("the go command is not on PATH: cannot list the packages")
		}
	}
	cmd := exec.Command(gobin, "list", "-json", module+"...")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		p.ImportPath = strings.TrimPrefix(p.ImportPath, module)
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestArchitecture fails on an import the package map does not allow.
func TestArchitecture(t *testing.T) {
	pkgs := goList(t)
	if len(pkgs) < 20 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	for _, p := range pkgs {
		allowed, known := mayImport[p.ImportPath]
		if !known {
			allowed, known = testOnly[p.ImportPath]
		}
		if !known {
			t.Errorf("%s is not in the package map: add its row to mayImport and README's package table", p.ImportPath)
			continue
		}
		for _, imp := range p.Imports {
			rel, ours := strings.CutPrefix(imp, module)
			if !ours {
				continue
			}
			switch {
			case strings.HasPrefix(rel, "cmd/"):
				t.Errorf("%s imports %s: nothing imports a command", p.ImportPath, rel)
			case isTestOnly(rel):
				if !isTestOnly(p.ImportPath) {
					t.Errorf("%s imports %s, which is for tests only", p.ImportPath, rel)
				}
			case !slices.Contains(allowed, rel):
				t.Errorf("%s imports %s: the package map does not allow it", p.ImportPath, rel)
			}
		}
		for _, imp := range slices.Concat(p.TestImports, p.XTestImports) {
			if rel, ok := strings.CutPrefix(imp, module); ok && strings.HasPrefix(rel, "cmd/") {
				t.Errorf("tests of %s import %s: nothing imports a command", p.ImportPath, rel)
			}
		}
	}
}

// TestImports fails when a library is imported outside the package that
// owns it (tests may import what they need), or when a library is new.
func TestImports(t *testing.T) {
	importers := map[string][]string{}
	for _, p := range goList(t) {
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, module) || !strings.Contains(strings.Split(imp, "/")[0], ".") {
				continue // the module's own, or the standard library
			}
			lib := ""
			for l := range libraries {
				if strings.HasPrefix(imp, l) {
					lib = l
				}
			}
			if lib == "" {
				t.Errorf("%s imports %s, a library not in the list: add it to libraries and to README's", p.ImportPath, imp)
				continue
			}
			if !slices.Contains(libraries[lib], p.ImportPath) {
				t.Errorf("%s imports %s, which only %s may import", p.ImportPath, imp, strings.Join(libraries[lib], " and "))
			}
			if !slices.Contains(importers[lib], p.ImportPath) {
				importers[lib] = append(importers[lib], p.ImportPath)
			}
		}
	}
	var rows []string
	for lib, ps := range importers {
		sort.Strings(ps)
		rows = append(rows, lib+" → "+strings.Join(ps, ", "))
	}
	sort.Strings(rows)
	t.Logf("libraries and the packages that import them:\n%s", strings.Join(rows, "\n"))
}
