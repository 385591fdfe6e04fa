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

// TestReadFile2022Q2 reads the synthetic previous quarter: 县扶贫办 is in
// it and 县档案局 is not.
func TestReadFile2022Q2(t *testing.T) {
	snap, err := snapshot.ReadFile(fixture("2022Q2"), loadDef(t))
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if len(snap.Units) != 23 || snap.Unit("县扶贫办") == nil || snap.Unit("县档案局") != nil {
		t.Errorf("%d units; 县扶贫办 %v, 县档案局 %v", len(snap.Units), snap.Unit("县扶贫办") != nil, snap.Unit("县档案局") != nil)
	}
	if v := snap.Unit("县公安局").Values["目录完成率"]; v.Num != 0.9091 || v.Cell != "E8" {
		t.Errorf("县公安局 目录完成率 = %+v, want 0.9091 at E8", v)
	}
	if v := snap.Unit("县发改局").Values["目录完成率"]; !v.NA {
		t.Errorf("县发改局 目录完成率 = %+v, want NA", v)
	}
	if snap.AsOf == nil || !snap.AsOf.Equal(time.Date(2022, 6, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("as of %v", snap.AsOf)
	}
	for _, w := range snap.Warnings {
		t.Log(w)
	}
}
