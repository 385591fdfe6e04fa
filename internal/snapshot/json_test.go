package snapshot_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// TestJSONRoundTrip archives the 2022Q3 snapshot as JSON and reads it back
// as the previous period is: every figure, NA mark, cell and warning
// survives, and encoding twice gives the same bytes.
func TestJSONRoundTrip(t *testing.T) {
	def := loadDef(t)
	snap, err := snapshot.ReadFile(fixture("2022Q3"), def)
	if err != nil {
		t.Fatal(err)
	}
	data, err := snap.JSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := snapshot.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(snap, back) {
		t.Errorf("round trip changed the snapshot")
	}
	assertPublished(t, def, back)
	if len(back.Warnings) == 0 || back.Warnings[0].Severity != report.Warning {
		t.Errorf("warnings after decode: %+v", back.Warnings)
	}
	again, _ := back.JSON()
	if !bytes.Equal(data, again) {
		t.Errorf("encoding is not stable")
	}
	for _, want := range []string{`"name": "县发改局"`, `"na": true`, `"sha256": "`, `"as_of": "2022-11-03T00:00:00Z"`, "\n  \"units\": ["} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":      "统计表",
		"unknown field": `{"file":"a.xlsx","rows":[]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := snapshot.Decode([]byte(data)); err == nil {
				t.Error("no error")
			}
		})
	}
}
