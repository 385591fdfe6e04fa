package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/schedule"
	"github.com/bulletin-gov/bulletin/internal/source"
)

// scheduleCommand is `bulletin schedule`: the service that issues every
// report's notice when its schedule fires, in the foreground until SIGINT
// or SIGTERM. With --list it prints the coming runs and exits.
func scheduleCommand(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("schedule", stderr)
	reportsDir := fset.String("reports", "reports", "报告总`文件夹`：其下每个含 report.yaml 的子文件夹是一个报告")
	archiveDir := fset.String("archive", "archive", "档案库`文件夹`（git 仓库，不存在则创建）")
	list := fset.Bool("list", false, "列出每个报告接下来的运行时间及每次将印发的期次，然后退出")
	next := fset.Int("next", 3, "--list 列出的运行`次数`")
	logFormat := fset.String("log-format", "text", "日志`格式`：text（便于阅读）或 json（便于程序处理）")
	logLevel := fset.String("log-level", "info", "日志`级别`：debug、info、warn 或 error")
	fontDir := fset.String("fonts", "", "存放正式字体（仿宋、黑体、楷体、小标宋）的`文件夹`；也可用环境变量 BULLETIN_FONTS")
	if err := parse(fset, args); err != nil {
		return err
	}
	logger, err := newServiceLogger(stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	if *next < 1 {
		return usageError{"--next 应为正整数"}
	}
	defs, err := loadReportFolders(*reportsDir)
	if err != nil {
		return err
	}
	plans, err := schedule.Plans(defs)
	if err != nil {
		return err
	}
	if err := checkPeriodSources(plans); err != nil {
		return err
	}
	if *list {
		if err := schedule.List(stdout, plans, time.Now(), *next); err != nil {
			return err
		}
		for _, def := range defs {
			if def.Schedule.Cron == "" {
				fmt.Fprintf(stdout, "\n报告 %s（%s）\n  定时：未配置 schedule.cron，只能用 bulletin run 手动印发\n", def.ID, def.Name)
			}
		}
		return nil
	}

	// Other stages log through slog's default (the archive's "archived"
	// record): give them the service's handler and format.
	slog.SetDefault(logger)
	issued, issue, err := scheduleFuncs(*archiveDir, *fontDir, logger)
	if err != nil {
		return err
	}
	svc := &schedule.Service{Reports: defs, Issued: issued, Issue: issue, Logger: logger,
		Late: func(ctx context.Context, def *report.Definition, p report.Period, deadline time.Time, why error) {
			for _, d := range pipeline.TellLate(ctx, *archiveDir, def, p, deadline, why, nil) {
				logger.Info("notified", "report", def.ID, "period", p.String(), "event", d.Event, "to", d.To, "ok", d.OK, "result", d.Result)
			}
		}}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := svc.Start(context.Background()); err != nil {
		return err
	}
	logger.Info("service started", "reports", *reportsDir, "archive", *archiveDir, "pid", os.Getpid())

	sig := <-sigs
	logger.Info("signal received, stopping: no new work, waiting for a running issuance", "signal", sig.String())
	// A second signal cuts the wait short (as in litestream's main).
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		if sig, ok := <-sigs; ok {
			logger.Warn("second signal: cancelling the running issuance", "signal", sig.String())
			cancel()
		}
	}()
	if err := svc.Close(ctx); err != nil {
		return fmt.Errorf("停止服务时中断了正在进行的印发（档案库保持在上一次完整的提交）：%w", err)
	}
	return nil
}

// newServiceLogger returns the service's slog logger on w.
func newServiceLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError{fmt.Sprintf("--log-level %q 应为 debug、info、warn 或 error", level)}
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(zhHandler{slog.NewTextHandler(w, opts)}), nil
	case "json":
		return slog.New(zhHandler{slog.NewJSONHandler(w, opts)}), nil
	}
	return nil, usageError{fmt.Sprintf("--log-format %q 应为 text 或 json", format)}
}

