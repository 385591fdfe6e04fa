package gongwen_test

import (
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/pdftest"
)

// TestColophonLongNames sets a 版记 with a 24-character 印发机关 and a long
// 抄送 list of real organs' names and reads the last page back from the
// PDF: nothing overprints, everything stays 1 字 in from both edges, the
// date is on the name's last line, and the 抄送 list wraps under its first
// name (§7.4.2, §7.4.3).
func TestColophonLongNames(t *testing.T) {
	bundledMetrics(t)
	doc := loadDoc(t, "forwarding-notice.json")
	doc.Attachments = nil
	doc.Printer = "华容县人民政府行政审批制度改革工作领导小组办公室"
	doc.CC = []string{"县委办公室", "县人大常委会办公室", "县政协办公室", "县纪委监委", "县人民法院", "县人民检察院",
		"国家税务总局华容县税务局", "华容县人民政府行政审批制度改革工作领导小组办公室", "县政务公开政务服务领导小组办公室"}
	pages := bboxLines(t, doc)
	last := pages[len(pages)-1]
	em := gongwen.ColophonSizePt * gongwen.PtMM
	left, right := gongwen.TypeLeftMM+em, gongwen.TypeRightMM-em
	var all []pdftest.Word
	var ccLines, nameLines [][]pdftest.Word
	for _, l := range last {
		text := ""
		for _, w := range l {
			text += w.Text
			all = append(all, w)
		}
		switch {
		case strings.HasPrefix(text, "抄送：") || len(ccLines) > 0 && nameLines == nil && !strings.HasPrefix(text, "华容县人民政府行政审批"):
			ccLines = append(ccLines, l)
		case strings.Contains(text, "华容县") || strings.HasSuffix(text, "印发"):
			nameLines = append(nameLines, l)
		}
	}
	if len(ccLines) < 2 || len(nameLines) < 2 {
		t.Fatalf("抄送 on %d lines and 印发机关 on %d: want both wrapped", len(ccLines), len(nameLines))
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			a, b := all[i], all[j]
			if a.XMin < b.XMax-0.1 && b.XMin < a.XMax-0.1 && a.YMin < b.YMax-0.1 && b.YMin < a.YMax-0.1 {
				t.Errorf("%q and %q overprint", a.Text, b.Text)
			}
		}
		if w := all[i]; w.YMax < gongwen.TypeBottomMM && w.YMin > gongwen.TypeTopMM+gongwen.TypeHeightMM/2 && (w.XMin < left-0.3 || strings.HasSuffix(w.Text, "印发") && w.XMax > right+0.3) {
			t.Errorf("%q at %.1f–%.1f mm: want 1 字 in from the edges (%.1f–%.1f)", w.Text, w.XMin, w.XMax, left, right)
		}
	}
	lastName := nameLines[len(nameLines)-1]
	if !strings.HasSuffix(lastName[len(lastName)-1].Text, "印发") {
		t.Errorf("the 印发日期 is not on the 印发机关's last line: %v", lastName)
	}
	if x := ccLines[0][0].XMin; x < left-0.3 || x > left+0.3 {
		t.Errorf("抄送 starts at %.1f mm, want %.1f", x, left)
	}
	for _, l := range ccLines[:len(ccLines)-1] {
		if x := l[len(l)-1].XMax; x < right-0.5 || x > right+0.5 {
			t.Errorf("抄送 line %q ends at %.1f mm, want justified to %.1f", l[0].Text, x, right)
		}
	}
	for _, l := range ccLines[1:] {
		if x := l[0].XMin; x < left+3*em-0.3 || x > left+3*em+0.3 {
			t.Errorf("抄送 continues at %.1f mm, want under the first name at %.1f (hanging indent)", x, left+3*em)
		}
	}
}
