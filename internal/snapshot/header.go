package snapshot

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// normHeader reduces a header text to the form headers are compared in:
// full-width forms folded, every space and line break removed, a trailing
// "(%)" or "%" dropped, ASCII lowercased. So "监管业务数据上报\n及时率（%）"
// and "监管业务数据上报及时率" compare equal.
func normHeader(s string) string {
	s = strings.ToLower(squeeze(fold(s)))
	s = strings.NewReplacer("【", "[", "】", "]", "〔", "(", "〕", ")", "“", "\"", "”", "\"").Replace(s)
	for {
		t := strings.TrimSuffix(strings.TrimSuffix(s, "(%)"), "%")
		t = strings.TrimPrefix(t, "*")
		if t == s {
			return s
		}
		s = t
	}
}

// yearPrefix is a leading year in a group header, as in
// "2022年度监管行为及监管行为覆盖率": next year's export says 2023.
var yearPrefix = regexp.MustCompile(`^(19|20)\d\d年度?`)

// yearless drops a leading year from every segment of a normalized path.
func yearless(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = yearPrefix.ReplaceAllString(s, "")
	}
	return strings.Join(segs, "/")
}

// normPath normalizes a configured header path ("组/列") segment by segment.
func normPath(h string) string {
	segs := strings.Split(h, "/")
	for i, s := range segs {
		segs[i] = normHeader(s)
	}
	return strings.Join(segs, "/")
}

// headerColumn is one column of the sheet as named by its header rows.
type headerColumn struct {
	Index int    // 0-based column index
	Path  string // display path, segments joined by "/"
	Norm  string // normalized path
	Leaf  string // normalized last segment
	Cell  string // the cell holding the last segment, e.g. "E4"
	// PercentPoints is set when the header ends in "(%)" or "%": plain
	// numbers in the column are percentage points (23.2 means 23.2%).
	PercentPoints bool
}

// buildColumns names every column by its path through the header rows
// (top row first). Group headers merged across their sub-columns are stored
// in the first cell only, so an empty cell takes the group of its left
// neighbour when both have sub-headers below and share the same groups
// above. A header merged down over several rows is stored once and gives
// a one-segment path. Merge ranges themselves are not read: they follow the
// sheet data in the file, and reading them would load the whole sheet.
func buildColumns(rows [][]string, firstRow int) []headerColumn {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	at := func(r, c int) string {
		if c < len(rows[r]) {
			return strings.TrimSpace(fold(rows[r][c]))
		}
		return ""
	}
	hasBelow := func(r, c int) bool {
		for k := r + 1; k < len(rows); k++ {
			if at(k, c) != "" {
				return true
			}
		}
		return false
	}
	filled := make([][]string, len(rows))
	for r := range rows {
		filled[r] = make([]string, width)
		for c := 0; c < width; c++ {
			if v := at(r, c); v != "" {
				filled[r][c] = v
				continue
			}
			if c == 0 || filled[r][c-1] == "" || !hasBelow(r, c) || !hasBelow(r, c-1) {
				continue
			}
			if r > 0 && filled[r-1][c] != filled[r-1][c-1] {
				continue
			}
			filled[r][c] = filled[r][c-1]
		}
	}
	var cols []headerColumn
	for c := 0; c < width; c++ {
		var segs, norms []string
		cell := ""
		for r := range rows {
			v := filled[r][c]
			if v == "" {
				continue
			}
			n := normHeader(v)
			if len(norms) > 0 && norms[len(norms)-1] == n {
				continue // a value repeated down an unmerged header
			}
			segs = append(segs, strings.Join(strings.Fields(v), ""))
			norms = append(norms, n)
			cell = cellName(c, firstRow+r)
		}
		if len(segs) == 0 {
			continue
		}
		leaf := strings.TrimSpace(fold(segs[len(segs)-1]))
		leaf = strings.ReplaceAll(leaf, " ", "")
		cols = append(cols, headerColumn{
			Index:         c,
			Path:          strings.Join(segs, "/"),
			Norm:          strings.Join(norms, "/"),
			Leaf:          norms[len(norms)-1],
			Cell:          cell,
			PercentPoints: strings.HasSuffix(leaf, "(%)") || strings.HasSuffix(leaf, "%"),
		})
	}
	return cols
}

// binding ties a report column to the sheet column it is read from.
type binding struct {
	Col    report.Column
	Key    string // the key of the values map
	Sheet  headerColumn
	Found  bool
	Detail string // how it matched, for logs
}

// candidates are a column's header and aliases, normalized.
func candidates(c report.Column) []string {
	out := []string{normPath(c.Header)}
	for _, a := range c.Aliases {
		out = append(out, normPath(a))
	}
	return out
}

func leafOf(norm string) string {
	if i := strings.LastIndexByte(norm, '/'); i >= 0 {
		return norm[i+1:]
	}
	return norm
}

