package web

import (
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxResults bounds a search's answer.
const maxResults = 200

type searchHit struct {
	*Issuance
	Kind                 string
	Before, Match, After string
	URL                  string
}

type searchData struct {
	Query string
	Hits  []searchHit
	More  bool
}

// search looks for the words in every version's document number, title,
// notice text and unit names, newest first.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	v := viewOf(r)
	q := strings.TrimSpace(limit(r.URL.Query().Get("q"), 100))
	d := searchData{Query: q}
	if q == "" {
		s.render(w, r, "search.html", "搜索", d)
		return
	}
	add := func(h searchHit) bool {
		if len(d.Hits) == maxResults {
			d.More = true
			return false
		}
		d.Hits = append(d.Hits, h)
		return true
	}
	for i := range v.all {
		is := &v.all[i]
		u := versionURL(is.Key)
		if b, m, a, ok := snippet(is.DocNumber, q); ok && !add(searchHit{is, "发文字号", b, m, a, u}) {
			break
		}
		if b, m, a, ok := snippet(is.Title, q); ok && !add(searchHit{is, "标题", b, m, a, u}) {
			break
		}
		names, err := s.read.unitNames(is.Key)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		stop := false
		for _, n := range names {
			if b, m, a, ok := snippet(n, q); ok && v.isLatest(is) {
				if !add(searchHit{is, "单位", b, m, a, unitURL(is.Report, n)}) {
					stop = true
				}
				break
			}
		}
		if stop {
			break
		}
		if is.Imported {
			continue
		}
		text, err := s.read.noticeText(is.Key)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if b, m, a, ok := snippet(text, q); ok && !add(searchHit{is, "正文", b, m, a, u}) {
			break
		}
	}
	s.render(w, r, "search.html", "搜索："+q, d)
}

// snippet finds q in text (ignoring case) and returns it with up to 30
// characters either side.
func snippet(text, q string) (before, match, after string, ok bool) {
	i := strings.Index(strings.ToLower(text), strings.ToLower(q))
	if i < 0 || len(strings.ToLower(text)) != len(text) {
		if i = strings.Index(text, q); i < 0 {
			return "", "", "", false
		}
	}
	before, match, after = text[:i], text[i:i+len(q)], text[i+len(q):]
	if utf8.RuneCountInString(before) > 30 {
		r := []rune(before)
		before = "…" + string(r[len(r)-30:])
	}
	if utf8.RuneCountInString(after) > 30 {
		after = string([]rune(after)[:30]) + "…"
	}
	return strings.ReplaceAll(before, "\n", " "), match, strings.ReplaceAll(after, "\n", " "), true
}
