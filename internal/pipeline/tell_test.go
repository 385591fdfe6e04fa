package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/notify"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// hook is a webhook receiver on 127.0.0.1 that keeps the JSON bodies.
type hook struct {
	mu     sync.Mutex
	bodies []map[string]any
	fail   bool
}

func (h *hook) start(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		json.Unmarshal(b, &m)
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.fail {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		h.bodies = append(h.bodies, m)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/hook"
}

// Staff are told of drafts, late exports and failed runs; a delivery that
// fails is recorded and never stops the issuance; every delivery is in the
// archive.
func TestTellStaff(t *testing.T) {
	h := &hook{}
	url := h.start(t)
	def := approvalReport(t, "hengyang-county", "")
	def.Notify = report.Notify{Staff: report.Audience{Webhooks: []report.Webhook{{URL: url}}}}
	fast := &notify.Notifier{Retry: notify.Retry{Attempts: 2, Initial: time.Millisecond, Max: time.Millisecond}}
	arch := filepath.Join(t.TempDir(), "archive")

	out := issue(t, pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: day, Notifier: fast})
	if len(out.Deliveries) != 1 || !out.Deliveries[0].OK || len(h.bodies) != 1 || h.bodies[0]["event"] != "draft" {
		t.Fatalf("draft: deliveries %+v, bodies %v", out.Deliveries, h.bodies)
	}
	pipeline.TellLate(context.Background(), arch, def, report2022Q4(), day.AddDate(0, 3, 0), errors.New("平台尚未导出"), fast)
	pipeline.TellFailed(context.Background(), arch, def, q3, errors.New("2022Q3.xlsx 统计表!I9: 应为数字"), fast)
	if len(h.bodies) != 3 || h.bodies[1]["event"] != "late" || h.bodies[2]["event"] != "failed" {
		t.Errorf("bodies %v", h.bodies)
	}

	// The receiver is down: the approval still succeeds, the failure is
	// a note and a record. (Recipients: none configured here, so staff
	// get nothing on issue; the draft event is what fails below.)
	h.fail = true
	pipeline.Reject(pipeline.RejectOptions{ArchiveDir: arch, ReportID: def.ID, Period: q3, Reason: "重做"})
	again := issue(t, pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: day, Notifier: fast})
	if !again.Committed || len(again.Deliveries) != 1 || again.Deliveries[0].OK || again.Deliveries[0].Attempts != 2 {
		t.Fatalf("a failing receiver: committed %v, deliveries %+v", again.Committed, again.Deliveries)
	}
	a, err := archive.OpenExisting(arch)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	v, _ := a.View()
	recs, err := pipeline.Deliveries(v, def.ID, q3)
	if err != nil || len(recs) != 3 || recs[0].Event != "draft" || recs[0].Version != 1 || !recs[0].OK ||
		recs[1].Event != "failed" || recs[2].Event != "draft" || recs[2].OK || recs[2].Result == "" {
		t.Errorf("records of 2022Q3: %+v %v", recs, err)
	}
	late, _ := pipeline.Deliveries(v, def.ID, report2022Q4())
	if len(late) != 1 || late[0].Event != "late" {
		t.Errorf("records of 2022Q4: %+v", late)
	}
}

func report2022Q4() report.Period { return report.Period{Year: 2022, Quarter: 4} }
