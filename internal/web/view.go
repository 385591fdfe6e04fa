package web

import (
	"sort"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// view is one state of the archive: the log as of one commit, indexed.
// A request reads one view from start to end, so every page is built from
// one consistent commit even while `run` or `schedule` commits another.
type view struct {
	head    string
	all     []Issuance // newest first, as the log lists them
	byKey   map[Key]*Issuance
	reports []string                   // sorted
	periods map[string][]report.Period // per report, newest first
	vers    map[periodKey][]*Issuance  // per period, oldest version first
}

type periodKey struct {
	Report string
	Period report.Period
}

func newView(head string, all []Issuance) *view {
	v := &view{head: head, all: all, byKey: make(map[Key]*Issuance, len(all)),
		periods: map[string][]report.Period{}, vers: map[periodKey][]*Issuance{}}
	for i := range all {
		is := &all[i]
		v.byKey[is.Key] = is
		pk := periodKey{is.Report, is.Period}
		if _, ok := v.vers[pk]; !ok {
			v.periods[is.Report] = append(v.periods[is.Report], is.Period)
		}
		v.vers[pk] = append(v.vers[pk], is)
	}
	for r, ps := range v.periods {
		v.reports = append(v.reports, r)
		sort.Slice(ps, func(i, j int) bool { return ps[j].Before(ps[i]) })
	}
	sort.Strings(v.reports)
	for _, vs := range v.vers {
		sort.Slice(vs, func(i, j int) bool { return vs[i].Version < vs[j].Version })
	}
	return v
}

// latest is the newest version of a period, or nil.
func (v *view) latest(r string, p report.Period) *Issuance {
	vs := v.vers[periodKey{r, p}]
	if len(vs) == 0 {
		return nil
	}
	return vs[len(vs)-1]
}

// isLatest reports whether is is the newest version of its period.
func (v *view) isLatest(is *Issuance) bool { return v.latest(is.Report, is.Period) == is }

// hasReport reports whether the archive holds the report id.
func (v *view) hasReport(r string) bool { _, ok := v.periods[r]; return ok }

// chronological returns a report's periods oldest first, each with its
// latest version.
func (v *view) chronological(r string) []*Issuance {
	ps := v.periods[r]
	out := make([]*Issuance, 0, len(ps))
	for i := len(ps) - 1; i >= 0; i-- {
		out = append(out, v.latest(r, ps[i]))
	}
	return out
}

// yearBefore is the latest version of the same period a year earlier
// (report.Period.YearAgo: 2021-10 for 2022-10, 2021H2 for 2022H2, the
// same day for an as-of date), the period a notice's 同比 compares with;
// nil when the archive has none.
func (v *view) yearBefore(r string, p report.Period) *Issuance { return v.latest(r, p.YearAgo()) }

// before is the latest version of the period just before p (Prev); for an
// as-of date, of the as-of date issued before it, as notices compare.
func (v *view) before(r string, p report.Period) *Issuance {
	if p.Kind != report.AsOf {
		return v.latest(r, p.Prev())
	}
	for _, q := range v.periods[r] { // newest first
		if q.Kind == report.AsOf && q.Before(p) {
			return v.latest(r, q)
		}
	}
	return nil
}
