// Package pdf draws gongwen pages with maroto and embeds the fonts. It is
// the only package that imports maroto (and gofpdf, maroto's engine, for
// one process-wide setting that makes the output deterministic).
//
// Stage: notice → gongwen (layout) → pdf.
//
// Fonts are read and parsed once, by NewRenderer. For each document the
// Renderer cuts from each face a small TrueType font holding only the
// glyphs the document uses and hands maroto those: gofpdf parses every
// font it is given again for every document, so it then parses kilobytes,
// not the 5–11 MB CJK files.
package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"sync"
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

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

func init() {
	// Write the PDF's fonts and objects in sorted order, not Go's random
	// map order: identical inputs must give identical bytes.
	gofpdf.SetDefaultCatalogSort(true)
}

// Options configure a Renderer. Keep it comparable: NewRenderer caches the
// parsed fonts by Options.
type Options struct {
	// FontDir is a folder searched first for the office's official fonts
	// (simfang.ttf, simhei.ttf, simkai.ttf, 方正小标宋简体.ttf, …).
	FontDir string
	// NoSystemFonts skips the system font folders (tests, reproducible
	// runs): only FontDir and the bundled stand-ins are used.
	NoSystemFonts bool
}

// Renderer lays out and draws notices. Fonts are loaded once, when it is
// made, and reused for every document; a Renderer is safe for concurrent
// use.
type Renderer struct {
	faces map[gongwen.Face]*face
}

// loaded caches the parsed fonts by Options, so that a process parses
// each font once however many Renderers it makes.
var loaded sync.Map // Options → *loadResult

type loadResult struct {
	once  sync.Once
	faces map[gongwen.Face]*face
	err   error
}

// NewRenderer loads the fonts: the official faces where found, the bundled
// stand-ins for the rest. Fonts are parsed once per process for the same
// Options; later calls reuse them.
func NewRenderer(opts Options) (*Renderer, error) {
	v, _ := loaded.LoadOrStore(opts, &loadResult{})
	lr := v.(*loadResult)
	lr.once.Do(func() { lr.faces, lr.err = loadFaces(opts) })
	if lr.err != nil {
		loaded.Delete(opts) // a folder fixed later is read again
		return nil, lr.err
	}
	return &Renderer{faces: lr.faces}, nil
}

// Substitutes says which stand-in faces are used for which official faces,
// one line each, for the run output.
func (r *Renderer) Substitutes() []string {
	var out []string
	for _, f := range gongwen.Faces {
		fc := r.faces[f]
		if fc.official {
			continue
		}
		out = append(out, fmt.Sprintf("%s字体：未找到%s，使用替代字体 %s", roleNames[f], officialNames[f], fc.name))
	}
	return out
}

// Fonts says which font file or stand-in each face uses, for logs.
func (r *Renderer) Fonts() map[string]string {
	out := map[string]string{}
	for f, fc := range r.faces {
		if fc.official {
			out[string(f)] = fc.path
		} else {
			out[string(f)] = fc.name + " (bundled)"
		}
	}
	return out
}

// Advance implements gongwen.Metrics.
func (r *Renderer) Advance(f gongwen.Face, c rune) (float64, bool) {
	fc := r.faces[f]
	if fc == nil || c > 0xFFFF {
		// gofpdf embeds through the BMP cmap only: a character beyond it
		// would vanish, so no face "has" it.
		return 0, false
	}
	return fc.font.advance(c)
}

// Layout returns the pages of doc as the Renderer would draw them.
func (r *Renderer) Layout(doc *notice.Document) ([]gongwen.Page, error) {
	return gongwen.Layout(doc, r)
}

// Render returns the PDF of doc. created is written as the PDF's creation
// (and modification) date, so identical inputs give identical bytes.
func (r *Renderer) Render(doc *notice.Document, created time.Time) ([]byte, error) {
	pages, err := gongwen.Layout(doc, r)
	if err != nil {
		return nil, err
	}
	return r.Draw(pages, doc, created)
}

// Draw writes laid-out pages as a PDF; doc supplies the metadata.
func (r *Renderer) Draw(pages []gongwen.Page, doc *notice.Document, created time.Time) ([]byte, error) {
	used := map[gongwen.Face]map[rune]bool{gongwen.Body: {'0': true}}
	for _, p := range pages {
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
	var fonts []*entity.CustomFont
	for _, f := range gongwen.Faces {
		if used[f] == nil {
			continue
		}
		rs := make([]rune, 0, len(used[f]))
		for c := range used[f] {
			rs = append(rs, c)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		fonts = append(fonts, &entity.CustomFont{Family: string(f), Style: fontstyle.Normal, Bytes: r.faces[f].font.subset(rs)})
	}
	b := config.NewBuilder().
		WithDimensions(gongwen.PageWidthMM, gongwen.PageHeightMM).
		WithLeftMargin(0).WithTopMargin(0).WithRightMargin(0).WithBottomMargin(0).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: string(gongwen.Body), Style: fontstyle.Normal, Size: gongwen.BodySizePt}).
		WithCreationDate(created).
		WithCreator("bulletin", false).
		WithCompression(true)
	if doc != nil {
		if doc.Title != "" {
			b = b.WithTitle(doc.Title, true)
		}
		if a := author(doc); a != "" {
			b = b.WithAuthor(a, true)
		}
		if doc.DocNumber != "" {
			b = b.WithSubject(doc.DocNumber, true)
		}
	}
	m := maroto.New(b.Build())
	comps := make([]*pageComponent, len(pages))
	for i := range pages {
		comps[i] = &pageComponent{items: pages[i].Items}
		m.AddPages(page.New().Add(row.New(gongwen.PageHeightMM).Add(col.New().Add(comps[i]))))
	}
	out, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("generate pdf: %w", err)
	}
	for _, c := range comps {
		if c.err != nil {
			return nil, c.err
		}
	}
	return fixModDate(out.GetBytes(), created), nil
}

// author is the issuing office: the 署名, else the 发文机关标志.
func author(doc *notice.Document) string {
	if doc.Signature != "" {
		return doc.Signature
	}
	return doc.IssuerMark
}

// fixModDate writes created over the modification date gofpdf stamps with
// the wall clock (maroto offers no setter); the string has the same length,
// so no offset in the file moves.
func fixModDate(pdf []byte, created time.Time) []byte {
	key := []byte("/ModDate (D:")
	i := bytes.Index(pdf, key)
	if i < 0 {
		return pdf
	}
	copy(pdf[i+len(key):], created.Format("20060102150405"))
	return pdf
}

// pageComponent draws one laid-out page through maroto's provider, item
// by item, at the positions gongwen chose.
type pageComponent struct {
	items  []gongwen.Item
	config *entity.Config
	err    error
}

func (c *pageComponent) SetConfig(cfg *entity.Config) { c.config = cfg }

func (c *pageComponent) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "gongwen-page"})
}

func (c *pageComponent) GetHeight(core.Provider, *entity.Cell) float64 { return gongwen.PageHeightMM }
