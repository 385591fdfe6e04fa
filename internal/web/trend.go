package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// formatValue shows one value: "/" for not applicable, text as written,
// numbers as formatNum.
func formatValue(v snapshot.Value) string {
	switch {
	case v.NA:
		return "/"
	case v.Text != "":
		return v.Text
	}
	return formatNum(v.Num)
}

// numeric is a column's number in a row; ok is false for not applicable,
// text or absent.
func numeric(vals map[string]snapshot.Value, col string) (float64, bool) {
	v, ok := vals[col]
	return v.Num, ok && !v.NA && v.Text == ""
}

// periodSnap is one archived period of a report: its latest version and
// that version's snapshot.
type periodSnap struct {
	*Issuance
	Snap *snapshot.Snapshot
}

// history reads one dataset of the latest version of every period of a
// report, oldest first, and the columns of all of them (newest order
// first). ds is the dataset's id, "" for the first (snapshot.json);
// a further dataset is looked up only among each version's own files
// (snapshot-<ds>.json), and the periods whose version lacks it are left
// out: an unknown dataset has no periods.
func (s *Server) history(v *view, id, ds string) ([]periodSnap, []string, error) {
	var out []periodSnap
	for _, is := range v.chronological(id) {
		if ds == "" {
			snap, err := s.read.snapshot(is.Key)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, periodSnap{is, snap})
			continue
		}
		snap, ok, err := s.read.datasetSnapshot(is.Key, ds)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			out = append(out, periodSnap{is, snap})
		}
	}
	var cols []string
	for i := len(out) - 1; i >= 0; i-- {
		for _, c := range out[i].Snap.Columns {
			if !slices.Contains(cols, c) {
				cols = append(cols, c)
			}
		}
	}
	return out, cols, nil
}

// rankOf is a unit's position among the period's units by a column, the
// highest value first; equal values share a position. 0: no number.
func rankOf(s *snapshot.Snapshot, unit, col string) (rank, of int) {
	u := s.Unit(unit)
	if u == nil {
		return 0, 0
	}
	mine, ok := numeric(u.Values, col)
	if !ok {
		return 0, 0
	}
	rank = 1
	for _, o := range s.Units {
		if x, ok := numeric(o.Values, col); ok {
			of++
			if x > mine {
				rank++
			}
		}
	}
	return rank, of
}

type trendCell struct {
	Value  string
	Rank   string
	Change string
	Period string
}

type trendRow struct {
	Name  string
	URL   string
	Cells []trendCell
}

type trendData struct {
	Report string
	// Dataset is the dataset's label (its name in report.yaml, else its
	// id); "" for a report's first dataset when it has no name.
	Dataset   string
	Name      string
	Periods   []periodSnap
	Choices   []string
	ChoiceURL []string
	Selected  string
	Chart     *chart
	Rows      []trendRow
	Note      string
	Missing   bool
}

func signed(f float64) string {
	s := formatNum(f)
	if f > 0 && s != "0" {
		return "+" + s
	}
	return s
}

