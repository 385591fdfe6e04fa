package workbook_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/workbook"
)

// libreOfficePackage is the Debian package that provides soffice without
// a desktop; CI installs it so that this test runs.
const libreOfficePackage = "libreoffice-calc-nogui"

// office finds LibreOffice, or skips the test saying why.
func office(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not opening rankings.xlsx with LibreOffice (takes several seconds)")
	}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skipf("LibreOffice is not installed (Debian: apt-get install %s): rankings.xlsx was not opened by a second reader", libreOfficePackage)
	return ""
}

// convert runs LibreOffice headless on file with a private profile and
// returns the output files it wrote.
func convert(t *testing.T, bin, profile, file, to string) []string {
	t.Helper()
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--norestore", "--nologo",
		"--convert-to", to, "--outdir", out, file)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s --convert-to %s: %v\n%s", filepath.Base(bin), to, err, msg)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*"))
	if len(files) == 0 {
		t.Fatalf("LibreOffice wrote nothing converting %s to %s:\n%s", filepath.Base(file), to, msg)
	}
	return files
}

// allSheetsCSV is LibreOffice's CSV filter with its options: comma, double
// quote, UTF-8 (76), from row 1, …, the cells as shown (token 9), and the
// last token -1 for every sheet to its own file (LibreOffice 7.2 and
// later).
const allSheetsCSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

// TestLibreOffice opens rankings.xlsx with LibreOffice: the sample is
// exported to CSV and must show every figure as the PDF does, and a long
// ranking printed to PDF must carry its header rows on every page.
func TestLibreOffice(t *testing.T) {
	bin := office(t)
	profile := t.TempDir()
	def := sampleDef(t)

	t.Run("sample to csv", func(t *testing.T) {
		res := sampleResult(t, def)
		file := writeWorkbook(t, workbook.Bytes, def, res)
		files := convert(t, bin, profile, file, allSheetsCSV)
		sheets := []string{progressSheet, coverageSheet}
		for k, r := range res.Rankings {
			name := filepath.Join(filepath.Dir(files[0]), "rankings-"+sheets[k]+".csv")
			records := readCSV(t, name)
			if len(records) == 0 || records[0][0] != r.Title {
				t.Fatalf("%s: first row %q, want the title %q", filepath.Base(name), first(records), r.Title)
			}
			data := records[len(records)-len(r.Rows):]
			for i, row := range r.Rows {
				if want := shownRow(r, row, i, k == 1); !slices.Equal(data[i], want) {
					t.Errorf("%s row %d:\n got %q\nwant %q", r.ID, i+1, data[i], want)
				}
			}
		}
	})

	t.Run("long ranking to pdf", func(t *testing.T) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Skip("pdftotext (poppler-utils) is not installed")
		}
		res := bigResult(t, def, 150)
		res.Rankings = res.Rankings[1:] // the coverage ranking: 150 rows, several pages
		file := writeWorkbook(t, workbook.Bytes, def, res)
		files := convert(t, bin, profile, file, "pdf")
		text := pdftest.Text(t, pdftest.File(t, files[0]), "-layout")
		pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
		if len(pages) < 3 {
			t.Fatalf("%d pages, want a ranking of 150 rows to take several", len(pages))
		}
		for i, p := range pages {
			for _, h := range []string{"排名", "单位", "监管行为覆盖率", "排名变化"} {
				if !strings.Contains(p, h) {
					t.Errorf("page %d of %d lacks the header %q", i+1, len(pages), h)
				}
			}
		}
		// Long names wrap inside their cell: look for each unit's number.
		for i, row := range res.Rankings[0].Rows {
			if id := fmt.Sprintf("第%04d号", i+1); strings.Count(text, id) != 1 {
				t.Errorf("unit %q printed %d times, want once", row.Unit, strings.Count(text, id))
			}
		}
	})
}

func writeWorkbook(t *testing.T, bytesOf func(*report.Definition, *metrics.Result) ([]byte, error), def *report.Definition, res *metrics.Result) string {
	t.Helper()
	b, err := bytesOf(def, res)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), workbook.FileName)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	fh, err := os.Open(name)
	if err != nil {
		t.Fatalf("LibreOffice did not export the sheet: %v", err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return records
}

// shownRow is how a ranking row reads in the workbook: rank, unit, the
// figures as the PDF shows them, and the change when shown.
func shownRow(r *metrics.Ranking, row metrics.RankRow, i int, ranked bool) []string {
	rank := fmt.Sprint(i + 1)
	if ranked {
		rank = fmt.Sprint(row.Rank)
		if row.Tied {
			rank = "并列" + rank
		}
	}
	rec := []string{rank, row.Unit}
	for j, c := range r.Columns {
		rec = append(rec, display(row.Cells[j], c.Indicator))
	}
	if ranked {
		switch {
		case row.PrevRank == 0:
			rec = append(rec, "新增")
		case row.Change > 0:
			rec = append(rec, fmt.Sprintf("↑%d", row.Change))
		case row.Change < 0:
			rec = append(rec, fmt.Sprintf("↓%d", -row.Change))
		default:
			rec = append(rec, "—")
		}
	}
	return rec
}

func first(records [][]string) []string {
	if len(records) == 0 {
		return nil
	}
	return records[0]
}
