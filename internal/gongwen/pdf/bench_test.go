package pdf_test

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// BenchmarkRender is one complete notice (the sample: 10 pages, four
// faces, a 23-row turned table) after start-up.
func BenchmarkRender(b *testing.B) {
	r := testRenderer(b)
	doc := sample(b)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := r.Render(doc, created); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	reportPeak(b)
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start: on a shared
// machine it says more than the wall clock (which waits for other jobs).
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkBatch50 renders 50 different notices in one process, one after
// another, as a province-wide run would: batch50 makes them.
func BenchmarkBatch50(b *testing.B) {
	r := testRenderer(b)
	docs := batch50(b)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			if _, err := r.Render(d, created); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu)
	reportPeak(b)
}

// BenchmarkBatch50Uncached is BenchmarkBatch50 with no subset reused: the
// worst case, as if every notice drew, in every face, a character no
// notice before it drew.
func BenchmarkBatch50Uncached(b *testing.B) {
	defer pdf.SetCacheSize(pdf.SetCacheSize(0))
	BenchmarkBatch50(b)
}

// batch50 is 50 notices of one report, as different as periods and
// offices make them: each its own document number, issuing date, and
// ranking (the table's rows in another order, ranks renumbered).
func batch50(t testing.TB) []*notice.Document {
	docs := make([]*notice.Document, 50)
	for i := range docs {
		d := sample(t)
		d.DocNumber = fmt.Sprintf("衡县优化办〔2022〕%d号", i+1)
		d.Date = d.Date.AddDate(0, 0, -i)
		inner := *d.Attachments[0].Notice
		src := inner.Attachments[0].Table
		tb := &notice.Table{Columns: src.Columns}
		for j := range src.Rows {
			row := append([]string(nil), src.Rows[(j+i)%len(src.Rows)]...)
			row[0] = strconv.Itoa(j + 1)
			tb.Rows = append(tb.Rows, row)
		}
		inner.Attachments = []notice.Attachment{{Title: inner.Attachments[0].Title, Table: tb}}
		d.Attachments = []notice.Attachment{{Title: d.Attachments[0].Title, Notice: &inner}}
		docs[i] = d
	}
	return docs
}

// BenchmarkTable5000 renders a notice whose attachment is a 5,000-row
// ranking table (a province's departments).
func BenchmarkTable5000(b *testing.B) {
	r := testRenderer(b)
	doc := bigTableDoc(b, 5000, true)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := r.Render(doc, created); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	reportPeak(b)
}

// bigTableDoc is the sample with its table grown to n rows, cycling the 23
// real rows under new unit names: long ones (县发改局第17分局, wrapping in
// their cell) or short ones (17号局, one word each for tests to find).
func bigTableDoc(t testing.TB, n int, long bool) *notice.Document {
	d := sample(t)
	inner := *d.Attachments[0].Notice
	src := inner.Attachments[0].Table
	tb := &notice.Table{Columns: src.Columns}
	for i := 0; i < n; i++ {
		row := append([]string(nil), src.Rows[i%len(src.Rows)]...)
		row[0] = strconv.Itoa(i + 1)
		if long {
			row[1] = fmt.Sprintf("%s第%d分局", row[1], i+1)
		} else {
			row[1] = fmt.Sprintf("%d号局", i+1)
		}
		tb.Rows = append(tb.Rows, row)
	}
	inner.Attachments = []notice.Attachment{{Title: inner.Attachments[0].Title, Table: tb}}
	d.Attachments = []notice.Attachment{{Title: d.Attachments[0].Title, Notice: &inner}}
	return d
}

// reportPeak reports the memory the Go heap took from the system (HeapSys
// only grows, so it bounds the heap's peak) and, on Linux, the process's
// peak resident set (VmHWM: the test binary with its embedded fonts, the
// parsed fonts and the heap), both in MB.
func reportPeak(b *testing.B) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heapsys-MB")
	if st, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(st), "\n") {
			if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				b.ReportMetric(float64(kb)/1024, "peakRSS-MB")
			}
		}
	}
}

// BenchmarkBatch50Parallel renders the batch of 50 on all cores: a
// fonts.Set, gongwen.Lay and pdf.Render are safe for concurrent use.
func BenchmarkBatch50Parallel(b *testing.B) {
	r := testRenderer(b)
	doc := sample(b)
	workers := runtime.GOMAXPROCS(0)
	for b.Loop() {
		jobs := make(chan int)
		errs := make(chan error, workers)
		for w := 0; w < workers; w++ {
			go func() {
				var err error
				for range jobs {
					if _, e := r.Render(doc, created); e != nil {
						err = e
					}
				}
				errs <- err
			}()
		}
		for i := 0; i < 50; i++ {
			jobs <- i
		}
		close(jobs)
		for w := 0; w < workers; w++ {
			if err := <-errs; err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPeak(b)
}
