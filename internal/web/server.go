package web

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Options configure a Server.
type Options struct {
	// RefreshEvery is how often the archive's log is read again to see new
	// issuances; the read runs in the background, requests never wait for
	// it. Zero or less: read it before every request (tests).
	RefreshEvery time.Duration
	// Auth, when set, must accept every request.
	Auth Authenticator
	// Program is the program version shown at the foot of each page.
	Program string
	// Log receives one line per failed request; nil: slog's default.
	Log *slog.Logger
	// Warm reads every version's page contents in the background after
	// start and after each new commit, so that first visits are fast.
	Warm bool
	// DatasetNames are the names report.yaml gives a report's datasets
	// (datasets: name:), by report id and dataset id; the first dataset's
	// under "" as well. The history pages title a dataset by its name,
	// else by its id. May be nil.
	DatasetNames map[string]map[string]string
}

// Server serves the archive read-only over HTTP. Create it with New; it
// is an http.Handler.
type Server struct {
	opts    Options
	store   Store
	read    *reader
	tmpl    *template.Template
	static  http.Handler
	mux     *http.ServeMux
	cur     atomic.Pointer[view]
	checked atomic.Int64 // unix nanos of the last log read started
	busy    atomic.Bool
	mu      sync.Mutex
	log     *slog.Logger
	pages   pageCache
	// stopWarm ends the running warm-up; warming is done when it ends.
	stopWarm chan struct{}
	warming  sync.WaitGroup
}

// Close stops the background warm-up and waits for it; the Store may be
// closed after.
func (s *Server) Close() {
	s.mu.Lock()
	if s.stopWarm != nil {
		close(s.stopWarm)
		s.stopWarm = nil
	}
	s.mu.Unlock()
	s.warming.Wait()
}

// WaitWarm waits until the warm-up of the current view is done.
func (s *Server) WaitWarm() { s.warming.Wait() }

// New reads the archive's log once and returns the handler.
func New(s Store, opts Options) (*Server, error) {
	t, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	sub, _ := fs.Sub(assets, "static")
	srv := &Server{opts: opts, store: s, read: newReader(s), tmpl: t,
		static: http.StripPrefix("/static/", http.FileServer(http.FS(sub))), log: opts.Log}
	if srv.log == nil {
		srv.log = slog.Default()
	}
	if err := srv.refresh(); err != nil {
		return nil, err
	}
	srv.routes()
	return srv, nil
}

type viewKey struct{}

// viewOf is the view a request reads, chosen once when it arrived.
func viewOf(r *http.Request) *view { return r.Context().Value(viewKey{}).(*view) }

// refresh reads the log and installs a new view when the head moved.
func (s *Server) refresh() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.checked.Store(time.Now().UnixNano())
	head, all, err := s.store.Log()
	if err != nil {
		return err
	}
	old := s.cur.Load()
	if old != nil && old.head == head && len(old.all) == len(all) {
		return nil
	}
	v := newView(head, all)
	if old != nil {
		// A version's state moved on (approved, signed): what was read
		// of it is read again.
		for k, is := range v.byKey {
			if o := old.byKey[k]; o != nil && o.Commit != is.Commit {
				s.read.forget(k)
			}
		}
	}
	s.cur.Store(v)
	if s.opts.Warm {
		if s.stopWarm != nil {
			close(s.stopWarm)
		}
		stop := make(chan struct{})
		s.stopWarm = stop
		s.warming.Add(1)
		go func() {
			defer s.warming.Done()
			start := time.Now()
			if s.read.warm(v, stop) {
				s.log.Info("已预读全部版本", "versions", len(v.all), "duration", time.Since(start).Round(time.Millisecond))
			}
		}()
	}
	return nil
}

// view returns the state this request reads, starting a background read
// of the log when the last one is older than RefreshEvery.
func (s *Server) view() *view {
	if s.opts.RefreshEvery <= 0 {
		if err := s.refresh(); err != nil {
			s.log.Warn("读取档案日志失败", "err", err)
		}
		return s.cur.Load()
	}
	if time.Since(time.Unix(0, s.checked.Load())) >= s.opts.RefreshEvery && s.busy.CompareAndSwap(false, true) {
		go func() {
			defer s.busy.Store(false)
			if err := s.refresh(); err != nil {
				s.log.Warn("读取档案日志失败", "err", err)
			}
		}()
	}
	return s.cur.Load()
}

