package notice

import (
	"fmt"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// attachments builds the attachments refs name: ranking tables from the
// result, forwarded notices rendered from their own templates.
func (r *renderer) attachments(refs []report.AttachmentRef, where string, depth int) ([]*Attachment, error) {
	var out []*Attachment
	for i, ref := range refs {
		at := fmt.Sprintf("%s[%d]", where, i)
		name := r.def.Ref(strings.TrimPrefix(where, report.FileName+" "), i, "附件", "") // 第 133 行第 1 个附件
		var a *Attachment
		switch {
		case ref.Ranking != "":
			t, title, err := r.table(ref.Ranking)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", r.yamlFile(), name, err)
			}
			a = &Attachment{Title: title, Table: t}
		case ref.Notice != "":
			doc, err := r.document(ref.Notice, ref.Attachments, ref.FrontMatter, at+".attachments", depth+1)
			if err != nil {
				return nil, err
			}
			a = &Attachment{Title: doc.Title, Notice: doc}
		default:
			return nil, fmt.Errorf("%s: %s 应写 ranking 或 notice", r.yamlFile(), name)
		}
		if ref.Title != "" {
			a.Title = ref.Title
		}
		out = append(out, a)
	}
	return out, nil
}

// table words the ranking id as a printed table: a 序号 (or 排名, for a
// ranking ordered by a value) column, the unit, each configured column
// with its indicator's precision, and the rank change when the ranking
// shows it and the previous period is known. A unit without a rank shows
// / as its rank; a totals row (total: 合计) closes the table.
func (r *renderer) table(id string) (*Table, string, error) {
	var rk *metrics.Ranking
	var have []string
	for _, x := range r.res.Rankings {
		if x.ID == id {
			rk = x
			break
		}
		have = append(have, x.ID)
	}
	if rk == nil {
		return nil, "", &lookupError{"排名表", id, have}
	}
	ordered, showChange := false, false
	title := rk.Title
	if d := r.def.Ranking(id); d != nil {
		ordered = d.By != ""
		showChange = d.ShowChange && r.res.HasPrev
		if title == "" {
			title = d.Title
		}
	}
	first := Column{Header: wording.HeaderSeq, Align: Center}
	if ordered {
		first.Header = wording.HeaderRank
	}
	t := &Table{Columns: []Column{first, {Header: wording.HeaderUnit, Align: Left}}}
	for _, c := range rk.Columns {
		h := c.Header
		if h == "" && c.Indicator != nil {
			h = c.Indicator.Name
		}
		t.Columns = append(t.Columns, Column{Header: h, Group: c.Group, Align: Right})
	}
	if showChange {
		t.Columns = append(t.Columns, Column{Header: wording.HeaderRankChange, Align: Center})
	}
	for i, row := range rk.Rows {
		cells := make([]string, 0, len(t.Columns))
		if ordered {
			cells = append(cells, wording.RankCell(row.Rank, row.Tied))
		} else {
			cells = append(cells, fmt.Sprint(i+1))
		}
		cells = append(cells, row.Unit)
		cells = figures(cells, rk.Columns, row.Cells)
		if showChange {
			cells = append(cells, wording.RankChange(row))
		}
		t.Rows = append(t.Rows, cells)
	}
	if tot := rk.Total; tot != nil {
		cells := figures([]string{"", tot.Label}, rk.Columns, tot.Cells)
		if showChange {
			cells = append(cells, "")
		}
		t.Rows = append(t.Rows, cells)
	}
	return t, title, nil
}

// figures appends a row's values, worded as their columns show them.
func figures(cells []string, cols []metrics.RankColumn, vals []metrics.Value) []string {
	for j, c := range cols {
		v := metrics.Value{NA: true}
		if j < len(vals) {
			v = vals[j]
		}
		cells = append(cells, wording.ColumnFigure(c, v))
	}
	return cells
}
