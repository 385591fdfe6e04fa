package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// periodsPerPage bounds the catalogue page; older periods are on the next
// pages.
const periodsPerPage = 40

type catalogueFilter struct {
	Report string
	Year   int
	// Kind is a period kind's report.yaml name (quarter, month, half,
	// year, asof); "" for all.
	Kind    string
	Quarter int
	Text    string
}

// kindChoice is one period kind the archive holds, for the filter.
type kindChoice struct {
	Value, Label string
}

type versionRow struct {
	*Issuance
	Status string
	Latest bool
}

type periodGroup struct {
	Report   string
	Period   report.Period
	Versions []versionRow
}

type reportCount struct {
	Report  string
	Periods int
	URL     string
}

type catalogueData struct {
	Filter      catalogueFilter
	Reports     []string
	Counts      []reportCount
	Years       []int
	Kinds       []kindChoice
	HasQuarters bool
	Groups      []periodGroup
	Issuances   int
	Shown       int
	Page, Pages int
	PrevURL     string
	NextURL     string
}

// status says where a version stands: its state (草稿, 已签发, 已用印,
// 已撤回) and whether it is the current one or replaced; or a past
// period's data imported without a notice.
func status(v *view, is *Issuance) string {
	switch {
	case is.Imported:
		return "历史数据（导入，无通报）"
	case is.State == stateDraft:
		return stateDraft + " · 待签发"
	case is.State == stateWithdrawn:
		return stateWithdrawn + " · 已退回"
	case v.isLatest(is):
		return is.State + " · 现行"
	}
	return is.State + " · 已被第" + strconv.Itoa(v.latest(is.Report, is.Period).Version) + "版取代"
}

func (s *Server) catalogue(w http.ResponseWriter, r *http.Request) {
	v := viewOf(r)
	q := r.URL.Query()
	f := catalogueFilter{Report: q.Get("report"), Text: strings.TrimSpace(limit(q.Get("text"), 100))}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	f.Quarter, _ = strconv.Atoi(q.Get("quarter"))
	if k, ok := report.ParseKind(q.Get("kind")); ok && q.Get("kind") != "" {
		f.Kind = k.String()
	}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)

	d := catalogueData{Filter: f, Reports: v.reports, Issuances: len(v.all)}
	for _, id := range v.reports {
		d.Counts = append(d.Counts, reportCount{id, len(v.periods[id]), "/?" + url.Values{"report": {id}}.Encode()})
	}
	years := map[int]bool{}
	kinds := map[report.Kind]bool{}
	for _, is := range v.all {
		if !years[is.Period.Year] {
			years[is.Period.Year] = true
			d.Years = append(d.Years, is.Period.Year)
		}
		kinds[is.Period.Kind] = true
	}
	for _, k := range []report.Kind{report.Month, report.Quarter, report.Half, report.Year, report.AsOf} {
		if kinds[k] {
			d.Kinds = append(d.Kinds, kindChoice{k.String(), k.Chinese()})
		}
	}
	d.HasQuarters = kinds[report.Quarter]
	// Periods newest first (the log's order), each once, with every
	// version; a period is shown when one of its versions matches.
	var groups []periodGroup
	seen := map[periodKey]bool{}
	for i := range v.all {
		is := &v.all[i]
		pk := periodKey{is.Report, is.Period}
		if seen[pk] || !f.matches(is) {
			continue
		}
		seen[pk] = true
		groups = append(groups, periodGroup{Report: is.Report, Period: is.Period})
	}
	d.Pages = max(1, (len(groups)+periodsPerPage-1)/periodsPerPage)
	page = min(page, d.Pages)
	d.Page = page
	groups = groups[(page-1)*periodsPerPage : min(len(groups), page*periodsPerPage)]
	for gi := range groups {
		g := &groups[gi]
		vs := v.vers[periodKey{g.Report, g.Period}]
		for i := len(vs) - 1; i >= 0; i-- {
			g.Versions = append(g.Versions, versionRow{Issuance: vs[i], Status: status(v, vs[i]), Latest: i == len(vs)-1})
			d.Shown++
		}
	}
	d.Groups = groups
	link := func(p int) string {
		q := url.Values{}
		for k, val := range map[string]string{"report": f.Report, "text": f.Text, "kind": f.Kind} {
			if val != "" {
				q.Set(k, val)
			}
		}
		if f.Year != 0 {
			q.Set("year", strconv.Itoa(f.Year))
		}
		if f.Quarter != 0 {
			q.Set("quarter", strconv.Itoa(f.Quarter))
		}
		q.Set("page", strconv.Itoa(p))
		return "/?" + q.Encode()
	}
	if page > 1 {
		d.PrevURL = link(page - 1)
	}
	if page < d.Pages {
		d.NextURL = link(page + 1)
	}
	s.render(w, r, "catalogue.html", "通报档案目录", d)
}

func (f catalogueFilter) matches(is *Issuance) bool {
	if f.Report != "" && is.Report != f.Report {
		return false
	}
	if f.Year != 0 && is.Period.Year != f.Year {
		return false
	}
	if f.Kind != "" && is.Period.Kind.String() != f.Kind {
		return false
	}
	if f.Quarter != 0 && (is.Period.Kind != report.Quarter || is.Period.Quarter != f.Quarter) {
		return false
	}
	if f.Text != "" {
		hay := is.Report + "\n" + is.Title + "\n" + is.DocNumber + "\n" + is.Reason + "\n" + periodName(is.Period) + "\n" + is.Period.String()
		return strings.Contains(strings.ToLower(hay), strings.ToLower(f.Text))
	}
	return true
}

// limit cuts s to at most n runes.
func limit(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
