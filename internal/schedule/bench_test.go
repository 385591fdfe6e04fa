package schedule_test

import (
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/schedule"
)

// BenchmarkDue measures deciding the due period, done at every trigger
// and for every line of --list.
func BenchmarkDue(b *testing.B) {
	for _, spec := range []string{"0 9 10 1,4,7,10 *", "0 9 15 1 *", "@every 1s"} {
		b.Run(spec, func(b *testing.B) {
			pl, err := schedule.NewPlan(def(b, "r", spec, ""))
			if err != nil {
				b.Fatal(err)
			}
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)
			for b.Loop() {
				pl.Due(now)
			}
		})
	}
}
