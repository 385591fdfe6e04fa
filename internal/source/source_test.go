package source_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/source"
)

var (
	q2 = report.Period{Year: 2022, Quarter: 2}
	q3 = report.Period{Year: 2022, Quarter: 3}
	q4 = report.Period{Year: 2022, Quarter: 4}
)

// write creates dir/name holding content, modified at mod.
func write(t *testing.T, dir, name, content string, mod time.Time) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }

func defWith(dir string, s report.Source) *report.Definition {
	return &report.Definition{Dir: dir, Source: s, Schedule: report.Schedule{TimeZone: "UTC"}}
}

func TestExpand(t *testing.T) {
	got := source.Expand("data/{{year}}/Q{{quarter}}/{{period}}.xlsx", q3)
	if want := "data/2022/Q3/2022Q3.xlsx"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestFetchFile reads the bundled report's source, data/{{period}}.xlsx,
// as the pipeline does.
func TestFetchFile(t *testing.T) {
	def, err := report.Load(filepath.Join("..", "..", "reports", "hengyang-county"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	name, data, err := source.Fetch(ctx, def, q3)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(def.Dir, "data", "2022Q3.xlsx"))
	if name != "2022Q3.xlsx" || string(data) != string(want) {
		t.Errorf("got %s (%d bytes)", name, len(data))
	}
	_, _, err = source.Fetch(ctx, def, q4)
	if !errors.Is(err, source.ErrNotYet) || !strings.Contains(err.Error(), "2022Q4 的导出文件还没有") {
		t.Errorf("2022Q4: error %v, want ErrNotYet", err)
	}
	latest, err := source.Latest(ctx, def, time.Now())
	if err != nil || latest != q3 {
		t.Errorf("Latest = %v, %v; want 2022Q3", latest, err)
	}
}

func TestLatestFilePatterns(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a/2022/Q1.xlsx", "a/2022/Q4.xlsx", "a/2021/Q3.xlsx", "a/notes.txt", "b/2023q1.csv"} {
		write(t, dir, n, "x", day(2023, 1, 1))
	}
	tests := []struct {
		name, pattern string
		want          report.Period
		err           string
	}{
		{"year and quarter", "a/{{year}}/Q{{quarter}}.xlsx", q4, ""},
		{"period, lower case q", "b/{{period}}.csv", report.Period{Year: 2023, Quarter: 1}, ""},
		{"nothing matches", "c/{{period}}.xlsx", report.Period{}, "还没有"},
		{"no placeholder", "a/2022/Q1.xlsx", report.Period{}, "不含 {{period}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := source.Latest(context.Background(), defWith(dir, report.Source{File: tt.pattern}), time.Now())
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// TestInbox drops exports into a folder as staff do and checks which one
// each period takes.
func TestInbox(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]time.Time
		period report.Period
		want   string // file taken; "" for ErrNotYet
	}{
		{"named by period", map[string]time.Time{"2022Q2.xlsx": day(2022, 7, 5), "2022Q3.xlsx": day(2022, 10, 5)}, q3, "2022Q3.xlsx"},
		{"named in Chinese", map[string]time.Time{"衡阳县2022年第三季度统计表.xlsx": day(2022, 10, 5), "衡阳县2022年二季度统计表.xlsx": day(2022, 11, 5)}, q3, "衡阳县2022年第三季度统计表.xlsx"},
		{"named with a dash", map[string]time.Time{"export-2022-Q3.csv": day(2022, 10, 5)}, q3, "export-2022-Q3.csv"},
		{"newest of two named", map[string]time.Time{"2022Q3.xlsx": day(2022, 10, 5), "2022Q3-更正.xlsx": day(2022, 10, 9)}, q3, "2022Q3-更正.xlsx"},
		{"named beats unnamed", map[string]time.Time{"2022Q3.xlsx": day(2022, 10, 5), "统计表.xlsx": day(2022, 10, 9)}, q3, "2022Q3.xlsx"},
		{"newest unnamed in the window", map[string]time.Time{"统计表(1).xlsx": day(2022, 9, 29), "统计表(2).xlsx": day(2022, 10, 20)}, q3, "统计表(2).xlsx"},
		{"unnamed from last quarter is not taken", map[string]time.Time{"统计表.xlsx": day(2022, 7, 5)}, q3, ""},
		{"unnamed from next quarter is not taken", map[string]time.Time{"统计表.xlsx": day(2022, 12, 10)}, q3, ""},
		{"other period named only", map[string]time.Time{"2022Q2.xlsx": day(2022, 10, 5)}, q3, ""},
		{"lock files and notes ignored", map[string]time.Time{"~$2022Q3.xlsx": day(2022, 10, 5), "2022Q3说明.docx": day(2022, 10, 5), ".2022Q3.xlsx": day(2022, 10, 5)}, q3, ""},
		{"empty inbox", nil, q3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, mod := range tt.files {
				write(t, dir, n, "content of "+n, mod)
			}
			def := defWith(dir, report.Source{Inbox: "."})
			name, data, err := source.Fetch(context.Background(), def, tt.period)
			if tt.want == "" {
				if !errors.Is(err, source.ErrNotYet) {
					t.Errorf("got %q, %v; want ErrNotYet", name, err)
				}
				return
			}
			if err != nil || name != tt.want || string(data) != "content of "+tt.want {
				t.Errorf("got %q %q, %v; want %q", name, data, err, tt.want)
			}
		})
	}
}

func TestLatestInbox(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "2022Q2.xlsx", "a", day(2022, 7, 5))
	write(t, dir, "统计表.xlsx", "b", day(2022, 10, 5)) // unnamed: 2022Q3's window
	got, err := source.Latest(context.Background(), defWith(dir, report.Source{Inbox: "."}), day(2022, 10, 6))
	if err != nil || got != q3 {
		t.Errorf("got %v, %v; want 2022Q3", got, err)
	}
	if _, err := source.Latest(context.Background(), defWith(dir, report.Source{Inbox: "missing"}), time.Now()); err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("missing inbox: %v", err)
	}
}

func TestNoSource(t *testing.T) {
	_, _, err := source.Fetch(context.Background(), defWith(t.TempDir(), report.Source{}), q3)
	if err == nil || errors.Is(err, source.ErrNotYet) {
		t.Errorf("error %v", err)
	}
}
