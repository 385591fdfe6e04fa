package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
)

// logMessages words the stages' log records for staff. The stages log
// with short, stable English messages, which programs and tests match;
// the command's handlers write the Chinese message as msg and keep the
// English one under the key "event", so that machines have a stable
// key and people a sentence they can read. Every message logged in
// internal/ and cmd/ must be here (TestLogMessagesAreWorded).
var logMessages = map[string]string{
	// the service (cmd/bulletin/schedule.go, internal/schedule)
	"service started": "定时服务已启动",
	"signal received, stopping: no new work, waiting for a running issuance": "收到停止信号：不再开始新的印发，等待正在进行的印发完成",
	"second signal: cancelling the running issuance":                         "再次收到停止信号：取消正在进行的印发",
	"stopped": "定时服务已停止",
	"stop cut short: running issuance cancelled": "提前停止：正在进行的印发已取消",
	"scheduled":                              "已排定",
	"no schedule.cron: report not scheduled": "未配置 schedule.cron：这个报告不定时印发",
	"trigger":                                "开始印发到期的通报",
	"retry":                                  "数据还没有到、档案库正忙或暂时无法读取，稍后重试",
	"issued":                                 "已印发",
	"issuance failed":                        "印发失败",
	"deadline passed: notice not issued":     "已过截止时间：本期通报未印发",
	"skip: already issued":                   "跳过：本期已印发",
	"skip: service stopping":                 "跳过：服务正在停止",
	"skip: service stopping, retry abandoned":                  "跳过：服务正在停止，不再重试",
	"skip: no period due (schedule did not fire in two years)": "跳过：没有到期的期次（两年内定时从未触发）",
	"skip: previous trigger still running":                     "跳过：上一次触发的印发还在进行",
	"trigger cancelled by shutdown":                            "服务停止，本次触发已取消",
	"issuance cancelled by shutdown":                           "服务停止，正在进行的印发已取消（档案库保持在上一次完整的提交）",
	"panic in job: recovered, service goes on":                 "印发任务发生内部错误，已恢复，服务继续运行",
	"pipeline":                       "印发进度",
	"note":                           "注意",
	"archived":                       "已存档",
	"notified":                       "已发送通知",
	"archived, worktree not updated": "已存档，但档案库文件夹中的文件未能更新（提交完好，下次运行时恢复）",
	// the stages
	"download failed, retrying":                           "下载失败，稍后重试",
	"download redirected":                                 "下载地址已跳转",
	"redirected to another host: token not sent":          "跳转到了另一台主机：不向它发送令牌",
	"pushed archive":                                      "档案库已推送到远程仓库",
	"push failed":                                         "档案库推送到远程仓库失败（本地档案库不受影响，下次印发时再推送）",
	"repaired missing tag":                                "已补上缺失的标签",
	"bringing archive worktree to HEAD":                   "档案库的工作文件与最新提交不一致，正在恢复",
	"archive made by an earlier bulletin: marker written": "档案库由较早版本的 bulletin 建立：已写入标记文件",
	"open workbook":                                       "打开工作簿",
	"panic reading snapshot":                              "读取数据文件时发生内部错误",
}

// zhLog returns r's message for people, and the stable English one
// ("" when the message is worded already or unknown).
func zhLog(msg string) (zh, event string) {
	if z, ok := logMessages[msg]; ok {
		return z, msg
	}
	if rest, ok := strings.CutPrefix(msg, "cron "); ok {
		return "定时器：" + rest, msg // robfig/cron's own records, at debug level
	}
	return msg, ""
}

// zhHandler writes a record's Chinese message, the English one under
// "event".
type zhHandler struct{ slog.Handler }

func (h zhHandler) Handle(ctx context.Context, r slog.Record) error {
	zh, event := zhLog(r.Message)
	if event == "" {
		return h.Handler.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, zh, r.PC)
	out.AddAttrs(slog.String("event", event))
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(a)
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h zhHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return zhHandler{h.Handler.WithAttrs(as)}
}

func (h zhHandler) WithGroup(name string) slog.Handler {
	return zhHandler{h.Handler.WithGroup(name)}
}

// noteHandler prints the stages' warnings during an interactive command
// as one line for people: 注意：下载失败，稍后重试（url=… attempt=1）.
type noteHandler struct {
	mu    *sync.Mutex
	w     io.Writer
	attrs []slog.Attr
}

func newNoteHandler(w io.Writer) slog.Handler { return noteHandler{mu: new(sync.Mutex), w: w} }

func (h noteHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }

func (h noteHandler) Handle(_ context.Context, r slog.Record) error {
	zh, _ := zhLog(r.Message)
	var kv []string
	add := func(a slog.Attr) bool {
		if !a.Equal(slog.Attr{}) {
			kv = append(kv, fmt.Sprintf("%s=%v", a.Key, a.Value.Resolve()))
		}
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	prefix := "注意："
	if r.Level >= slog.LevelError {
		prefix = "错误："
	}
	line := prefix + zh
	if len(kv) > 0 {
		line += "（" + strings.Join(kv, " ") + "）"
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := io.WriteString(h.w, line+"\n")
	return err
}

func (h noteHandler) WithAttrs(as []slog.Attr) slog.Handler {
	h.attrs = append(append([]slog.Attr(nil), h.attrs...), as...)
	return h
}

func (h noteHandler) WithGroup(string) slog.Handler { return h }
