package docx

import (
	"bytes"
	"encoding/xml"
	"math"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// Word's units: twips (1/20 pt) for lengths, half-points for type sizes,
// eighths of a point for border widths.

// tw converts millimetres to twips.
func tw(mm float64) int { return int(math.Round(mm * 1440 / 25.4)) }

// twDown converts millimetres to twips rounding down: an indent on the
// character grid a fraction of a twip past a cell's edge would start a
// cell later.
func twDown(mm float64) int { return int(math.Floor(mm*1440/25.4 + 1e-6)) }

// cellTw is one 字 of indent in twips: a hair under the grid's cell (315.8
// twips in Word; 5.55 mm in LibreOffice, which rounds the grid's pitch to
// hundredths of a millimetre and starts indented text at the next cell
// boundary), so that n 字 of indent is n cells in both.
const cellTw = 314

// indentTw converts an indent in mm to twips: a whole number of 字 (within
// a fiftieth) as whole cells, anything else rounded down.
func indentTw(mm float64) int {
	n := mm / gongwen.CharPitchMM
	if r := math.Round(n); math.Abs(n-r) < 0.02 {
		return int(r) * cellTw
	}
	return twDown(mm)
}

// halfPt converts a type size to half-points.
func halfPt(pt float64) int { return int(math.Round(pt * 2)) }

// eighthPt converts a rule's width in millimetres to eighths of a point.
func eighthPt(mm float64) int { return int(math.Round(mm / gongwen.PtMM * 8)) }

// The page and the grid (GB/T 9704 §5.2), from gongwen's constants.
var (
	pageW   = tw(gongwen.PageWidthMM)
	pageH   = tw(gongwen.PageHeightMM)
	marTop  = tw(gongwen.TypeTopMM)
	marLeft = tw(gongwen.TypeLeftMM)
	// The right and bottom margins are what the 版心 leaves: 26 and 35 mm.
	marRight  = tw(gongwen.PageWidthMM - gongwen.TypeRightMM)
	marBottom = tw(gongwen.PageHeightMM - gongwen.TypeBottomMM)
	// linePitch is one grid line, 225 mm / 22, rounded down to whole twips
	// so that 22 lines fit the 版心 (579 twips, the "28.95 磅" of office
	// templates).
	linePitch = int(math.Floor(gongwen.LinePitchMM * 1440 / 25.4))
	// charSpace is the grid's character pitch as Word stores it: the
	// difference from the default type size (3号, 16 pt) in 1/4096 pt, so
	// that 28 characters fill the 156 mm line (−849, as 公文 templates).
	charSpace = int(math.Round((gongwen.CharPitchMM/gongwen.PtMM - gongwen.BodySizePt) * 4096))
	// footerDist places the page number's line so that its top is 7 mm
	// below the 版心 (§7.5): the footer's bottom edge from the page's.
	footerDist = tw(gongwen.PageHeightMM - gongwen.TypeBottomMM - gongwen.PageNumberGapMM - footerLineMM)
	// footerLineMM is the exact height of the page number's line.
	footerLineMM = 6.0
)

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// pageNumberEm is the em of the page number's size (4号) in mm.
func pageNumberEm() float64 { return gongwen.PageNumberSizePt * gongwen.PtMM }
