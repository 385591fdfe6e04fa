package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Charts are drawn as SVG by the page template itself (templates/chart.html)
// from the coordinates computed here. No chart library: a line over a few
// dozen periods needs none, html/template escapes every label as it does
// the rest of the page, the SVG uses presentation attributes only (the
// page's CSP forbids inline style and script), it prints as crisply as
// text, and Chinese labels are drawn by the browser's own fonts rather
// than by a Go font rasterizer.

const (
	chartW, chartH         = 640.0, 260.0
	padL, padR, padT, padB = 64.0, 16.0, 16.0, 40.0
	chartTicks             = 5
	chartMaxXLabels        = 10
)

type chartPoint struct {
	X, Y  float64
	Label string // period
	Value string
}

type chartTick struct {
	X, Y   float64
	Label  string
	Anchor string // text-anchor
}

// chart is one series over periods, in SVG coordinates.
type chart struct {
	Title   string
	W, H    float64
	Left    float64
	Right   float64
	Top     float64
	Bottom  float64
	Points  []chartPoint
	Line    string
	YTicks  []chartTick
	XLabels []chartTick
}

// seriesPoint is one period's value; OK is false for a period without a
// number (not applicable, absent, text).
type seriesPoint struct {
	Label string
	Value float64
	OK    bool
}

func newChart(title string, series []seriesPoint) *chart {
	c := &chart{Title: title, W: chartW, H: chartH, Left: padL, Right: chartW - padR, Top: padT, Bottom: chartH - padB}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range series {
		if p.OK {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	if math.IsInf(lo, 1) {
		return c
	}
	if lo == hi {
		pad := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-pad, hi+pad
	}
	step := niceStep((hi - lo) / (chartTicks - 1))
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	n := len(series)
	x := func(i int) float64 {
		if n == 1 {
			return (c.Left + c.Right) / 2
		}
		return c.Left + (c.Right-c.Left)*float64(i)/float64(n-1)
	}
	y := func(v float64) float64 { return c.Bottom - (c.Bottom-c.Top)*(v-lo)/(hi-lo) }
	var line []string
	for i, p := range series {
		if !p.OK {
			continue
		}
		pt := chartPoint{X: round1(x(i)), Y: round1(y(p.Value)), Label: p.Label, Value: formatNum(p.Value)}
		c.Points = append(c.Points, pt)
		line = append(line, fmt.Sprintf("%g,%g", pt.X, pt.Y))
	}
	c.Line = strings.Join(line, " ")
	for v := lo; v <= hi+step/2; v += step {
		c.YTicks = append(c.YTicks, chartTick{X: c.Left - 6, Y: round1(y(v)), Label: formatNum(v)})
	}
	every := max(1, (n+chartMaxXLabels-1)/chartMaxXLabels)
	for i := 0; i < n; i += every {
		c.XLabels = append(c.XLabels, chartTick{X: round1(x(i)), Y: c.Bottom + 18, Label: series[i].Label, Anchor: "middle"})
	}
	// The last label ends at its point, so that it is never cut off.
	if l := len(c.XLabels); l > 1 && c.XLabels[l-1].X == round1(x(n-1)) {
		c.XLabels[l-1].Anchor = "end"
	}
	return c
}

// niceStep rounds a tick step up to 1, 2, 2.5 or 5 times a power of ten,
// so that the axis reads 0.2, 0.3, 0.4 rather than 0.2619, 0.3333.
func niceStep(raw float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag*1.0000001 {
			return m * mag
		}
	}
	return 10 * mag
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// formatNum shows a figure as the archive holds it (rates as fractions),
// without float noise: at most six decimals.
func formatNum(f float64) string {
	r := math.Round(f*1e6) / 1e6
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
