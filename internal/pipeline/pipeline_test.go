package pipeline_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
)

const sample = "../../reports/hengyang-county"

func load(t *testing.T) *report.Definition {
	t.Helper()
	def, err := report.Load(sample)
	if err != nil {
		t.Fatal(err)
	}
	return def
}

func issue(t *testing.T, opts pipeline.Options) *pipeline.Outcome {
	t.Helper()
	if opts.Report == nil {
		opts.Report = load(t)
	}
	out, err := pipeline.Issue(context.Background(), opts)
	if err != nil {
		t.Fatalf("Issue(%s): %v", opts.Period, err)
	}
	return out
}

func manifest(t *testing.T, arch string, p string) archive.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(arch, "hengyang-county", p, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m archive.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestNewestPeriodOfBundledSample(t *testing.T) {
	p, err := pipeline.NewestPeriod(context.Background(), load(t), time.Now())
	if err != nil || p.String() != "2022Q3" {
		t.Fatalf("NewestPeriod = %v, %v; want 2022Q3", p, err)
	}
}

func TestPeriodFromName(t *testing.T) {
	for name, want := range map[string]string{
		"2022Q3.xlsx":              "2022Q3",
		"/in/衡阳县2023q1导出.xlsx":     "2023Q1",
		"export-2024 Q4 final.csv": "2024Q4",
	} {
		p, ok := pipeline.PeriodFromName(name, report.Quarter)
		if !ok || p.String() != want {
			t.Errorf("PeriodFromName(%q) = %v, %v; want %s", name, p, ok, want)
		}
	}
	if _, ok := pipeline.PeriodFromName("统计表.xlsx", report.Quarter); ok {
		t.Error("a name without a period gave one")
	}
	for name, want := range map[string]string{
		"2022-10.xlsx":        "2022-10",
		"考核2022年9月.xlsx":      "2022-09",
		"2022年上半年.xlsx":       "2022H1",
		"整改台账2021-11-04.xlsx": "2021-11-04",
	} {
		p, _ := report.ParsePeriod(want)
		if got, ok := pipeline.PeriodFromName(name, p.Kind); !ok || got != p {
			t.Errorf("PeriodFromName(%q, %s) = %v, %v; want %s", name, p.Kind, got, ok, want)
		}
	}
}

// The previous period comes from the archive once it holds one, and the
// document numbers count up within a year.
func TestPreviousFromArchiveAndSequence(t *testing.T) {
	arch := filepath.Join(t.TempDir(), "archive")
	q2, _ := report.ParsePeriod("2022Q2")
	q3, _ := report.ParsePeriod("2022Q3")
	first := issue(t, pipeline.Options{Period: q2, ArchiveDir: arch, Date: time.Date(2022, 7, 10, 0, 0, 0, 0, time.UTC)})
	if !first.Committed {
		t.Fatal("2022Q2 was not committed")
	}
	if !strings.Contains(strings.Join(first.Notes, "\n"), "2022Q1") {
		t.Errorf("no note that 2022Q1 is missing: %q", first.Notes)
	}
	second := issue(t, pipeline.Options{Period: q3, ArchiveDir: arch, Date: time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)})
	if !second.Committed {
		t.Fatal("2022Q3 was not committed")
	}
	m := manifest(t, arch, "2022Q3")
	q2json, err := os.ReadFile(filepath.Join(arch, "hengyang-county", "2022Q2", "snapshot.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Inputs[pipeline.PreviousInput], fmt.Sprintf("%x", sha256.Sum256(q2json)); got != want {
		t.Errorf("manifest input %s = %q, want the sha256 of the archived 2022Q2 snapshot.json %q", pipeline.PreviousInput, got, want)
	}
	if m.DocNumber != "衡县政务公开办〔2022〕2号" || manifest(t, arch, "2022Q2").DocNumber != "衡县政务公开办〔2022〕1号" {
		t.Errorf("document numbers: Q2 %q, Q3 %q", manifest(t, arch, "2022Q2").DocNumber, m.DocNumber)
	}
}

func TestDryRunWithoutArchiveCreatesNone(t *testing.T) {
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	out := issue(t, pipeline.Options{ArchiveDir: arch, DryRun: true, OutDir: filepath.Join(tmp, "out")})
	if out.Committed || len(out.Written) == 0 {
		t.Fatalf("dry run: %+v", out)
	}
	if _, err := os.Stat(arch); !os.IsNotExist(err) {
		t.Errorf("dry run created the archive: %v", err)
	}
}

// Last quarter's export served again under this quarter's name is
// refused: nothing is issued and the archive keeps one commit.
func TestSameExportAsPreviousPeriodIsRefused(t *testing.T) {
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	q2, q3 := report.Period{Year: 2022, Quarter: 2}, report.Period{Year: 2022, Quarter: 3}
	issue(t, pipeline.Options{Period: q2, ArchiveDir: arch, Date: time.Date(2022, 7, 10, 0, 0, 0, 0, time.UTC)})
	data, err := os.ReadFile(filepath.Join(sample, "data", "2022Q2.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(tmp, "2022Q3.xlsx")
	if err := os.WriteFile(copied, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = pipeline.Issue(context.Background(), pipeline.Options{Report: load(t), Period: q3, SnapshotFile: copied, ArchiveDir: arch})
	if !errors.Is(err, pipeline.ErrSameAsPrevious) || !strings.Contains(err.Error(), "2022Q2") {
		t.Fatalf("err = %v, want ErrSameAsPrevious naming 2022Q2", err)
	}
	if _, err := os.Stat(filepath.Join(arch, "hengyang-county", "2022Q3")); !os.IsNotExist(err) {
		t.Errorf("2022Q3 was written: %v", err)
	}
}

// Editing report.yaml's schedule, archive settings or comments changes no
// notice, so the next run adds no version; editing what the notice says
// does, and needs a reason.
func TestReportYAMLChangesThatMakeAVersion(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "report")
	if err := os.CopyFS(dir, os.DirFS(sample)); err != nil {
		t.Fatal(err)
	}
	arch := filepath.Join(tmp, "archive")
	q3 := report.Period{Year: 2022, Quarter: 3}
	date := time.Date(2022, 11, 4, 0, 0, 0, 0, time.UTC)
	run := func() (*pipeline.Outcome, error) {
		def, err := report.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		return pipeline.Issue(context.Background(), pipeline.Options{Report: def, Period: q3, ArchiveDir: arch, Date: date})
	}
	edit := func(old, new string) {
		p := filepath.Join(dir, "report.yaml")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("report.yaml has no %q", old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := run(); err != nil || !out.Committed {
		t.Fatalf("first run: %v %+v", err, out)
	}
	edit(`cron: "0 9 10 1,4,7,10 *"`, `cron: "30 8 12 1,4,7,10 *"`)
	edit("deadline: 72h", "deadline: 96h\n# moved to the 12th\narchive:\n  retries: 1")
	if out, err := run(); err != nil || out.Committed {
		t.Fatalf("after editing schedule and archive: %v, committed %v; want no new version", err, out != nil && out.Committed)
	}
	edit("recipients: 县直各相关单位", "recipients: 县直各单位")
	_, err := run()
	var rn *pipeline.ReasonNeededError
	if !errors.Is(err, pipeline.ErrReasonNeeded) || !errors.As(err, &rn) || rn.Version != 1 {
		t.Fatalf("after editing the recipients: %v, want ErrReasonNeeded", err)
	}
	// The library names no command-line flag: cmd/bulletin words the hint.
	if strings.Contains(err.Error(), "--") || !strings.Contains(err.Error(), "report.yaml 中的通报设置") {
		t.Errorf("ReasonNeededError = %q", err)
	}
}

// A 转发通知 issued through the whole pipeline: the forwarding office's
// short notice, then the forwarded 情况通报 as its attachment with its own
// issuer, and that notice's ranking tables, all in one PDF.
func TestForwardingNoticeEndToEnd(t *testing.T) {
	def := load(t)
	def.Office = report.Office{Name: "衡阳县优化营商环境领导小组办公室", Mark: "衡阳县优化营商环境领导小组办公室"}
	def.DocNumber = report.DocNumber{Pattern: "衡县营商办〔{{年}}〕{{序号}}号", Start: 3}
	def.Recipients = "各相关单位"
	def.Printer = def.Office.Name
	def.Template = "zhuanfa.tmpl"
	def.Attachments = []report.AttachmentRef{{
		Notice: "tongbao.tmpl",
		FrontMatter: map[string]string{
			"发文机关标志": "衡阳县政务公开政务服务领导小组办公室",
			"署名":     "衡阳县政务公开政务服务领导小组办公室",
			"发文字号":   "衡县政务公开办〔2022〕9号",
			"主送":     "县直各相关单位",
			"成文日期":   "2022-10-18",
		},
		Attachments: []report.AttachmentRef{{Ranking: "progress"}, {Ranking: "coverage"}},
	}}
	out := filepath.Join(t.TempDir(), "out")
	issue(t, pipeline.Options{Report: def, Period: report.Period{Year: 2022, Quarter: 3}, DryRun: true, OutDir: out, Date: time.Date(2022, 10, 20, 0, 0, 0, 0, time.UTC)})
	b, err := exec.Command("pdftotext", filepath.Join(out, "notice.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(b)), "")
	order := []string{
		"衡阳县优化营商环境领导小组办公室", "衡县营商办〔2022〕3号", "关于转发", "各相关单位：",
		"2022年10月20日", // the forwarding office's date
		// The forwarded notice, signed and dated by its own issuer.
		"附件", "关于2022年第三季度全县“互联网+监管”工作情况的通报", "县直各相关单位：", "监管行为覆盖率26.08%",
		"衡阳县政务公开政务服务领导小组办公室2022年10月18日",
		"衡阳县各单位监管行为覆盖率排名", "委统一战线工作",
	}
	at := 0
	for _, w := range order {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("after position %d the PDF text lacks %q:\n%s", at, w, text[at:min(len(text), at+400)])
		}
		at += i + len(w)
	}
}
