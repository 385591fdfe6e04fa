package source_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/source"
)

func period(t *testing.T, s string) report.Period {
	t.Helper()
	p, err := report.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExpandKinds(t *testing.T) {
	for _, tt := range []struct{ pattern, period, want string }{
		{"data/{{year}}-{{mm}}.xlsx", "2022-09", "data/2022-09.xlsx"},
		{"data/{{year}}年{{month}}月.xlsx", "2022-09", "data/2022年9月.xlsx"},
		{"data/{{period}}.xlsx", "2022-10", "data/2022-10.xlsx"},
		{"data/{{year}}H{{half}}.xlsx", "2022H2", "data/2022H2.xlsx"},
		{"data/{{period}}/表.xlsx", "2022", "data/2022/表.xlsx"},
		{"data/{{date}}.xlsx", "2021-11-04", "data/2021-11-04.xlsx"},
	} {
		if got := source.Expand(tt.pattern, period(t, tt.period)); got != tt.want {
			t.Errorf("Expand(%q, %s) = %q, want %q", tt.pattern, tt.period, got, tt.want)
		}
	}
}

// TestLatestKinds lists a folder of exports of each kind, as a report of
// that kind finds its newest period.
func TestLatestKinds(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		kind, pattern string
		files         []string
		want          string
	}{
		{"month", "m/{{period}}.xlsx", []string{"2022-09.xlsx", "2022-10.xlsx", "2022Q4.xlsx", "2022-9.xlsx"}, "2022-10"},
		{"month", "m2/{{year}}年{{month}}月.xlsx", []string{"2022年9月.xlsx", "2022年12月.xlsx", "2023年1月.xlsx"}, "2023-01"},
		{"half", "h/{{year}}H{{half}}.xlsx", []string{"2021H2.xlsx", "2022H1.xlsx"}, "2022H1"},
		{"year", "y/{{year}}.xlsx", []string{"2020.xlsx", "2021.xlsx"}, "2021"},
		{"asof", "d/整改{{date}}.xlsx", []string{"整改2021-10-20.xlsx", "整改2021-11-04.xlsx", "整改2021-11-4.xlsx"}, "2021-11-04"},
	} {
		dir := t.TempDir()
		for _, f := range tt.files {
			write(t, dir, filepath.Join(filepath.Dir(tt.pattern), f), "x", day(2022, 1, 1))
		}
		def := defWith(dir, report.Source{File: tt.pattern})
		def.Period = tt.kind
		p, err := source.Latest(ctx, def, day(2023, 6, 1))
		if err != nil || p.String() != tt.want {
			t.Errorf("%s: Latest = %v, %v; want %s", tt.pattern, p, err, tt.want)
			continue
		}
		if name, _, err := source.Fetch(ctx, def, p); err != nil || name == "" {
			t.Errorf("%s: Fetch(%s) = %q, %v", tt.pattern, p, name, err)
		}
	}
	def := defWith(t.TempDir(), report.Source{File: "{{year}}.xlsx"})
	def.Period = "month"
	if _, err := source.Latest(ctx, def, day(2023, 6, 1)); err == nil || !strings.Contains(err.Error(), "不含 {{period}}（或 {{year}} 与 {{month}}）") {
		t.Errorf("a month pattern without the month: %v", err)
	}
}

// TestInboxKinds takes exports from an inbox by the period their names
// state, or else by when they were made.
func TestInboxKinds(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write(t, dir, "in/网上政务服务2022年9月.xlsx", "sep", day(2022, 10, 3))
	write(t, dir, "in/导出.xlsx", "oct", day(2022, 11, 10)) // made early November: October's
	write(t, dir, "half/2022年上半年考核.xlsx", "h1", day(2022, 7, 3))
	write(t, dir, "asof/整改台账20211104.xlsx", "d", day(2021, 11, 5))
	for _, tt := range []struct{ kind, inbox, want, content string }{
		{"month", "in", "2022-10", "oct"},
		{"half", "half", "2022H1", "h1"},
		{"asof", "asof", "2021-11-04", "d"},
	} {
		def := defWith(dir, report.Source{Inbox: tt.inbox})
		def.Period = tt.kind
		p, err := source.Latest(ctx, def, day(2022, 12, 1))
		if err != nil || p.String() != tt.want {
			t.Errorf("%s: Latest = %v, %v; want %s", tt.inbox, p, err, tt.want)
			continue
		}
		if _, data, err := source.Fetch(ctx, def, p); err != nil || string(data) != tt.content {
			t.Errorf("%s: Fetch = %q, %v", tt.inbox, data, err)
		}
	}
	def := defWith(dir, report.Source{Inbox: "in"})
	def.Period = "month"
	if _, data, err := source.Fetch(ctx, def, period(t, "2022-09")); err != nil || string(data) != "sep" {
		t.Errorf("named September export: %q, %v", data, err)
	}
	if _, _, err := source.Fetch(ctx, def, period(t, "2022-08")); !errors.Is(err, source.ErrNotYet) {
		t.Errorf("August: %v", err)
	}
}