// matchColumns binds each report column to a sheet column, trying in turn:
// the exact (normalized) path; the path with leading years dropped; and,
// for a last segment no other report column shares, the last segment
// alone when the report's or the sheet's header has no group (a flat
// one-row header). A sheet column is bound at most once.
// Problems name the closest header for each required column not found and
// every header that matches twice.
func matchColumns(want []report.Column, keys []string, cols []headerColumn, where func(cell string) report.Problem) ([]binding, report.Problems) {
	binds := make([]binding, len(want))
	for i, c := range want {
		binds[i] = binding{Col: c, Key: keys[i]}
	}
	used := map[int]bool{}
	leafCount := map[string]int{}
	for _, c := range want {
		seen := map[string]bool{}
		for _, k := range candidates(c) {
			if l := leafOf(k); !seen[l] {
				seen[l] = true
				leafCount[l]++
			}
		}
	}
	var ps report.Problems
	stages := []struct {
		name string
		eq   func(cand string, h headerColumn) bool
	}{
		{"path", func(cand string, h headerColumn) bool { return cand == h.Norm }},
		{"path without year", func(cand string, h headerColumn) bool { return yearless(cand) == yearless(h.Norm) }},
		{"last header", func(cand string, h headerColumn) bool {
			// Only when one side has no group: a flat header, or a
			// single header that took a neighbour's group. Two
			// different groups are two different columns.
			l := leafOf(cand)
			flat := !strings.Contains(cand, "/") || !strings.Contains(h.Norm, "/")
			return flat && leafCount[l] == 1 && yearless(l) == yearless(h.Leaf)
		}},
	}
	for _, st := range stages {
		for i := range binds {
			b := &binds[i]
			if b.Found {
				continue
			}
			var hits []headerColumn
			for _, h := range cols {
				if used[h.Index] {
					continue
				}
				for _, cand := range candidates(b.Col) {
					if st.eq(cand, h) {
						hits = append(hits, h)
						break
					}
				}
			}
			switch {
			case len(hits) == 1:
				b.Sheet, b.Found, b.Detail = hits[0], true, st.name
				used[hits[0].Index] = true
			case len(hits) > 1:
				cells := make([]string, len(hits))
				for k, h := range hits {
					cells[k] = h.Cell
				}
				p := where(hits[1].Cell)
				p.Got = hits[1].Path
				p.Msg = fmt.Sprintf("表头「%s」出现了 %d 次（%s），无法确定读哪一列", b.Col.Header, len(hits), strings.Join(cells, "、"))
				p.Hint = "请删除或改名重复的列"
				ps = append(ps, p)
				b.Found = true // reported; do not report it missing too
				b.Sheet.Index = -1
			}
		}
	}
	for i := range binds {
		b := &binds[i]
		if b.Found || b.Col.Optional {
			continue
		}
		p := where("")
		p.Msg = fmt.Sprintf("缺少列「%s」", b.Col.Header)
		if h, ok := closest(normPath(b.Col.Header), cols, used); ok && h.Cell != "" {
			p.Cell = h.Cell
			p.Msg += fmt.Sprintf("；最接近的表头是 %s 的「%s」", h.Cell, h.Path)
		}
		p.Hint = "请核对表头文字，或在 report.yaml 中为该列加上 aliases"
		ps = append(ps, p)
	}
	return binds, ps
}

// closest returns the unbound sheet column whose header is nearest to
// want by edit distance over runes: the whole path, the last header, or
// the path with its groups run together (a flat CSV header
// "目录清单完成率" for "目录清单梳理情况/完成率"). A header sharing less
// than half its wording is no suggestion, and a header that cannot be
// that close by its length alone is not compared: the edit distance of a
// cell of megabytes would take minutes.
func closest(want string, cols []headerColumn, used map[int]bool) (headerColumn, bool) {
	leaf := leafOf(want)
	flat := strings.ReplaceAll(want, "/", "")
	limit := utf8.RuneCountInString(leaf)/2 + 1
	flatLimit := utf8.RuneCountInString(flat) / 2
	best, bestD := headerColumn{}, -1
	try := func(h headerColumn, a, b string, lim, extra int) {
		if diff := utf8.RuneCountInString(a) - utf8.RuneCountInString(b); diff > lim || -diff > lim {
			return
		}
		d := report.EditDistance(a, b) + extra
		if d <= lim+extra && (bestD < 0 || d < bestD) {
			best, bestD = h, d
		}
	}
	for _, h := range cols {
		if used[h.Index] || len(h.Norm) > 4*maxHeaderLen {
			continue
		}
		try(h, want, h.Norm, limit, 0)
		try(h, leaf, h.Leaf, limit-1, 1)
		try(h, flat, strings.ReplaceAll(h.Norm, "/", ""), flatLimit, 0)
	}
	return best, bestD >= 0
}

// maxHeaderLen is the longest header, in characters, the closest-header
// suggestion considers.
const maxHeaderLen = 200
