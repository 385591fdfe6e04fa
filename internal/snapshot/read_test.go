package snapshot_test

import (
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

func TestReadFilePublished2022Q3(t *testing.T) {
	def := loadDef(t)
	snap, err := snapshot.ReadFile(fixture("2022Q3"), def)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	assertPublished(t, def, snap)
	if snap.Sheet != "统计表" || snap.File != "2022Q3.xlsx" {
		t.Errorf("file %q sheet %q", snap.File, snap.Sheet)
	}
	if snap.AsOf == nil || !snap.AsOf.Equal(time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("as of %v, want 2022-11-03", snap.AsOf)
	}
	if v := snap.Unit("县公安局").Values["覆盖率"]; v.Cell != "N8" {
		t.Errorf("县公安局 覆盖率 cell %q, want N8", v.Cell)
	}
	for _, w := range snap.Warnings {
		t.Log(w)
	}
}
