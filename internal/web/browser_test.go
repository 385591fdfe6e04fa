package web_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bulletin-gov/bulletin/internal/web"
)

// TestBrowser walks the pages as a person does, in headless Chromium:
// the catalogue, a version, its diff, a unit's trend. With
// BULLETIN_SCREENSHOTS=1 the screenshots replace those in docs/ (the
// README shows them); otherwise they go to a temporary folder.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	var exe string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Skip("Chromium is not installed (Debian package chromium; .ci/run installs it): the browser test cannot run")
	}
	shots := t.TempDir()
	if os.Getenv("BULLETIN_SCREENSHOTS") != "" {
		shots = "../../docs"
	}
	srv := httptest.NewServer(newServer(t, base(t), web.Options{}))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe),
		chromedp.NoSandbox, chromedp.WindowSize(1100, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	// shot saves the whole page, or with top only what the window shows.
	shot := func(name string, top ...bool) {
		t.Helper()
		a := chromedp.FullScreenshot(100)
		if len(top) > 0 {
			a = chromedp.CaptureScreenshot()
		}
		png, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// The catalogue, then the current version of 2022Q3.
	do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("table.versions")))
	catalogue := text("main")
	shot("serve-catalogue.png")
	if !strings.Contains(catalogue, "已被第2版取代") || !strings.Contains(catalogue, "县公安局数据更正") {
		t.Errorf("the catalogue shows:\n%s", catalogue)
	}
	do(chromedp.Click(chromedp.CSS(`h2 a[href="/v/hengyang-county/2022Q3/2"]`)), chromedp.WaitVisible(chromedp.CSS("#files")))
	if h1, reason := text("h1"), text(".reason"); !strings.Contains(h1, "第2版") || reason != "重新印发原因：县公安局数据更正" {
		t.Errorf("version page: h1 %q, reason %q", h1, reason)
	}
	shot("serve-version.png", true)

	// What changed against version 1.
	do(chromedp.Click(chromedp.CSS(`nav.links a[href^="/diff/hengyang-county?a=2022Q3v1"]`)), chromedp.WaitVisible(chromedp.CSS("table.changes")))
	changed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("table.changes tr.changed")).map(r => r.innerText.replace(/\s+/g, " ").trim())`))
	if err != nil {
		t.Fatal(err)
	}
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("table.changes td.new mark")).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"县公安局 覆盖本级事项条数 11 20", "县公安局 覆盖率 0.2619 0.4762"}; strings.Join(changed, "|") != strings.Join(want, "|") || count("table.changes td.new mark") != 2 {
		t.Errorf("the diff shows changed figures %q, want %q, each new value highlighted", changed, want)
	}
	if bg == "" || bg == "rgba(0, 0, 0, 0)" || bg == "transparent" {
		t.Errorf("the changed figure is not highlighted: background %q", bg)
	}
	if n := count(".textdiff p.ins mark"); n == 0 {
		t.Error("no change inside a line of the notice text is highlighted")
	}
	shot("serve-diff.png", true)

	// 县公安局 over time, its coverage.
	do(chromedp.Click(chromedp.CSS(`table.changes a`)), chromedp.WaitVisible(chromedp.CSS("figure.chart")),
		chromedp.Click(chromedp.CSS(`nav.choices a[href$="i=%E8%A6%86%E7%9B%96%E7%8E%87"]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.choices a.on`)))
	last, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("figure.chart svg circle.pt:last-of-type title").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if n, caption := count("figure.chart svg circle.pt"), text("figcaption"); n != 2 || last != "2022Q3：0.4762" || !strings.Contains(caption, "县公安局 · 覆盖率") {
		t.Errorf("unit trend: %d points, last %q, caption %q; want 2 points, the last 2022Q3：0.4762", n, last, caption)
	}
	shot("serve-unit.png")

	// The version page on a phone.
	do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/v/hengyang-county/2022Q3/2"), chromedp.WaitVisible(chromedp.CSS("#files")))
	if w := count("body"); w != 1 {
		t.Fatal("no body")
	}
	shot("serve-phone.png", true)
}
