package gongwen_test

import (
	"math"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// findWord returns the first word read back from pages whose text is s,
// and its page (0-based).
func findWord(pages [][][]pdftest.Word, s string) (pdftest.Word, int, bool) {
	for pi, lines := range pages {
		for _, l := range lines {
			for _, w := range l {
				if w.Text == s {
					return w, pi, true
				}
			}
		}
	}
	return pdftest.Word{}, 0, false
}

// TestJointIssuers sets a notice of three organs (联合行文) and reads the PDF
// back: the 发文机关标志 stacks the organs, lead organ first, with 文件 to
// their right centred on them (§7.2.3); the 署名 stand two to a row in
// order, the last centred over the date, the other mirrored, rows far
// enough apart for seals not to touch (§7.3.5.1). Names too long to share
// a row (the 24-character 华容县人民政府行政审批制度改革工作领导小组办公室) are
// stacked over the date.
func TestJointIssuers(t *testing.T) {
	bundledMetrics(t)
	doc := loadDoc(t, "forwarding-notice.json")
	doc.Attachments = nil
	doc.IssuerMark = "衡阳县人民政府办公室\n衡阳县财政局\n衡阳县政务服务中心\n文件"
	doc.Signature = "衡阳县人民政府办公室\n衡阳县财政局\n衡阳县政务服务中心"
	pages := bboxLines(t, doc)

	// The mark: pdftotext reads each organ as one word (spread names may
	// come apart; the first is the longest and is not spread).
	lead, p0, ok := findWord(pages, "衡阳县人民政府办公室")
	wenjian, _, ok2 := findWord(pages, "文件")
	if !ok || !ok2 || p0 != 0 || lead.YMax > gongwen.TypeTopMM+gongwen.TypeHeightMM/2 {
		t.Fatalf("mark not found on page 1: lead %v %v, 文件 %v", lead, ok, ok2)
	}
	var markLines [][]pdftest.Word
	for _, l := range pages[0] {
		if l[0].YMin >= lead.YMin-1 && l[0].YMax < wenjian.YMax+40 && l[0].XMin < wenjian.XMin && (l[0].YMax-l[0].YMin) > 10 {
			markLines = append(markLines, l)
		}
	}
	if len(markLines) != 3 {
		t.Fatalf("mark on %d lines, want the three organs stacked", len(markLines))
	}
	top, bottom := markLines[0][0].YMin, markLines[2][0].YMax
	if c := (wenjian.YMin + wenjian.YMax) / 2; math.Abs(c-(top+bottom)/2) > 1 {
		t.Errorf("文件 centred at %.1f mm, want the organs' centre %.1f", c, (top+bottom)/2)
	}
	for _, l := range markLines {
		for _, w := range l {
			if w != wenjian && w.XMax > wenjian.XMin {
				t.Errorf("organ %q runs into 文件 (%.1f > %.1f)", w.Text, w.XMax, wenjian.XMin)
			}
		}
	}

	// The signature.
	last := pages[len(pages)-1]
	word := func(s string) pdftest.Word {
		for _, l := range last {
			for _, w := range l {
				if w.Text == s {
					return w
				}
			}
		}
		t.Fatalf("%q not on the last page", s)
		return pdftest.Word{}
	}
	first, second, third, date := word("衡阳县人民政府办公室"), word("衡阳县财政局"), word("衡阳县政务服务中心"), word("2022年11月4日")
	centre := func(w pdftest.Word) float64 { return (w.XMin + w.XMax) / 2 }
	if math.Abs(second.YMin-third.YMin) > 0.5 || math.Abs(centre(third)-centre(date)) > 0.5 {
		t.Errorf("last row: %q at %.1f, %q at %.1f, date centred at %.1f: want the last two on one line, the last over the date", second.Text, centre(second), third.Text, centre(third), centre(date))
	}
	if mid := (gongwen.TypeLeftMM + gongwen.TypeRightMM) / 2; math.Abs(centre(second)+centre(third)-2*mid) > 0.5 || math.Abs(centre(first)-centre(second)) > 0.5 {
		t.Errorf("left column at %.1f and %.1f, want mirrored about the 版心's centre (%.1f)", centre(first), centre(second), 2*mid-centre(third))
	}
	if d := second.YMin - first.YMin; math.Abs(d-gongwen.JointRowLines*gongwen.LinePitchMM) > 0.5 || d <= 42 {
		t.Errorf("rows %.1f mm apart, want %d lines (more than a 42 mm seal)", d, gongwen.JointRowLines)
	}

	// Too long to share a row: stacked over the date, inside the 版心.
	doc.Signature = "华容县人民政府行政审批制度改革工作领导小组办公室\n华容县财政局"
	pages = bboxLines(t, doc)
	last = pages[len(pages)-1]
	long, short, date := word("华容县人民政府行政审批制度改革工作领导小组办公室"), word("华容县财政局"), word("2022年11月4日")
	if long.XMax > gongwen.TypeRightMM+0.3 || long.XMin < gongwen.TypeLeftMM-0.3 || short.YMin <= long.YMax || math.Abs(centre(short)-centre(date)) > 0.5 {
		t.Errorf("long names: %q %.1f–%.1f, %q centred at %.1f under it, date at %.1f", long.Text, long.XMin, long.XMax, short.Text, centre(short), centre(date))
	}
	if !strings.HasPrefix(date.Text, "2022") || date.YMin <= short.YMax {
		t.Errorf("the date %q is not under the last organ", date.Text)
	}
}
