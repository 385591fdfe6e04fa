// Package pdf is the PDF exporter: it draws a laid-out notice
// (gongwen.Document) with maroto and embeds the fonts. It reads only the
// laid-out pages and their metadata, never the notice they were made from.
// It is the only package that imports maroto (and gofpdf, maroto's engine,
// for what maroto does not expose: rotation, the outline, part of the
// metadata, a deterministic object order). One pass over gofpdf's output
// (finish) adds what gofpdf cannot write and PDF/A-2b needs.
//
// Stage: notice → gongwen (layout) → pdf.
//
// Fonts are read and parsed once per process, by internal/fonts. For each
// document Render cuts from each face a small TrueType font holding only
// the glyphs the document uses and hands maroto those: gofpdf parses every
// font it is given again for every document, so it then parses kilobytes,
// not the 5–11 MB CJK files.
package pdf

import (
	"fmt"
	"sort"
	"time"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

func init() {
	// Write the PDF's fonts and objects in sorted order, not Go's random
	// map order: identical inputs must give identical bytes.
	gofpdf.SetDefaultCatalogSort(true)
}

// Render writes a laid-out notice as a PDF. The fonts embedded are cut
// from faces (the set the layout was measured with, gongwen.Measure):
// for each face only the glyphs the document uses, with the advances the
// layout measured, named as themselves (ABCDEF+NotoSerifSC-Regular).
// created is written as the PDF's creation (and modification) date, so
// identical inputs give identical bytes. Render does not keep doc: each
// page's items are let go once drawn.
func Render(doc *gongwen.Document, faces *fonts.Set, created time.Time) ([]byte, error) {
	if doc == nil {
		return nil, fmt.Errorf("pdf: no document")
	}
	m := gongwen.Measure(faces)
	used := map[gongwen.Face]map[rune]bool{gongwen.Body: {'0': true}}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if t, ok := it.(gongwen.Text); ok {
				if used[t.Face] == nil {
					used[t.Face] = map[rune]bool{}
				}
				for _, c := range t.S {
					used[t.Face][c] = true
				}
			}
		}
	}
	var custom []*entity.CustomFont
	names := map[string]string{} // gofpdf's font name → the PostScript name
	for _, f := range gongwen.Faces {
		if used[f] == nil {
			continue
		}
		rs := make([]rune, 0, len(used[f]))
		for c := range used[f] {
			rs = append(rs, c)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		font := faces.Font(f)
		sub := subsetFor(f, font, m, rs)
		custom = append(custom, &entity.CustomFont{Family: string(f), Style: fontstyle.Normal, Bytes: sub})
		names[gofpdfName(string(f))] = subsetTag(sub) + "+" + font.PostScriptName()
	}
	in := infoOf(doc.Meta, created)
	b := config.NewBuilder().
		WithDimensions(gongwen.PageWidthMM, gongwen.PageHeightMM).
		WithLeftMargin(0).WithTopMargin(0).WithRightMargin(0).WithBottomMargin(0).
		WithCustomFonts(custom).
		WithDefaultFont(&props.Font{Family: string(gongwen.Body), Style: fontstyle.Normal, Size: gongwen.BodySizePt}).
		WithCreationDate(created).
		WithCreator(creator, false).
		WithCompression(len(doc.Pages) > finishDeflatesUpTo)
	if in.Title != "" {
		b = b.WithTitle(in.Title, !ascii(in.Title))
	}
	if in.Author != "" {
		b = b.WithAuthor(in.Author, !ascii(in.Author))
	}
	if in.Subject != "" {
		b = b.WithSubject(in.Subject, !ascii(in.Subject))
	}
	mr := maroto.New(b.Build())
	// What maroto's configuration does not reach, the gofpdf document does.
	eng := engine(mr)
	if eng == nil {
		return nil, errNoEngine
	}
	eng.SetProducer(Producer, !ascii(Producer))
	eng.SetModificationDate(created)
	eng.SetXmpMetadata(in.xmp())
	marks := bookmarks(doc)
	for i := range doc.Pages {
		c := &pageComponent{items: doc.Pages[i].Items, eng: eng, marks: marks[i]}
		mr.AddPages(page.New().Add(row.New(gongwen.PageHeightMM).Add(col.New().Add(c))))
	}
	out, err := mr.Generate()
	if err != nil {
		return nil, fmt.Errorf("generate pdf: %w", err)
	}
	return finish(out.GetBytes(), names, in)
}

// finishDeflatesUpTo is the most pages a document may have for finish to
// deflate its pages rather than gofpdf. gofpdf takes a new zlib writer
// (over 1 MB) for each page, so for a notice finish's pooled one is much
// cheaper; but then gofpdf's output holds every page uncompressed at once,
// which for a table of thousands of rows raises the peak memory
// (BenchmarkTable5000, 226 pages: peak RSS 202–207 MB against 165–196 MB).
// Past this many pages gofpdf compresses as it writes.
var finishDeflatesUpTo = 32

// ascii reports whether s is printable ASCII, which gofpdf writes as it
// is (anything else it writes as UTF-16).
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

// pageComponent draws one laid-out page through maroto's provider, item
// by item, at the positions gongwen chose.
type pageComponent struct {
	items []gongwen.Item
	eng   *gofpdf.Fpdf // the document maroto draws into
	marks []mark       // the outline's entries that open this page
}

// SetConfig is part of maroto's component; a page needs no configuration.
func (c *pageComponent) SetConfig(*entity.Config) {}

func (c *pageComponent) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "gongwen-page"})
}

func (c *pageComponent) GetHeight(core.Provider, *entity.Cell) float64 { return gongwen.PageHeightMM }
