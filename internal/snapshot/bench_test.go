package snapshot_test

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// BenchmarkRead5000 imports a 5,000-unit sheet shaped like the fixture
// (21 columns, two-row merged header), built once with excelize from the
// fixture's rows: with rates as text, as the platform exports them, and
// as numbers with a percent format, which takes a second pass. Run with
//
//	go test ./internal/snapshot -run '^$' -bench Read5000 -benchmem -count 5
func BenchmarkRead5000(b *testing.B) {
	const units = 5000
	m := readModel(b, fixture("2022Q3"))
	n := m.Units
	for bi := range m.Blocks {
		for ci := range m.Blocks[bi].Cols {
			c := &m.Blocks[bi].Cols[ci]
			cells := make([]string, units)
			for u := range cells {
				cells[u] = c.Cells[u%n]
				switch c.Header {
				case "单位":
					cells[u] = fmt.Sprintf("%s%04d", c.Cells[u%n], u)
				case "序号":
					cells[u] = fmt.Sprint(u + 1)
				}
			}
			c.Cells = cells
		}
	}
	m.Units = units
	def := loadDef(b)
	for _, bc := range []struct {
		name string
		opts writeOptions
	}{
		{"rates as text", writeOptions{}},
		{"numeric percents", writeOptions{NumericPercent: true}},
	} {
		data := writeModel(b, m, bc.opts)
		b.Run(bc.name, func(b *testing.B) { benchRead(b, data, def, units) })
	}
}

func benchRead(b *testing.B, data []byte, def *report.Definition, units int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	peak := watchHeap(b)
	b.ResetTimer()
	for b.Loop() {
		snap, err := snapshot.Read("big.xlsx", data, def)
		if err != nil {
			b.Fatal(err)
		}
		if len(snap.Units) != units {
			b.Fatalf("%d units", len(snap.Units))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
}

// watchHeap samples the live heap every millisecond until the returned
// function is called, which gives the highest value seen: the memory an
// import needs at once, where B/op counts every allocation over its run.
func watchHeap(b *testing.B) func() uint64 {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}
