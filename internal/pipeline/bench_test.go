package pipeline_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// BenchmarkIssueDryRun is one whole issuance of the bundled sample (23
// units, 2022Q3 against 2022Q2) without the archive: read both exports,
// compute, fill the template, typeset the 8-page PDF, write the workbook
// and the files. Fonts are parsed once per process, as in the service.
//
//	go test ./internal/pipeline -run '^$' -bench . -benchmem -count 5
func BenchmarkIssueDryRun(b *testing.B) {
	def, err := report.Load(sample)
	if err != nil {
		b.Fatal(err)
	}
	q3 := report.Period{Year: 2022, Quarter: 3}
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		_, err := pipeline.Issue(context.Background(), pipeline.Options{Report: def, Period: q3, DryRun: true, OutDir: out, Date: time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIssueArchived adds the archive: each iteration commits a new
// quarter's issuance (the two sample exports, alternately re-labelled: an
// export equal to the previous quarter's is refused) to a real git
// repository, so the archive grows as it does over the years.
func BenchmarkIssueArchived(b *testing.B) {
	def, err := report.Load(sample)
	if err != nil {
		b.Fatal(err)
	}
	arch := filepath.Join(b.TempDir(), "archive")
	snaps := []string{filepath.Join(sample, "data", "2022Q3.xlsx"), filepath.Join(sample, "data", "2022Q2.xlsx")}
	p := report.Period{Year: 2000, Quarter: 1}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_, err := pipeline.Issue(context.Background(), pipeline.Options{Report: def, Period: p, SnapshotFile: snaps[i%2], ArchiveDir: arch, Date: time.Date(p.Year, 11, 4, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		p = p.Next()
	}
}

// BenchmarkDryRun5000 is `bulletin run --dry-run` of a 5,000-unit export
// (the sample's columns and rows repeated under new names, both quarters,
// made with excelize and not committed; a 448-page notice), each run in a
// child process (TestDryRunChild) so that its peak RSS is its own:
//
//	go test ./internal/pipeline -run '^$' -bench DryRun5000 -benchtime 3x -count 5
//
// peakRSS-MB is the child's maximum resident set (mean over the runs),
// cpu-s/op its user+system time, which says more than the wall clock on a
// busy machine.
func BenchmarkDryRun5000(b *testing.B) {
	dir := b.TempDir()
	rep := bigReport(b, dir, 5000)
	var rss int64
	var cpu time.Duration
	n := 0
	for b.Loop() {
		r := dryRunChild(b, rep, filepath.Join(dir, "out"))
		rss += r.peakRSS
		cpu += r.cpu
		n++
	}
	b.ReportMetric(float64(rss)/float64(n)/(1<<20), "peakRSS-MB")
	b.ReportMetric(cpu.Seconds()/float64(n), "cpu-s/op")
}
