package web_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/web"
)

// The page benchmarks run on the archive in $BULLETIN_BENCH_ARCHIVE,
// e.g. the 2,000 issuances `go run ./cmd/serveload -archive DIR` builds
// (it takes minutes, so they are not built here), else on the sample's
// three versions. They measure the CPU one page costs once what it reads
// is remembered; cmd/serveload measures latency under 50 clients.

func benchServer(b *testing.B) *web.Server {
	dir := os.Getenv("BULLETIN_BENCH_ARCHIVE")
	if dir == "" {
		dir = base(b)
	}
	return newServer(b, dir, web.Options{RefreshEvery: 1 << 62})
}

func benchPages(b *testing.B, paths []string) {
	s := benchServer(b)
	for _, p := range paths { // warm: versions are read once
		mustOK(b, s, p)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		r := httptest.NewRequest("GET", paths[i%len(paths)], nil)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(paths[i%len(paths)], w.Code)
		}
		i++
	}
}

func BenchmarkCatalogue(b *testing.B) {
	benchPages(b, []string{"/", "/?page=2", "/?year=2022", "/?quarter=3"})
}

func BenchmarkVersionPage(b *testing.B) {
	var paths []string
	if os.Getenv("BULLETIN_BENCH_ARCHIVE") != "" {
		for r := 0; r < 50; r += 7 {
			for y := 2013; y <= 2022; y += 3 {
				paths = append(paths, fmt.Sprintf("/v/county-%02d/%dQ2/1", r, y))
			}
		}
	} else {
		paths = []string{"/v/hengyang-county/2022Q3/2", "/v/hengyang-county/2022Q3/1", "/v/hengyang-county/2022Q2/1"}
	}
	benchPages(b, paths)
}

// BenchmarkVersionPageCold shows a different version each time, nothing
// of it read before: the first visit of a page.
func BenchmarkVersionPageCold(b *testing.B) {
	if os.Getenv("BULLETIN_BENCH_ARCHIVE") == "" {
		b.Skip("needs BULLETIN_BENCH_ARCHIVE (an archive from cmd/serveload)")
	}
	s := benchServer(b)
	i := 0
	for b.Loop() {
		p := fmt.Sprintf("/v/county-%02d/%dQ%d/1", i%50, 2013+(i/50)%10, 1+(i/500)%4)
		r := httptest.NewRequest("GET", p, nil)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(p, w.Code)
		}
		i++
	}
}
