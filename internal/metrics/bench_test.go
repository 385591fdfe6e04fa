package metrics_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// BenchmarkComputeSample is one issuance of the bundled sample: 23 units,
// 19 indicators, 2 rankings, against the previous quarter.
func BenchmarkComputeSample(b *testing.B) {
	def, q3, q2 := sample(b)
	for b.Loop() {
		if _, err := metrics.Compute(def, q3, q2); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComputeCity is a city-sized table: 300 units with the sample's
// indicators (random values, parts never above wholes).
func BenchmarkComputeCity(b *testing.B) {
	def, q3, _ := sample(b)
	rng := rand.New(rand.NewPCG(5, 6))
	big := func() *snapshot.Snapshot {
		s := &snapshot.Snapshot{File: "city.xlsx", Columns: q3.Columns}
		for i := range 300 {
			src := q3.Units[rng.IntN(len(q3.Units))]
			u := snapshot.Unit{Name: fmt.Sprintf("单位%03d", i), Row: 5 + i, Values: map[string]snapshot.Value{}}
			for k, v := range src.Values {
				u.Values[k] = v
			}
			s.Units = append(s.Units, u)
		}
		return s
	}
	cur, prev := big(), big()
	for b.Loop() {
		if _, err := metrics.Compute(def, cur, prev); err != nil {
			b.Fatal(err)
		}
	}
}
