package schedule

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// List writes, for each plan, its settings, the period due now (the one a
// start-up catches up if the archive lacks it) and its next n firings with
// the period each would issue. It is `bulletin schedule --list`; the text is
// for office staff.
func List(w io.Writer, plans []*Plan, now time.Time, n int) error {
	bw := bufio.NewWriter(w)
	for i, pl := range plans {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		def := pl.Report
		fmt.Fprintf(bw, "报告 %s（%s）\n", def.ID, def.Name)
		fmt.Fprintf(bw, "  定时：%s（时区 %s，迟到的数据最多等待 %s）\n", def.Schedule.Cron, pl.Location, shortDuration(pl.Deadline))
		if due := pl.Due(now); due.IsZero() {
			fmt.Fprintln(bw, "  当前应印发：无（两年内没有到过运行时间）")
		} else {
			fmt.Fprintf(bw, "  当前应印发：%s（档案库中没有时，服务启动即补发）\n", due)
		}
		t := now
		for k := 0; k < n; k++ {
			t = pl.Next(t)
			if t.IsZero() {
				fmt.Fprintln(bw, "  下次运行：无")
				break
			}
			fmt.Fprintf(bw, "  下次运行：%s  印发 %s\n", t.Format("2006-01-02 15:04:05 -07:00"), pl.Due(t))
		}
	}
	return bw.Flush()
}

// shortDuration writes 72h rather than 72h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
