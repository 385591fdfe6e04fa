package web

import (
	"net/http"
	"regexp"
	"sort"
	"strconv"

	"github.com/bulletin-gov/bulletin/internal/report"
)

type inputChange struct {
	Name     string
	Old, New string
}

// textLine is one line of the notice diff as shown: Op as in DiffLine,
// the line cut into segments with the changed characters marked.
type textLine struct {
	Op       string
	Segments []Segment
}

type diffData struct {
	Report   string
	A, B     *Issuance
	Choices  []*Issuance
	SpecA    string
	SpecB    string
	Inputs   []inputChange
	Text     []textLine
	Figures  []FigureChange
	SameText bool
}

var specRE = regexp.MustCompile(`^(\d{4}(?:Q[1-4]|H[12]|-\d{2}(?:-\d{2})?)?)(?:v([1-9]\d{0,5}))?$`)

// parseSpec reads 2022Q3v2 (a version) or 2022Q3 (its latest version);
// the period in any kind's canonical form (2022-10v1, 2022H2, 2022v2,
// 2021-11-04v1).
func parseSpec(v *view, reportID, spec string) (*Issuance, bool) {
	m := specRE.FindStringSubmatch(spec)
	if m == nil {
		return nil, false
	}
	p, err := report.ParsePeriod(m[1])
	if err != nil || p.String() != m[1] {
		return nil, false
	}
	if m[2] == "" {
		is := v.latest(reportID, p)
		return is, is != nil
	}
	n, _ := strconv.Atoi(m[2])
	is := v.byKey[Key{reportID, p, n}]
	return is, is != nil
}

func (s *Server) diff(w http.ResponseWriter, r *http.Request) {
	v := viewOf(r)
	id := r.PathValue("report")
	if !v.hasReport(id) {
		s.notFound(w, r)
		return
	}
	q := r.URL.Query()
	var a, b *Issuance
	var ok bool
	if sb := q.Get("b"); sb != "" {
		if b, ok = parseSpec(v, id, sb); !ok {
			s.notFound(w, r)
			return
		}
	} else {
		b = v.latest(id, v.periods[id][0])
	}
	if sa := q.Get("a"); sa != "" {
		if a, ok = parseSpec(v, id, sa); !ok {
			s.notFound(w, r)
			return
		}
	} else if b.Version > 1 {
		a = v.byKey[Key{id, b.Period, b.Version - 1}]
	} else {
		a = v.latest(id, b.Period.Prev())
	}
	d := diffData{Report: id, A: a, B: b, SpecB: versionSpec(b.Key)}
	for _, p := range v.periods[id] {
		vs := v.vers[periodKey{id, p}]
		for i := len(vs) - 1; i >= 0; i-- {
			d.Choices = append(d.Choices, vs[i])
		}
	}
	if a == nil {
		s.render(w, r, "diff.html", "比较", d)
		return
	}
	d.SpecA = versionSpec(a.Key)
	da, err := s.read.detailsOf(a.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	db, err := s.read.detailsOf(b.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Inputs = inputChanges(da.Inputs, db.Inputs)
	ta, err := s.read.noticeText(a.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tb, err := s.read.noticeText(b.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Text = s.textLines(s.store.TextDiff(ta, tb))
	d.SameText = ta == tb
	sa, err := s.read.snapshot(a.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sb, err := s.read.snapshot(b.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Figures = s.store.FigureDiff(sa, sb)
	s.render(w, r, "diff.html", "比较："+periodName(a.Period)+"第"+strconv.Itoa(a.Version)+"版 → "+periodName(b.Period)+"第"+strconv.Itoa(b.Version)+"版", d)
}

// textLines pairs each run of removed lines with the run of added lines
// after it and marks the characters that changed inside them.
func (s *Server) textLines(ls []DiffLine) []textLine {
	var out []textLine
	for i := 0; i < len(ls); {
		if ls[i].Op != '-' {
			out = append(out, textLine{Op: string(ls[i].Op), Segments: []Segment{{Text: ls[i].Text}}})
			if ls[i].Op == '+' {
				out[len(out)-1].Segments[0].Changed = true
			}
			i++
			continue
		}
		j := i
		for j < len(ls) && ls[j].Op == '-' {
			j++
		}
		k := j
		for k < len(ls) && ls[k].Op == '+' {
			k++
		}
		dels, adds := ls[i:j], ls[j:k]
		var olds, news []textLine
		for n := range max(len(dels), len(adds)) {
			switch {
			case n < len(dels) && n < len(adds):
				o, nw := s.store.InlineDiff(dels[n].Text, adds[n].Text)
				olds = append(olds, textLine{"-", o})
				news = append(news, textLine{"+", nw})
			case n < len(dels):
				olds = append(olds, textLine{"-", []Segment{{dels[n].Text, true}}})
			default:
				news = append(news, textLine{"+", []Segment{{adds[n].Text, true}}})
			}
		}
		out = append(append(out, olds...), news...)
		i = k
	}
	return out
}

func inputChanges(a, b map[string]string) []inputChange {
	var out []inputChange
	for k, nv := range b {
		if a[k] != nv {
			out = append(out, inputChange{k, a[k], nv})
		}
	}
	for k, ov := range a {
		if _, ok := b[k]; !ok {
			out = append(out, inputChange{k, ov, ""})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
