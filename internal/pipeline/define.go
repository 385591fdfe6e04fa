package pipeline

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// The one definition of an issuance's inputs: every file and option the
// notice was made from, each as a manifest input name → sha256 (or, for
// the date, the date itself). Two issuances of a period with equal inputs
// are the same notice; any difference is a new version.
//
//	<export file name>       the export as received (e.g. 2022Q3.xlsx)
//	snapshot.json            the figures as read
//	report.yaml              what in report.yaml shapes the notice
//	template                 the report's template, as read
//	template/<name>          every other template read (forwarded notices)
//	previous/snapshot.json   the previous period's figures, when there were any
//	<export of dataset id>   each further dataset's export as received (datasets:)
//	snapshot-<id>.json       its figures as read
//	previous/snapshot-<id>.json  its previous period's figures
//	yearago/snapshot.json    the same period a year earlier (and
//	                         yearago/snapshot-<id>.json), when the archive
//	                         holds it and the template reads year-on-year
//	                         figures
//	fonts                    the font files (or bundled stand-ins) used
//	date                     the 成文日期 (YYYY-MM-DD)
const (
	// PreviousInput is the input holding the sha256 of the previous
	// period's snapshot.json that the deltas were computed against.
	PreviousInput = "previous/snapshot.json"
	// DateInput is the input holding the 成文日期.
	DateInput  = "date"
	fontsInput = "fonts"
	// templateInput is the report's own template; other templates read
	// are templateInput + "/" + their name.
	templateInput = "template"
)

// isComparison says whether an input is a comparison period's figures
// (previous/…, yearago/…) rather than this period's.
func isComparison(name string) bool {
	return strings.HasPrefix(name, "previous/") || strings.HasPrefix(name, yearAgoInput)
}

// yearAgoInput prefixes the year-ago snapshots' inputs.
const yearAgoInput = "yearago/"

// datasets records the further datasets' exports, their previous
// periods, and the year-ago snapshots when the template read them.
func (s inputSet) datasets(def *report.Definition, in *inputs, yearAgo bool) error {
	add := func(name string, snap *snapshot.Snapshot) error {
		if snap == nil {
			return nil
		}
		js, err := snap.JSON()
		if err != nil {
			return err
		}
		s[name] = sha(js)
		return nil
	}
	for _, di := range in.extra {
		s[di.name] = sha(di.data)
		s[snapshotName(def, di.id)] = sha(di.json)
		if err := add("previous/"+snapshotName(def, di.id), di.prev); err != nil {
			return err
		}
	}
	if !yearAgo {
		return nil
	}
	if err := add(yearAgoInput+snapshotName(def, ""), in.yearAgo); err != nil {
		return err
	}
	for _, di := range in.extra {
		if err := add(yearAgoInput+snapshotName(def, di.id), di.yearAgo); err != nil {
			return err
		}
	}
	return nil
}

// inputSet gathers the inputs of one issuance.
type inputSet map[string]string

func (s inputSet) snapshot(name string, data, snapJSON []byte) {
	s[name] = sha(data)
	s["snapshot.json"] = sha(snapJSON)
}

func (s inputSet) template(def *report.Definition, name string, src []byte) {
	if name == def.Template {
		s[templateInput] = sha(src)
		return
	}
	s[templateInput+"/"+name] = sha(src)
}

func (s inputSet) reportYAML(def *report.Definition) error {
	b := def.NoticeYAML()
	if b == nil { // a definition built in code, not read from a file
		var err error
		if b, err = os.ReadFile(def.Path(report.FileName)); err != nil {
			return err
		}
	}
	s[report.FileName] = noticeSettingsHash(b)
	return nil
}

func (s inputSet) date(d time.Time) { s[DateInput] = d.Format("2006-01-02") }

// fonts records which font each face used: a file's path and size, or a
// bundled stand-in's name.
func (s inputSet) fonts(used map[fonts.Face]string) {
	var lines []string
	for face, what := range used {
		if fi, err := os.Stat(what); err == nil {
			what = fmt.Sprintf("%s %d", what, fi.Size())
		}
		lines = append(lines, string(face)+"="+what)
	}
	sort.Strings(lines)
	s[fontsInput] = sha([]byte(strings.Join(lines, "\n")))
}

// newInputs are inputs recorded, or recorded differently, since this
// version of bulletin; a manifest written before (it has no date input) is
// compared without them. report.yaml's settings were hashed from their
// YAML re-encoding before and are hashed as canonical JSON now.
func newInput(name string) bool {
	return name == DateInput || name == fontsInput || name == report.FileName || strings.HasPrefix(name, templateInput+"/")
}

// changedInputs lists, in words for staff, which inputs differ between an
// archived manifest's and a new issuance's. Without explicitDate the date
// is not compared: a run on another day without a date asks nothing new.
func changedInputs(old, cur map[string]string, explicitDate bool) []string {
	legacy := old[DateInput] == ""
	names := map[string]bool{}
	for k := range old {
		names[k] = true
	}
	for k := range cur {
		names[k] = true
	}
	var out []string
	for k := range names {
		if old[k] == cur[k] || (k == DateInput && !explicitDate) || (legacy && newInput(k)) {
			continue
		}
		out = append(out, inputWords(k, old[k], cur[k]))
	}
	sort.Strings(out)
	return out
}

func inputWords(name, old, cur string) string {
	switch {
	case name == DateInput:
		return fmt.Sprintf("成文日期（%s → %s）", old, cur)
	case name == fontsInput:
		return "所用字体"
	case name == templateInput:
		return "模板"
	case strings.HasPrefix(name, templateInput+"/"):
		return "模板 " + strings.TrimPrefix(name, templateInput+"/")
	case name == PreviousInput:
		return "上一期数据"
	case strings.HasPrefix(name, "previous/"):
		return "上一期数据 " + strings.TrimPrefix(name, "previous/")
	case strings.HasPrefix(name, yearAgoInput):
		return "上年同期数据 " + strings.TrimPrefix(name, yearAgoInput)
	case name == report.FileName:
		return "report.yaml 中的通报设置"
	case old == "":
		return "数据文件 " + name + "（新）"
	case cur == "":
		return "数据文件 " + name + "（已无）"
	}
	return "数据文件 " + name
}

// noticeSettingsHash is the sha256 of what in report.yaml shapes the
// notice (report.NoticeSettings): without the schedule, archive, approval
// and notify settings, so that moving the schedule or adding a remote does
// not make every period's next run a new version. Should the file not
// parse (report.Load has already parsed it), the raw bytes are hashed.
func noticeSettingsHash(yamlBytes []byte) string {
	b, err := report.NoticeSettings(yamlBytes)
	if err != nil {
		return sha(yamlBytes)
	}
	return sha(b)
}
