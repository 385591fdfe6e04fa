package gongwen_test

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

var update = flag.Bool("update", false, "rewrite the layout golden files")

// tol is the one tolerance of the layout tests, in millimetres.
const tol = 0.01

var (
	metricsOnce sync.Once
	metrics     gongwen.Metrics
)

// bundledMetrics measures with the bundled fonts (the official ones would
// make the goldens depend on the machine).
func bundledMetrics(t *testing.T) gongwen.Metrics {
	t.Helper()
	metricsOnce.Do(func() {
		set, err := fonts.Load(fonts.Options{NoSystemFonts: true})
		if err != nil {
			t.Fatal(err)
		}
		metrics = gongwen.Measure(set)
	})
	return metrics
}

func loadDoc(t *testing.T, name string) *notice.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var doc notice.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

func TestLayoutGolden(t *testing.T) {
	tests := []struct{ name, doc string }{
		{"forwarding notice with its 23-row table", "forwarding-notice.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := gongwen.Layout(loadDoc(t, tt.doc), bundledMetrics(t))
			if err != nil {
				t.Fatal(err)
			}
			got := gongwen.Dump(pages)
			golden := filepath.Join("testdata", strings.TrimSuffix(tt.doc, ".json")+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/gongwen -update)", err)
			}
			if got != string(want) {
				t.Errorf("layout differs from %s; review with -update and git diff:\n%s", golden, firstDiff(got, string(want)))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "got:  " + al[i] + "\nwant: " + bl[i]
		}
	}
	return "lengths differ"
}

// gridLines groups the body-size, unrotated text of a page by baseline.
func gridLines(p gongwen.Page) map[float64][]gongwen.Text {
	lines := map[float64][]gongwen.Text{}
	for _, it := range p.Items {
		if t, ok := it.(gongwen.Text); ok && t.SizePt == gongwen.BodySizePt && t.Rotate == 0 && t.Y < gongwen.TypeBottomMM {
			y := math.Round(t.Y*100) / 100
			lines[y] = append(lines[y], t)
		}
	}
	return lines
}

func TestLayoutGrid(t *testing.T) {
	doc := loadDoc(t, "forwarding-notice.json")
	pages, err := gongwen.Layout(doc, bundledMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		lines := gridLines(p)
		if len(lines) > gongwen.LinesPerPage {
			t.Errorf("page %d: %d body lines, at most %d", i+1, len(lines), gongwen.LinesPerPage)
		}
		for y, ts := range lines {
			// Baselines sit on the grid: the same offset in every line.
			k := (y - gongwen.TypeTopMM) / gongwen.LinePitchMM
			if off := (k - math.Floor(k)) * gongwen.LinePitchMM; math.Abs(off-firstOffset(t, pages)) > tol {
				t.Errorf("page %d: baseline %.2f mm is %.3f mm into its grid line, want %.3f", i+1, y, off, firstOffset(t, pages))
			}
			for _, tx := range ts {
				if tx.X < gongwen.TypeLeftMM-0.5*gongwen.CharPitchMM-tol || tx.X > gongwen.TypeRightMM {
					t.Errorf("page %d: %q at x=%.2f mm, outside the 版心", i+1, tx.S, tx.X)
				}
			}
		}
		// The ink stays in the 版心: a line's last character ends at its
		// right edge (a closing mark's blank half may pass it, 标点挤压).
		for _, l := range lineBoxes(bundledMetrics(t), p) {
			first, last := l[0], l[len(l)-1]
			start, end := first.x0, last.x1
			if strings.Contains("（《「『“‘〔【［｛", first.s) {
				start = first.x1 - gongwen.CharPitchMM/2
			}
			if strings.Contains("）》」』”’〕】］｝，。、；：", last.s) {
				end = last.x0 + gongwen.CharPitchMM/2
			}
			if start < gongwen.TypeLeftMM-0.1 || end > gongwen.TypeRightMM+0.1 {
				t.Errorf("page %d: line %q runs from %.2f to %.2f mm, outside the 版心", i+1, lineText(l), start, end)
			}
		}
	}
}

// firstOffset is the baseline's offset into a grid line for body text.
func firstOffset(t *testing.T, pages []gongwen.Page) float64 {
	em := gongwen.BodySizePt * gongwen.PtMM
	return (gongwen.LinePitchMM-em)/2 + 0.88*em
}

