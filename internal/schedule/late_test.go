package schedule_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/schedule"
)

// When a trigger gives up at its deadline, Late is called once with the
// period, the deadline and the last attempt's error (staff are told).
func TestLateCalledAtDeadline(t *testing.T) {
	t.Parallel()
	arch := newTestArchive(t)
	arch.ready = func(string, report.Period) bool { return false }
	d := def(t, "a", "0 9 10 1 *", "0s")
	var mu sync.Mutex
	var calls []string
	var why error
	svc := &schedule.Service{Reports: []*report.Definition{d}, Issued: arch.Issued, Issue: arch.Issue,
		Logger: (&logBuffer{}).logger(), Backoff: fast,
		Late: func(_ context.Context, def *report.Definition, p report.Period, deadline time.Time, err error) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, def.ID+" "+p.String())
			why = err
		}}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer svc.Close(context.Background())
	waitFor(t, 2*time.Second, "Late", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(calls) == 1
	})
	mu.Lock()
	defer mu.Unlock()
	pl, err := schedule.NewPlan(d)
	if err != nil {
		t.Fatal(err)
	}
	if p := pl.Due(time.Now()); calls[0] != "a "+p.String() || why == nil {
		t.Errorf("Late(%v), why %v", calls, why)
	}
}
