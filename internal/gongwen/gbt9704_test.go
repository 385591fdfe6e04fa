package gongwen

import (
	"math"
	"testing"
)

// TestGBT9704Numbers pins the numbers GB/T 9704-2012 fixes, as the
// standard states them, so that a typo in gbt9704.go fails here.
func TestGBT9704Numbers(t *testing.T) {
	tests := []struct {
		clause, what string
		got, want    float64
	}{
		{"§5.1", "A4 width (mm)", PageWidthMM, 210},
		{"§5.1", "A4 height (mm)", PageHeightMM, 297},
		{"§5.2.1", "天头 top margin (mm)", TypeTopMM, 37},
		{"§5.2.1", "订口 left margin (mm)", TypeLeftMM, 28},
		{"§5.2.1", "版心 width (mm)", TypeWidthMM, 156},
		{"§5.2.1", "版心 height (mm)", TypeHeightMM, 225},
		{"§5.2.1", "版心 right edge (mm)", TypeRightMM, 28 + 156},
		{"§5.2.1", "版心 bottom edge (mm)", TypeBottomMM, 37 + 225},
		{"§5.2.1", "right margin (mm)", PageWidthMM - TypeRightMM, 26},
		{"§5.2.3", "characters a line", CharsPerLine, 28},
		{"§5.2.3", "lines a page", LinesPerPage, 22},
		{"§5.2.3", "character pitch (mm)", CharPitchMM, 156.0 / 28},
		{"§5.2.3", "line pitch (mm)", LinePitchMM, 225.0 / 22},
		{"§5.2.2", "body size 3号 (pt)", BodySizePt, 16},
		{"§7.2.3", "发文机关标志 to the 版心 top (mm)", IssuerMarkTopMM, 35},
		{"§7.2.4", "blank lines above the 发文字号", DocNumberBlankLines, 2},
		{"§7.2.6", "red line under the 发文字号 (mm)", RedLineGapMM, 4},
		{"§7.3.1", "title size 2号 (pt)", TitleSizePt, 22},
		{"§7.3.1", "blank lines above the title", TitleBlankLines, 2},
		{"§7.3.3", "paragraph indent (字)", ParagraphIndent, 2},
		{"§7.3.5.1", "成文日期 right indent (字)", DateRightIndent, 4},
		{"§7.4.1", "版记 thick rule (mm)", ColophonThickMM, 0.35},
		{"§7.4.1", "版记 thin rule (mm)", ColophonThinMM, 0.25},
		{"§7.4.2", "版记 size 4号 (pt)", ColophonSizePt, 14},
		{"§7.5", "page number to the 版心 bottom (mm)", PageNumberGapMM, 7},
		{"§7.5", "page number size 4号 (pt)", PageNumberSizePt, 14},
		{"§7.5", "page number indent (字)", PageNumberIndent, 1},
		{"", "point (mm)", PtMM, 25.4 / 72},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-9 {
			t.Errorf("%s %s = %v, the standard says %v", tt.clause, tt.what, tt.got, tt.want)
		}
	}
}
