package archive_test

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// The benchmarks run on an archive of 2,000 issuances, 50 reports × 40
// quarters (2013Q1–2022Q4), each with the six files of a real issuance, as
// one packfile and its 2,000 tags in .git/packed-refs, as `git gc` leaves
// them; BULLETIN_BENCH_LOOSE=1 builds it from loose objects and loose
// refs instead, as an archive never gc-ed holds them (the worst case for
// reading objects; a few minutes to build). It is built once per process.

const (
	benchReports  = 50
	benchQuarters = 40
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(filepath.Dir(benchDir))
	}
	os.Exit(code)
}

func benchReport(i int) string { return fmt.Sprintf("county-%02d", i) }

func benchArchive(b *testing.B) *archive.Archive {
	b.Helper()
	benchOnce.Do(func() {
		slog.SetDefault(slog.New(slog.DiscardHandler))
		tmp, err := os.MkdirTemp("", "bulletin-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchDir = filepath.Join(tmp, "archive")
		a, err := archive.Open(benchDir)
		if err != nil {
			benchErr = err
			return
		}
		start := time.Now()
		issuances := make([]archive.Issuance, 0, benchReports*benchQuarters)
		p := report.Period{Year: 2013, Quarter: 1}
		for q := 0; q < benchQuarters; q, p = q+1, p.Next() {
			for r := 0; r < benchReports; r++ {
				issuances = append(issuances, issuance(benchReport(r), p.String(), fmt.Sprintf("%s %s 单位,%d", benchReport(r), p, q), day))
			}
		}
		loose := os.Getenv("BULLETIN_BENCH_LOOSE") != ""
		benchErr = archive.CommitMany(a, issuances, loose)
		if benchErr == nil && !loose {
			if out, err := exec.Command("git", "-C", benchDir, "pack-refs", "--all").CombinedOutput(); err != nil {
				benchErr = fmt.Errorf("git pack-refs: %v\n%s", err, out)
			}
		}
		b.Logf("built %d issuances (loose objects: %v) in %v", len(issuances), loose, time.Since(start))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	a, err := archive.Open(benchDir)
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// nextPeriod is the last period BenchmarkIssueOneMore issued; each
// iteration issues the period after it, for one report.
var nextPeriod = report.Period{Year: 2022, Quarter: 4}

func BenchmarkIssueOneMore(b *testing.B) {
	a := benchArchive(b)
	unlock, err := a.Lock()
	if err != nil {
		b.Fatal(err)
	}
	defer unlock()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		nextPeriod = nextPeriod.Next()
		if _, _, err := a.Put(issuance(benchReport(7), nextPeriod.String(), "more "+nextPeriod.String(), day)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLogAll(b *testing.B) {
	a := benchArchive(b)
	b.ResetTimer()
	for b.Loop() {
		es, err := a.Log("")
		if err != nil || len(es) < benchReports*benchQuarters {
			b.Fatal(len(es), err)
		}
	}
}

func BenchmarkLogOneReport(b *testing.B) {
	a := benchArchive(b)
	b.ResetTimer()
	for b.Loop() {
		es, err := a.Log(benchReport(23))
		if err != nil || len(es) != benchQuarters {
			b.Fatal(len(es), err)
		}
	}
}

func BenchmarkShowOldVersion(b *testing.B) {
	a := benchArchive(b)
	p := report.Period{Year: 2015, Quarter: 2}
	b.ResetTimer()
	for b.Loop() {
		if _, ok, err := a.ReadFile(benchReport(31), p, 1, "notice.txt"); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

func BenchmarkPreviousPeriod(b *testing.B) {
	a := benchArchive(b)
	p := report.Period{Year: 2022, Quarter: 4}
	b.ResetTimer()
	for b.Loop() {
		if _, ok, err := a.Latest(benchReport(42), p.Prev(), "snapshot.json"); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// The cold read of a version a web page makes on its first visit: each
// iteration reads notice.txt of another version (of 2,000), in a view of
// its own.
//
// ByTag reads it as `bulletin show` does, from a view at HEAD, which
// resolves the version's tag (with packed refs, a scan of packed-refs).
// AtCommit reads it as the web view does, at the commit the log gave.
func BenchmarkColdVersionByTag(b *testing.B) {
	a := benchArchive(b)
	es := benchLog(b, a)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		m := es[i%len(es)].Manifest
		i++
		if _, ok, err := a.ReadFile(m.Report, m.Period, m.Version, "notice.txt"); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

func BenchmarkColdVersionAtCommit(b *testing.B) {
	a := benchArchive(b)
	es := benchLog(b, a)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		e := es[i%len(es)]
		i++
		v, err := a.ViewAt(e.Commit)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok, err := v.ReadFile(e.Manifest.Report, e.Manifest.Period, e.Manifest.Version, "notice.txt"); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// benchLog is the log, every version once (its newest commit), in a fixed
// shuffled order so that consecutive reads hit different packfile regions.
func benchLog(b *testing.B, a *archive.Archive) []archive.Entry {
	es, err := a.Log("")
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	var out []archive.Entry
	for _, e := range es {
		if !seen[e.Tag] {
			seen[e.Tag] = true
			out = append(out, e)
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