// unit is one department over every archived period of a report.
func (s *Server) unit(w http.ResponseWriter, r *http.Request) {
	v := viewOf(r)
	id := r.PathValue("report")
	name := limit(r.URL.Query().Get("u"), 200)
	ds := r.URL.Query().Get("ds")
	if !v.hasReport(id) || name == "" || len(ds) > 200 {
		s.notFound(w, r)
		return
	}
	hist, cols, err := s.history(v, id, ds)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	present := false
	for _, h := range hist {
		present = present || h.Snap.Unit(name) != nil
	}
	if !present {
		s.notFound(w, r)
		return
	}
	d := trendData{Report: id, Dataset: s.datasetLabel(id, ds), Name: name, Periods: hist}
	sel := r.URL.Query().Get("i")
	if !slices.Contains(cols, sel) {
		sel = ""
	}
	for _, c := range cols {
		d.Choices = append(d.Choices, c)
		d.ChoiceURL = append(d.ChoiceURL, datasetUnitURL(id, ds, name)+"&i="+queryEscape(c))
		if sel == "" {
			// The first column with a number for the unit is the default.
			for _, h := range hist {
				if u := h.Snap.Unit(name); u != nil {
					if _, ok := numeric(u.Values, c); ok {
						sel = c
						break
					}
				}
			}
		}
	}
	d.Selected = sel
	for _, c := range cols {
		row := trendRow{Name: c, URL: datasetIndicatorURL(id, ds, c)}
		var prev *float64
		for _, h := range hist {
			cell := trendCell{Period: h.Period.String()}
			if u := h.Snap.Unit(name); u != nil {
				if val, ok := u.Values[c]; ok {
					cell.Value = formatValue(val)
				}
				if x, ok := numeric(u.Values, c); ok {
					if rk, of := rankOf(h.Snap, name, c); rk > 0 {
						cell.Rank = "第" + strconv.Itoa(rk) + "/" + strconv.Itoa(of) + "位"
					}
					if prev != nil {
						cell.Change = signed(x - *prev)
					}
					prev = &x
				} else {
					prev = nil
				}
			} else {
				prev = nil
			}
			row.Cells = append(row.Cells, cell)
		}
		d.Rows = append(d.Rows, row)
	}
	var series []seriesPoint
	for _, h := range hist {
		sp := seriesPoint{Label: h.Period.String()}
		if u := h.Snap.Unit(name); u != nil {
			sp.Value, sp.OK = numeric(u.Values, sel)
		}
		series = append(series, sp)
	}
	d.Chart = newChart(name+" · "+sel, series)
	s.render(w, r, "unit.html", name+inDataset(d.Dataset)+"：历期数据", d)
}

// indicator is one column over every archived period: each unit's value
// and the total's trend.
func (s *Server) indicator(w http.ResponseWriter, r *http.Request) {
	v := viewOf(r)
	id := r.PathValue("report")
	col := limit(r.URL.Query().Get("i"), 200)
	ds := r.URL.Query().Get("ds")
	if !v.hasReport(id) || len(ds) > 200 {
		s.notFound(w, r)
		return
	}
	hist, cols, err := s.history(v, id, ds)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !slices.Contains(cols, col) {
		s.notFound(w, r)
		return
	}
	d := trendData{Report: id, Dataset: s.datasetLabel(id, ds), Name: col, Periods: hist}
	for _, c := range cols {
		d.Choices = append(d.Choices, c)
		d.ChoiceURL = append(d.ChoiceURL, datasetIndicatorURL(id, ds, c))
	}
	d.Selected = col
	// Units in the order of the newest period, then those that left.
	var units []string
	for i := len(hist) - 1; i >= 0; i-- {
		for _, u := range hist[i].Snap.Units {
			if !slices.Contains(units, u.Name) {
				units = append(units, u.Name)
			}
		}
	}
	for _, name := range units {
		row := trendRow{Name: name, URL: datasetUnitURL(id, ds, name) + "&i=" + queryEscape(col)}
		for _, h := range hist {
			cell := trendCell{Period: h.Period.String()}
			if u := h.Snap.Unit(name); u != nil {
				if val, ok := u.Values[col]; ok {
					cell.Value = formatValue(val)
				}
				if rk, of := rankOf(h.Snap, name, col); rk > 0 {
					cell.Rank = "第" + strconv.Itoa(rk) + "/" + strconv.Itoa(of) + "位"
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		d.Rows = append(d.Rows, row)
	}
	// The total: the sheet's own 合计 row where it has one, else the mean
	// of the units that have a number (a sum of rates means nothing).
	var series []seriesPoint
	usedMean := false
	for _, h := range hist {
		sp := seriesPoint{Label: h.Period.String()}
		if h.Snap.Total != nil {
			sp.Value, sp.OK = numeric(h.Snap.Total.Values, col)
		} else {
			var sum float64
			n := 0
			for _, u := range h.Snap.Units {
				if x, ok := numeric(u.Values, col); ok {
					sum += x
					n++
				}
			}
			if n > 0 {
				sp.Value, sp.OK, usedMean = sum/float64(n), true, true
			}
		}
		series = append(series, sp)
	}
	title := col + " · 合计"
	if usedMean {
		title = col + " · 各单位平均"
		d.Note = "表中没有合计行的期次，图中为各单位平均值。"
	}
	d.Chart = newChart(title, series)
	s.render(w, r, "indicator.html", col+inDataset(d.Dataset)+"：历期数据", d)
}
