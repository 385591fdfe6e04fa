package report_test

import (
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
)

func TestColumnChecksValidate(t *testing.T) {
	base := func() *report.Definition {
		return &report.Definition{
			Office: report.Office{Name: "办"}, Title: "t", Template: "x", Period: "quarter",
			UnitColumn: report.Column{Header: "单位"},
			Columns: []report.Column{
				{ID: "a", Header: "A", Kind: report.Count},
				{ID: "b", Header: "B", Kind: report.Count},
				{ID: "r", Header: "R", Kind: report.Rate},
			},
		}
	}
	tests := []struct {
		name string
		edit func(d *report.Definition)
		want string // "" for valid
	}{
		{"valid part_of and ratio", func(d *report.Definition) {
			d.Columns[0].PartOf = "b"
			d.Columns[2].Ratio = []string{"a", "b"}
		}, ""},
		{"part_of unknown", func(d *report.Definition) { d.Columns[0].PartOf = "zz" }, "part_of 引用的列不在 columns 中"},
		{"ratio on a count", func(d *report.Definition) { d.Columns[0].Ratio = []string{"a", "b"} }, "ratio 只用于 kind: rate"},
		{"ratio unknown", func(d *report.Definition) { d.Columns[2].Ratio = []string{"a", "zz"} }, "ratio 引用的列不在 columns 中"},
		{"bad timeout", func(d *report.Definition) { d.Source.URL = "https://x"; d.Source.Timeout = "soon" }, "source.timeout 应为时长"},
		{"header without token", func(d *report.Definition) { d.Source.Header = "X-Key" }, "需要同时写 token_env"},
		{"retries out of range", func(d *report.Definition) { n := -1; d.Source.Retries = &n }, "source.retries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			tt.edit(d)
			err := d.Validate().Err()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
