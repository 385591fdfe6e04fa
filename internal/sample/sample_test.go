package sample_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/sample"
)

// Every line has one figure per column; Q3 holds the 23 departments of the
// published table, Q2 the synthetic quarter with 县扶贫办 and without 县档案局.
func TestTables(t *testing.T) {
	for name, tab := range map[string]string{"Q3": sample.Q3, "Q2": sample.Q2} {
		rows := sample.Rows(tab)
		if len(rows) != 23 {
			t.Errorf("%s: %d rows, want 23", name, len(rows))
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if len(r.Cells) != len(sample.Columns) {
				t.Errorf("%s %s: %d figures, want %d", name, r.Unit, len(r.Cells), len(sample.Columns))
			}
			seen[r.Unit] = true
		}
		if name == "Q2" && (seen["县档案局"] || !seen["县扶贫办"]) {
			t.Errorf("Q2 should lack 县档案局 and have 县扶贫办")
		}
	}
	if len(sample.Columns) != 19 {
		t.Errorf("%d columns, want 19", len(sample.Columns))
	}
}