// maxURL bounds the request target; longer ones get 414.
const maxURL = 4096

// ServeHTTP applies the rules every request follows (method, size, path,
// access, security headers) and dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "只读：仅支持 GET 和 HEAD", http.StatusMethodNotAllowed)
		return
	}
	if r.ContentLength != 0 {
		http.Error(w, "请求不应带正文", http.StatusRequestEntityTooLarge)
		return
	}
	if len(r.RequestURI) > maxURL {
		http.Error(w, "请求地址过长", http.StatusRequestURITooLong)
		return
	}
	if s.opts.Auth != nil && !s.opts.Auth.Allow(r) {
		h.Set("WWW-Authenticate", `Basic realm="bulletin", charset="UTF-8"`)
		http.Error(w, "需要登录", http.StatusUnauthorized)
		return
	}
	if !cleanPath(r) {
		s.notFound(w, r)
		return
	}
	v := s.view()
	if b, ok := s.pages.get(v.head, r.URL.RequestURI()); ok {
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		if r.Method != http.MethodHead {
			w.Write(b)
		}
		return
	}
	s.mux.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), viewKey{}, v)))
}

// cleanPath refuses what could name something outside the archive's
// listing: dot segments, empty segments, backslashes and encoded slashes.
// Names are only ever looked up in the archive, never joined to a file
// system path, but such requests are refused before any lookup.
func cleanPath(r *http.Request) bool {
	raw := r.URL.EscapedPath()
	low := strings.ToLower(raw)
	if strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.Contains(low, "%00") || strings.Contains(raw, "\\") {
		return false
	}
	for i, seg := range strings.Split(r.URL.Path, "/") {
		if seg == "." || seg == ".." || (seg == "" && i > 0 && i < strings.Count(r.URL.Path, "/")) {
			return false
		}
	}
	return true
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.catalogue)
	m.HandleFunc("GET /v/{report}/{period}/{version}", s.version)
	m.HandleFunc("GET /v/{report}/{period}/{version}/{file}", s.file)
	m.HandleFunc("GET /diff/{report}", s.diff)
	m.HandleFunc("GET /unit/{report}", s.unit)
	m.HandleFunc("GET /indicator/{report}", s.indicator)
	m.HandleFunc("GET /search", s.search)
	m.HandleFunc("GET /register.csv", s.registerCSV)
	m.HandleFunc("GET /register.xlsx", s.registerXLSX)
	m.Handle("GET /static/", s.static)
	m.HandleFunc("/", s.notFound)
	s.mux = m
}

// page is what every template receives.
type page struct {
	Title   string
	Program string
	Data    any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name, title string, data any) {
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, page{Title: title, Program: s.opts.Program, Data: data}); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	s.pages.put(viewOf(r).head, r.URL.RequestURI(), b.Bytes())
	if r.Method == http.MethodHead {
		return
	}
	w.Write(b.Bytes())
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderStatus(w, r, http.StatusNotFound, "未找到", "档案库中没有这个地址对应的内容。")
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("页面生成失败", "path", r.URL.Path, "err", err)
	s.renderStatus(w, r, http.StatusInternalServerError, "读取档案出错", "读取档案时出错，请稍后再试或联系管理员（详情见服务日志）。")
}

func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, code int, title, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if r.Method == http.MethodHead {
		return
	}
	if err := s.tmpl.ExecuteTemplate(w, "status.html", page{Title: title, Program: s.opts.Program, Data: msg}); err != nil {
		s.log.Error("页面生成失败", "err", err)
	}
}

// pageCache keeps rendered pages of one view: a page depends only on the
// view and its address, so it is built once per new commit. Bounded by
// total size; emptied when the view changes or it is full.
type pageCache struct {
	mu   sync.Mutex
	head string
	m    map[string][]byte
	size int
}

const pageCacheBytes = 16 << 20

func (c *pageCache) get(head, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.head != head {
		return nil, false
	}
	b, ok := c.m[key]
	return b, ok
}

func (c *pageCache) put(head, key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.head != head || c.size+len(b) > pageCacheBytes {
		c.head, c.m, c.size = head, map[string][]byte{}, 0
	}
	c.m[key] = b
	c.size += len(b)
}
