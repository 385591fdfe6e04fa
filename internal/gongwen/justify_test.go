package gongwen_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/gongwen"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

// corpus generates n paragraphs of the kind a 情况通报 holds: departments
// with rates in brackets listed with 、, changes in percentage points,
// quoted names, book titles, dates and counts. The seed is fixed, so the
// corpus is the same on every run.
func corpus(n int) []notice.Block {
	rng := rand.New(rand.NewPCG(15, 9704))
	depts := []string{"县自然资源局", "交通运输和旅游", "县水利局", "文化旅游广电体育", "县城管局", "县发改局",
		"县科技工信局", "县商务和粮食局", "县林业局", "县民政局", "县司法局", "县财政局", "县人社局", "县应急管理局",
		"委统一战线工作", "县市场监督管理局", "县卫生健康局", "县生态环境分局", "县住房和城乡建设局", "县档案局",
		"国家税务总局衡阳县税务局", "县人民政府办公室", "县农业农村局"}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	pct := func() string { return fmt.Sprintf("%.2f%%", rng.Float64()*100) }
	pts := func() string { return fmt.Sprintf("%.2f", rng.Float64()*20) }
	clauses := []func() string{
		func() string {
			k := 2 + rng.IntN(5)
			var parts []string
			for i := 0; i < k; i++ {
				parts = append(parts, pick(depts)+"（"+pct()+"）")
			}
			return strings.Join(parts, "、") + "覆盖率不足10%"
		},
		func() string {
			return "全县监管行为覆盖率" + pct() + "，较上季度上升" + pts() + "个百分点"
		},
		func() string {
			return "较上季度下降" + pts() + "个百分点；" + pick(depts) + "排名第" + fmt.Sprint(1+rng.IntN(23)) + "位"
		},
		func() string {
			return "开展“互联网+监管”工作是深化“放管服”改革、优化营商环境的重要举措"
		},
		func() string {
			return "根据《国务院办公厅关于进一步加快推进“互联网+监管”系统建设工作的通知》（国办函〔2019〕80号）要求"
		},
		func() string {
			return "截至2022年11月3日，全县共" + fmt.Sprint(10+rng.IntN(30)) + "家单位纳入统计"
		},
		func() string {
			return "覆盖率达100%的单位共3个（" + pick(depts) + "、" + pick(depts) + "、" + pick(depts) + "）"
		},
		func() string {
			return "各单位要充分认识该项工作的重要性，提高政治站位，高度重视"
		},
		func() string {
			return "执法人员录入" + fmt.Sprint(100+rng.IntN(2000)) + "人，用户注册" + fmt.Sprint(100+rng.IntN(2000)) + "人"
		},
		func() string {
			return "务必紧扣“五个100%”目标：事项认领完成率、实施清单填报率、数据准确率"
		},
		func() string {
			return pick(depts) + "、" + pick(depts) + "各" + fmt.Sprint(1+rng.IntN(9)) + "项未梳理"
		},
		func() string {
			return "请于" + fmt.Sprint(1+rng.IntN(12)) + "月" + fmt.Sprint(1+rng.IntN(28)) + "日前将整改情况报送县政务服务中心（联系人：王××，电话：0734-" + fmt.Sprint(6000000+rng.IntN(999999)) + "）"
		},
	}
	enders := []string{"。", "。", "；", "。”", "！"}
	var out []notice.Block
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := 1 + rng.IntN(6); k > 0; k-- {
			b.WriteString(clauses[rng.IntN(len(clauses))]())
			if k > 1 {
				b.WriteString(pick([]string{"，", "，", "；", "。"}))
			}
		}
		end := pick(enders)
		text := b.String()
		if strings.HasSuffix(end, "”") {
			text = "“" + text
		}
		blk := notice.Block{Text: text + end}
		switch rng.IntN(8) {
		case 0:
			blk.Level, blk.Heading = 1, "一、"
		case 1:
			blk.Level, blk.Heading = 2, "（二）"+pick(depts)+"工作推进较慢。"
		}
		out = append(out, blk)
	}
	return out
}

// box is one placed character's box on a line, in millimetres.
type box struct {
	x0, x1 float64
	s      string
}

// lineBoxes returns the body-size lines of a page, each a list of
// character boxes from left to right. A full-width character's box is its
// grid cell where its glyph is narrower (quotes in some faces): opening
// quotes are set at the right of their cell, other marks at the left.
func lineBoxes(m gongwen.Metrics, p gongwen.Page) [][]box {
	byY := map[float64][]box{}
	for _, it := range p.Items {
		t, ok := it.(gongwen.Text)
		if !ok || t.SizePt != gongwen.BodySizePt || t.Rotate != 0 || t.Y > gongwen.TypeBottomMM {
			continue
		}
		em := t.SizePt * gongwen.PtMM
		x := t.X
		y := math.Round(t.Y*100) / 100
		for _, r := range t.S {
			a, _ := m.Advance(t.Face, r)
			w := a * em
			b := box{x, x + w, string(r)}
			if gongwen.FullWidth(r) && w < gongwen.CharPitchMM*0.9 {
				if r == '“' || r == '‘' {
					b.x0 = b.x1 - gongwen.CharPitchMM
				} else {
					b.x1 = b.x0 + gongwen.CharPitchMM
				}
			}
			if r != ' ' {
				byY[y] = append(byY[y], b)
			}
			x += w
		}
	}
	ys := make([]float64, 0, len(byY))
	for y := range byY {
		ys = append(ys, y)
	}
	sort.Float64s(ys)
	var out [][]box
	for _, y := range ys {
		l := byY[y]
		sort.SliceStable(l, func(i, j int) bool { return l[i].x0 < l[j].x0 })
		out = append(out, l)
	}
	return out
}

// widestGap is the widest space between two neighbouring characters' boxes
// on any body line of pages, in characters (grid cells), and the line.
func widestGap(m gongwen.Metrics, pages []gongwen.Page) (float64, string) {
	worst, where := 0.0, ""
	for _, p := range pages {
		for _, l := range lineBoxes(m, p) {
			for i := 1; i < len(l); i++ {
				if g := (l[i].x0 - l[i-1].x1) / gongwen.CharPitchMM; g > worst {
					worst, where = g, fmt.Sprintf("%s (between %s and %s)", lineText(l), l[i-1].s, l[i].s)
				}
			}
		}
	}
	return worst, where
}

// TestJustifiedGaps lays out the sample and a corpus of generated
// paragraphs and checks that no justified line opens a gap wider than a
// quarter of a character between two characters (punctuation is
// compressed first, 标点挤压, clreq §3.1.6 and §3.8).
func TestJustifiedGaps(t *testing.T) {
	m := bundledMetrics(t)
	docs := map[string]*notice.Document{
		"sample": loadDoc(t, "forwarding-notice.json"),
		"corpus": {Title: "关于情况的通报", Addressee: "各单位", Body: corpus(300)},
	}
	for name, doc := range docs {
		pages, err := gongwen.Layout(doc, m)
		if err != nil {
			t.Fatal(err)
		}
		g, where := widestGap(m, pages)
		t.Logf("%s: widest gap %.3f character: %s", name, g, where)
		if g > 0.25 {
			t.Errorf("%s: a gap of %.2f character, more than a quarter: %s", name, g, where)
		}
	}
}

func lineText(l []box) string {
	var b strings.Builder
	for _, c := range l {
		b.WriteString(c.s)
	}
	return b.String()
}
