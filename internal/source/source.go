package source

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// MaxSize is the largest file fetched: 64 MiB, far above any export.
const MaxSize = 64 << 20

// ErrNotYet matches (errors.Is) the error of a fetch whose period has no
// export yet. The scheduled service retries on it until its deadline.
var ErrNotYet = errors.New("snapshot not there yet")

// NotYetError says where the export of a period was looked for.
type NotYetError struct {
	Period report.Period
	Where  string // the path, folder or address looked at
}

// Error implements error (Chinese: it is shown to office staff).
func (e *NotYetError) Error() string {
	return fmt.Sprintf("%s 的导出文件还没有：%s", e.Period, e.Where)
}

// Is makes errors.Is(err, ErrNotYet) true.
func (e *NotYetError) Is(target error) bool { return target == ErrNotYet }

// Fetch returns the original name and the bytes of the export of period p
// from def's source. Relative file and inbox paths are relative to the
// report folder. When the export is not there yet, the error matches
// ErrNotYet.
func Fetch(ctx context.Context, def *report.Definition, p report.Period) (name string, data []byte, err error) {
	s := def.Source
	switch {
	case s.URL != "":
		return fetchURL(ctx, s, p)
	case s.Inbox != "":
		return fetchInbox(def.Path(Expand(s.Inbox, p)), p, location(def))
	case s.File != "":
		return fetchFile(def.Path(Expand(s.File, p)), p)
	}
	return "", nil, errors.New("report.yaml 的 source 没有写 file、inbox 或 url：不知道从哪里取数据")
}

// Latest returns the newest period whose export the source holds. For a
// file pattern or an inbox it lists the files; an address cannot be
// listed, so the period holding now and the four before it are tried in
// turn. The error matches ErrNotYet when nothing is found.
func Latest(ctx context.Context, def *report.Definition, now time.Time) (report.Period, error) {
	s := def.Source
	switch {
	case s.URL != "":
		p := def.Kind().Of(now.In(location(def)))
		for range 5 {
			_, _, err := fetchURL(ctx, s, p)
			if err == nil {
				return p, nil
			}
			if !errors.Is(err, ErrNotYet) {
				return report.Period{}, err
			}
			p = p.Prev()
		}
		return report.Period{}, &NotYetError{Period: def.Kind().Of(now), Where: RedactString(s.URL) + "（已试最近 5 期）"}
	case s.Inbox != "":
		return latestInbox(def.Path(s.Inbox), def.Kind(), location(def), now)
	case s.File != "":
		return latestFile(def.Path(s.File), def.Kind(), now)
	}
	return report.Period{}, errors.New("report.yaml 的 source 没有写 file、inbox 或 url：不知道从哪里取数据")
}

// location is the report's time zone (schedule.timezone), used to decide
// which quarter a file's modification time falls in.
func location(def *report.Definition) *time.Location {
	if loc, err := time.LoadLocation(def.Schedule.TimeZone); err == nil && def.Schedule.TimeZone != "" {
		return loc
	}
	return time.Local
}

// periodInName finds the period a file name states: 2022Q3, 2022-Q3,
// 2022q3, 2022年第三季度, 2022年三季度, 2022年第3季度.
func periodInName(name string) (report.Period, bool) {
	if m := namedQ.FindStringSubmatch(name); m != nil {
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		return report.Period{Year: y, Quarter: q}, true
	}
	if m := namedCN.FindStringSubmatch(name); m != nil {
		y, _ := strconv.Atoi(m[1])
		q := strings.Index("一二三四", m[2])/len("一") + 1
		if q == 0 {
			q, _ = strconv.Atoi(m[2])
		}
		return report.Period{Year: y, Quarter: q}, true
	}
	return report.Period{}, false
}

var (
	namedQ  = regexp.MustCompile(`(?i)((?:19|20)\d\d)\s*[-_ ]?\s*q([1-4])`)
	namedCN = regexp.MustCompile(`((?:19|20)\d\d)\s*年度?\s*第?\s*([一二三四1-4])\s*季度`)
)
