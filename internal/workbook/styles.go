package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/wording"
)

// styles holds the style ids of a workbook. Value styles are made on first
// use, one per number format.
type styles struct {
	f                       *excelize.File
	title, subtitle, header int
	rank, tied, unit, text  int
	values                  map[string]int // by number format
}

var thinBorder = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1},
	{Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1},
	{Type: "bottom", Color: "000000", Style: 1},
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{f: f, values: map[string]int{}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	tied := "\"" + wording.Tied + "\"0"
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.subtitle, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}}},
		{&s.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
			Border:    thinBorder,
			Alignment: center,
		}},
		{&s.rank, excelize.Style{Border: thinBorder, Alignment: center, NumFmt: 1}},
		{&s.tied, excelize.Style{Border: thinBorder, Alignment: center, CustomNumFmt: &tied}},
		{&s.unit, excelize.Style{Border: thinBorder, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}},
		{&s.text, excelize.Style{Border: thinBorder, Alignment: center}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return nil, fmt.Errorf("create cell style: %w", err)
		}
		*d.id = id
	}
	return s, nil
}

// value returns the style of figures with number format nf: right-aligned,
// bordered.
func (s *styles) value(nf string) (int, error) {
	if id, ok := s.values[nf]; ok {
		return id, nil
	}
	st := excelize.Style{
		Border:    thinBorder,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"},
	}
	if nf != "General" {
		st.CustomNumFmt = &nf
	}
	id, err := s.f.NewStyle(&st)
	if err != nil {
		return 0, fmt.Errorf("create number format %q: %w", nf, err)
	}
	s.values[nf] = id
	return id, nil
}
