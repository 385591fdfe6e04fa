package schedule

import "log/slog"

// cronLogger passes robfig/cron's log lines to slog: its scheduler chatter
// ("start", "wake", "run") at Debug, the skip of SkipIfStillRunning at Info
// and the panics caught by Recover at Error with their stack.
type cronLogger struct{ l *slog.Logger }

// Info implements cron.Logger.
func (c cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.l.Info("skip: previous trigger still running")
		return
	}
	c.l.Debug("cron "+msg, kv...)
}

// Error implements cron.Logger.
func (c cronLogger) Error(err error, msg string, kv ...any) {
	if msg == "panic" {
		c.l.Error("panic in job: recovered, service goes on", append([]any{"err", err}, kv...)...)
		return
	}
	c.l.Error("cron "+msg, append([]any{"err", err}, kv...)...)
}
