package pipeline

import (
	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/pdfsign"
)

// DraftMark is printed on every page of a 送审稿, in red in the top margin
// above the type area's right edge, where no element of the notice is:
// the draft cannot be taken for the issued notice, and everything inside
// the type area is as it will be issued.
const DraftMark = "送审稿"

// RoleDraftMark is the role of the draft mark's text.
const RoleDraftMark = gongwen.RoleDraftMark

const (
	draftMarkSizePt   = 22.0 // 二号
	draftMarkBaseline = 24.0 // mm from the page top, inside the 37 mm 天头
)

// markDraft adds the draft mark to every page of doc.
func markDraft(doc *gongwen.Document, faces *fonts.Set) {
	m := gongwen.Measure(faces)
	width := 0.0
	for _, r := range DraftMark {
		a, _ := m.Advance(gongwen.Hei, r)
		width += a * draftMarkSizePt * gongwen.PtMM
	}
	for i := range doc.Pages {
		doc.Pages[i].Items = append(doc.Pages[i].Items, gongwen.Text{
			X: gongwen.TypeRightMM - width, Y: draftMarkBaseline,
			Face: gongwen.Hei, SizePt: draftMarkSizePt, Color: gongwen.Red, S: DraftMark, Role: RoleDraftMark,
		})
	}
}

// mmPt converts millimetres to PDF points.
const mmPt = 72 / 25.4

// addSealField adds the empty signature field over the seal's place the
// layout reports (GB/T 9704 §7.3.5.1: over the 署名 and 成文日期), so that
// signing applications offer to sign there; a notice without 署名 and date
// gets none.
func addSealField(doc *gongwen.Document, pdf []byte) ([]byte, error) {
	b := doc.Meta.Seal
	if b == nil {
		return pdf, nil
	}
	return pdfsign.AddField(pdf, pdfsign.Field{Page: b.Page + 1, Rect: pdfsign.Rect{
		LLX: b.X * mmPt, LLY: (gongwen.PageHeightMM - b.Y - b.H) * mmPt,
		URX: (b.X + b.W) * mmPt, URY: (gongwen.PageHeightMM - b.Y) * mmPt,
	}})
}