// loadReportFolders loads every report under dir: each subfolder holding a
// report.yaml, in name order (dir itself if it holds one). All problems are
// reported together.
func loadReportFolders(dir string) ([]*report.Definition, error) {
	if _, err := os.Stat(filepath.Join(dir, report.FileName)); err == nil {
		def, err := report.Load(dir)
		if err != nil {
			return nil, err
		}
		return []*report.Definition{def}, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("读取报告总文件夹 %s（--reports 应指向含有各报告文件夹的目录）：%w", dir, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var defs []*report.Definition
	var errs []error
	seen := map[string]string{}
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(sub, report.FileName)); err != nil {
			continue
		}
		def, err := report.Load(sub)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := seen[def.ID]; dup {
			errs = append(errs, fmt.Errorf("%s 与 %s 的报告 id 都是 %q：档案库按 id 存放，id 不能重复", sub, other, def.ID))
			continue
		}
		seen[def.ID] = sub
		defs = append(defs, def)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(defs) == 0 {
		return nil, fmt.Errorf("%s 下没有含 %s 的报告文件夹", dir, report.FileName)
	}
	return defs, nil
}

// checkPeriodSources refuses a scheduled report whose source file name
// does not change with the period: the service could not tell this
// period's export from last period's, and must never issue the old data
// under the new period.
func checkPeriodSources(plans []*schedule.Plan) error {
	var errs []error
	for _, pl := range plans {
		for _, id := range pl.Report.DatasetIDs() {
			def := pl.Report.Dataset(id)
			if def.Source.File == "" || def.Kind() == report.AsOf && def.Source.AsOfCell != "" {
				continue // an as-of export states its date in its title row
			}
			p := def.Kind().Of(time.Now())
			if source.Expand(def.Source.File, p) == source.Expand(def.Source.File, p.Prev()) {
				errs = append(errs, fmt.Errorf("%s：source.file %q 不含 {{period}}（或 {{year}}、{{quarter}}、{{month}}、{{half}}、{{date}}）：定时服务无法分辨本期和上期的数据，请让文件名带上期次，如 data/{{period}}.xlsx",
					filepath.Join(def.Dir, report.FileName), def.Source.File))
			}
		}
	}
	return errors.Join(errs...)
}

// scheduleFuncs returns what the service calls: whether the archive holds
// a period, and one pipeline run of a period. Tests replace it.
var scheduleFuncs = pipelineScheduleFuncs

// pipelineScheduleFuncs wires the service to the archive at archiveDir,
// which it creates now if missing (before triggers and manual runs could
// race to), and to pipeline.Issue.
func pipelineScheduleFuncs(archiveDir, fontDir string, logger *slog.Logger) (
	issued func(context.Context, string, report.Period) (bool, error),
	issue func(context.Context, *report.Definition, report.Period) error,
	err error,
) {
	if err := pipeline.PrepareArchive(archiveDir); err != nil {
		return nil, nil, err
	}
	issued = func(_ context.Context, id string, p report.Period) (bool, error) {
		return pipeline.Issued(archiveDir, id, p)
	}
	issue = func(ctx context.Context, def *report.Definition, p report.Period) error {
		log := logger.With("report", def.ID, "period", p.String())
		out, err := pipeline.Issue(ctx, pipeline.Options{
			Report:     def,
			Period:     p,
			ArchiveDir: archiveDir,
			FontDir:    fontDir,
			Log:        pipelineLogWriter{log},
		})
		if err != nil {
			// A lock held by another run (a manual `bulletin run`) is
			// retried later, not a failure; so is an export that is not
			// there yet, or is last quarter's served again.
			if pipeline.Busy(err) {
				return marked{err, schedule.ErrBusy}
			}
			if pipeline.NotYet(err) {
				return marked{err, schedule.ErrNotYet}
			}
			if ctx.Err() == nil {
				for _, d := range pipeline.TellFailed(ctx, archiveDir, def, p, err, nil) {
					log.Info("notified", "event", d.Event, "to", d.To, "ok", d.OK, "result", d.Result)
				}
			}
			return err
		}
		for _, n := range out.Notes {
			log.Warn("note", "note", n)
		}
		log.Info("archived", "commit", out.Commit, "version", out.Version, "committed", out.Committed, "status", string(out.Status))
		for _, d := range out.Deliveries {
			log.Info("notified", "event", d.Event, "to", d.To, "ok", d.OK, "result", d.Result)
		}
		return nil
	}
	return issued, issue, nil
}

// pipelineLogWriter turns the pipeline's progress lines for people into slog
// records.
type pipelineLogWriter struct{ l *slog.Logger }

func (w pipelineLogWriter) Write(p []byte) (int, error) {
	for _, line := range bytes.Split(bytes.TrimRight(p, "\n"), []byte("\n")) {
		if len(line) > 0 {
			w.l.Info("pipeline", "line", string(line))
		}
	}
	return len(p), nil
}

// marked is err, also matching mark (errors.Is), with err's message
// only: the service's records say the Chinese reason, not the sentinel's
// English name.
type marked struct{ err, mark error }

func (m marked) Error() string   { return m.err.Error() }
func (m marked) Unwrap() []error { return []error{m.err, m.mark} }
