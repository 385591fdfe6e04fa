// Package web serves the archive read-only over HTTP for `bulletin serve`:
// the catalogue (reports → periods → versions), each version (PDF, notice
// text, figures, files, manifest), what changed between two versions or
// two periods, a unit's and an indicator's history with SVG charts drawn
// by the templates, a search, and the archive register (归档目录) as
// .xlsx and .csv.
//
// It reads the archive only through the Store interface, implemented by
// one adapter over the archive package (archivestore.go). Each request
// reads one view, the log as of one commit; versions are immutable, so
// what is read of them, and the pages rendered from a view, are
// remembered (bounded).
//
//	store, err := web.OpenArchive("archive")
//	srv, err := web.New(store, web.Options{RefreshEvery: 2 * time.Second, Warm: true})
//	http.ListenAndServe("127.0.0.1:8080", srv)
//
// Pages are Chinese, need no script (the CSP allows none), and escape
// every value from the archive through html/template.
package web
