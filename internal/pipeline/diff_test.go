package pipeline_test

import (
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

func TestTextDiff(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"same", "一\n二\n", "一\n二\n", ""},
		{"one line changed", "一\n二\n三\n", "一\n贰\n三\n", "--- v1\n+++ v2\n@@ -1,3 +1,3 @@\n 一\n-二\n+贰\n 三\n"},
		{"added at end", "一\n", "一\n二\n", "--- v1\n+++ v2\n@@ -1 +1,2 @@\n 一\n+二\n"},
		{"last line without a newline", "一\n二", "一\n贰", "--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n 一\n-二\n+贰\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := pipeline.TextDiff("v1", "v2", tc.a, tc.b)
			if err != nil || got != tc.want {
				t.Errorf("got (%v)\n%s\nwant\n%s", err, got, tc.want)
			}
		})
	}
}

func TestFigureChanges(t *testing.T) {
	unit := func(name string, v float64) snapshot.Unit {
		return snapshot.Unit{Name: name, Values: map[string]snapshot.Value{"已认领": {Num: v}}}
	}
	a := &snapshot.Snapshot{Columns: []string{"已认领"}, Units: []snapshot.Unit{unit("县发改局", 38), unit("县公安局", 5)}}
	b := &snapshot.Snapshot{Columns: []string{"已认领"}, Units: []snapshot.Unit{unit("县发改局", 40), unit("县财政局", 7)}}
	var got []string
	for _, c := range pipeline.FigureChanges(a, b) {
		got = append(got, c.String())
	}
	want := []string{"县发改局 已认领：38 → 40", "县财政局：新增单位", "县公安局：单位已删除"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestInlineDiff(t *testing.T) {
	old, new := pipeline.InlineDiff("覆盖率为47.62%，排名第3", "覆盖率为52.38%，排名第2")
	join := func(ss []pipeline.Segment, changed bool) (all, marked string) {
		for _, s := range ss {
			all += s.Text
			if s.Changed == changed && changed {
				marked += s.Text
			}
		}
		return
	}
	if all, marked := join(old, true); all != "覆盖率为47.62%，排名第3" || marked == "" || strings.Contains(marked, "覆盖率") {
		t.Errorf("old = %q, marked %q", all, marked)
	}
	if all, marked := join(new, true); all != "覆盖率为52.38%，排名第2" || !strings.Contains(marked, "2") || strings.Contains(marked, "排名") {
		t.Errorf("new = %q, marked %q", all, marked)
	}
	if o, n := pipeline.InlineDiff("相同", "相同"); len(o) != 1 || o[0].Changed || len(n) != 1 || n[0].Changed {
		t.Errorf("equal lines: %v %v", o, n)
	}
}