func TestColophonOnEvenLastPage(t *testing.T) {
	doc := loadDoc(t, "forwarding-notice.json")
	m := bundledMetrics(t)
	tests := []struct {
		name   string
		mutate func(*notice.Document)
	}{
		{"sample", func(*notice.Document) {}},
		{"no attachments", func(d *notice.Document) { d.Attachments = nil }},
		{"short body", func(d *notice.Document) { d.Attachments = nil; d.Body = d.Body[:0] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := *doc
			tt.mutate(&d)
			pages, err := gongwen.Layout(&d, m)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages)%2 != 0 {
				t.Fatalf("%d pages: the 版记 must end on an even page", len(pages))
			}
			var last *gongwen.Rule
			for _, it := range pages[len(pages)-1].Items {
				if r, ok := it.(gongwen.Rule); ok && (last == nil || r.Y1 > last.Y1) {
					last = &r
				}
			}
			if last == nil || math.Abs(last.Y1-gongwen.TypeBottomMM) > tol || last.Width != gongwen.ColophonThickMM {
				t.Errorf("last rule %+v: want a %.2f mm rule on the 版心's bottom edge (%.0f mm)", last, gongwen.ColophonThickMM, gongwen.TypeBottomMM)
			}
		})
	}
}

func TestPageNumbers(t *testing.T) {
	pages, err := gongwen.Layout(loadDoc(t, "forwarding-notice.json"), bundledMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	em := gongwen.PageNumberSizePt * gongwen.PtMM
	for i, p := range pages {
		var nums []gongwen.Text
		for _, it := range p.Items {
			if tx, ok := it.(gongwen.Text); ok && tx.Y > gongwen.TypeBottomMM+gongwen.PageNumberGapMM {
				nums = append(nums, tx)
			}
		}
		if p.Number == 0 {
			if len(nums) > 0 {
				t.Errorf("page %d has no number but prints %q", i+1, nums[0].S)
			}
			continue
		}
		if len(nums) == 0 {
			t.Fatalf("page %d: no page number", i+1)
		}
		first, last := nums[0], nums[len(nums)-1]
		if !strings.HasPrefix(first.S, "—") || !strings.HasSuffix(last.S, "—") {
			t.Errorf("page %d number %q…%q: want “— N —”", i+1, first.S, last.S)
		}
		// The dashes' stroke (its ink, not the em box) 7 mm below the 版心.
		_, inkTop, ok := bundledMetrics(t).(gongwen.InkMetrics).Ink(first.Face, '—')
		if !ok {
			t.Fatal("no ink for —")
		}
		if top := first.Y - inkTop*em; math.Abs(top-(gongwen.TypeBottomMM+gongwen.PageNumberGapMM)) > tol {
			t.Errorf("page %d: the dash's stroke at %.2f mm, want %.2f", i+1, top, gongwen.TypeBottomMM+gongwen.PageNumberGapMM)
		}
		if p.Number%2 == 0 && math.Abs(first.X-(gongwen.TypeLeftMM+em)) > tol {
			t.Errorf("even page %d: number starts at %.2f mm, want 1 字 in from the left (%.2f)", i+1, first.X, gongwen.TypeLeftMM+em)
		}
		if p.Number%2 == 1 && first.X < gongwen.PageWidthMM/2 {
			t.Errorf("odd page %d: number at %.2f mm, want the right side", i+1, first.X)
		}
	}
}

func TestSignatureDateHasNoLeadingZeros(t *testing.T) {
	doc := loadDoc(t, "forwarding-notice.json")
	if got := wording.Date(doc.Date); got != "2022年11月4日" {
		t.Errorf("wording.Date = %q, want 2022年11月4日 (no leading zeros)", got)
	}
}

// TestSignatureNeverAlone grows the body a line at a time, so that the
// signature falls at every position on the page, and checks that the page
// holding the 署名 and date also holds text of the body (§7.3.5.3), with
// and without a 附件说明 between them.
func TestSignatureNeverAlone(t *testing.T) {
	m := bundledMetrics(t)
	base := notice.Document{Title: "关于情况的通报", Addressee: "各单位", Signature: "衡阳县政务公开办公室", Date: loadDoc(t, "forwarding-notice.json").Date}
	table := &notice.Table{Columns: []notice.Column{{Header: "单位"}}, Rows: [][]string{{"县林业局"}}}
	para := notice.Block{Text: strings.Repeat("各单位要按时报送材料。", 5)} // two lines
	for _, attachments := range [][]notice.Attachment{nil, {{Title: "各单位进度统计表", Table: table}, {Title: "各单位覆盖率排名", Table: table}}} {
		for n := 1; n <= 24; n++ {
			d := base
			d.Attachments = attachments
			for i := 0; i < n; i++ {
				d.Body = append(d.Body, para)
			}
			if n%2 == 0 {
				d.Body = append(d.Body, notice.Block{Text: "特此通报。"})
			}
			pages, err := gongwen.Layout(&d, m)
			if err != nil {
				t.Fatal(err)
			}
			dump := strings.Split(gongwen.Dump(pages), "\n")
			sigPage := ""
			for _, l := range dump {
				if strings.HasSuffix(l, "2022年11月4日") {
					sigPage = strings.Fields(l)[0]
				}
			}
			var lines []string
			body := false
			for _, l := range dump {
				if strings.HasPrefix(l, sigPage+" L") {
					lines = append(lines, l)
					body = body || strings.Contains(l, "报送材料") || strings.Contains(l, "特此通报")
				}
			}
			if !body {
				t.Errorf("%d paragraphs, %d attachments: the signature stands without body text on its page:\n%s", n, len(attachments), strings.Join(lines, "\n"))
			}
		}
	}
}

// TestLetterhead pins the 版头 to §7.2: the mark's top 35 mm below the
// 版心, in red; the 发文字号 on the grid with two empty lines between; the
// red line 4 mm under the 发文字号's em box, 版心 wide; the title after two
// empty lines.
func TestLetterhead(t *testing.T) {
	doc := loadDoc(t, "forwarding-notice.json")
	pages, err := gongwen.Layout(doc, bundledMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	var mark, number, title *gongwen.Text
	var red *gongwen.Rule
	for _, it := range pages[0].Items {
		switch v := it.(type) {
		case gongwen.Text:
			switch {
			case v.Color == gongwen.Red && mark == nil:
				mark = &v
			case v.Face == gongwen.Body && number == nil && strings.HasPrefix(doc.DocNumber, v.S[:3]):
				number = &v
			case v.Face == gongwen.Title && v.Color == gongwen.Black && title == nil:
				title = &v
			}
		case gongwen.Rule:
			if v.Color == gongwen.Red {
				red = &v
			}
		}
	}
	if mark == nil || number == nil || title == nil || red == nil {
		t.Fatalf("letterhead incomplete: mark %v, number %v, title %v, red line %v", mark, number, title, red)
	}
	em := func(t *gongwen.Text) float64 { return t.SizePt * gongwen.PtMM }
	lineOf := func(t *gongwen.Text) float64 {
		top := t.Y - 0.88*em(t) - (gongwen.LinePitchMM-em(t))/2
		return (top - gongwen.TypeTopMM) / gongwen.LinePitchMM
	}
	if top := mark.Y - 0.88*em(mark); math.Abs(top-(gongwen.TypeTopMM+gongwen.IssuerMarkTopMM)) > tol {
		t.Errorf("mark's top at %.2f mm, want %.2f", top, gongwen.TypeTopMM+gongwen.IssuerMarkTopMM)
	}
	markLine := math.Floor((mark.Y + 0.12*em(mark) - gongwen.TypeTopMM) / gongwen.LinePitchMM)
	if l := lineOf(number); math.Abs(l-(markLine+3)) > tol {
		t.Errorf("发文字号 on grid line %.2f, want %.0f (two empty lines under the mark's line %.0f)", l, markLine+3, markLine)
	}
	if y := number.Y + 0.12*em(number) + gongwen.RedLineGapMM; math.Abs(red.Y1-y) > tol || red.X1 != gongwen.TypeLeftMM || red.X2 != gongwen.TypeRightMM {
		t.Errorf("red line %+v, want %.2f mm down, from %.0f to %.0f mm", red, y, gongwen.TypeLeftMM, gongwen.TypeRightMM)
	}
	redLine := math.Floor((red.Y1 - gongwen.TypeTopMM) / gongwen.LinePitchMM)
	if l := lineOf(title); math.Abs(l-(redLine+3)) > tol {
		t.Errorf("title on grid line %.2f, want %.0f (two empty lines under the red line)", l, redLine+3)
	}
}

// TestTitleKeepsWordsWhole pins §7.3.1 回行时要做到词意完整: a title too
// long for one line breaks where words allow, never inside a name in
// quotes when it can help it, and the lines form a trapezoid.
func TestTitleKeepsWordsWhole(t *testing.T) {
	for title, want := range map[string][]string{
		"关于2022年第三季度全县“互联网+监管”工作情况的通报":   {"关于2022年第三季度全县", "“互联网+监管”工作情况的通报"},
		"关于2024年第二季度全县政务服务事项网上办理深度情况的通报": {"关于2024年第二季度全县政务服务", "事项网上办理深度情况的通报"},
		"关于印发《衡阳县政务服务事项清单管理办法》的通知":       {"关于印发《衡阳县政务服务", "事项清单管理办法》的通知"},
		// The quoted name stays whole even where splitting it would
		// balance the lines better (the monthly sample's title).
		"关于2022年10月全县“互联网+监管”指标推进情况的通报": {"关于2022年10月全县", "“互联网+监管”指标推进情况的通报"},
	} {
		d := notice.Document{Title: title, Addressee: "各单位", Body: []notice.Block{{Text: "特此通报。"}}}
		pages, err := gongwen.Layout(&d, bundledMetrics(t))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range strings.Split(gongwen.Dump(pages), "\n") {
			if f := strings.Fields(l); len(f) >= 5 && f[3] == "title" {
				got = append(got, strings.Join(f[5:], ""))
			}
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("title lines = %q, want %q", got, want)
		}
	}
}
