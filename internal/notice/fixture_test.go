package notice_test

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// The figures of reports/hengyang-county/data/2022Q3.xlsx (real, as
// published with the notice of 2022-11-04; the table at the end of
// shared/reference/000_…txt) and 2022Q2.xlsx (synthetic: no 县档案局, has
// 县扶贫办), one department a line, in the sheet's column order. The
// metrics stage computes these in the pipeline; here the Result is built
// by hand so that the notice stage is tested on its own.
const (
	fixtureColumns = "目录可认领数 已认领 目录完成率 实施清单完成率 待完善 详实度 执法人员数 本月增量汇聚数 上报及时率 覆盖本级事项条数 本级事项总数 覆盖率 执法人员率分子 执法人员率分母 执法人员率 数据准确率 用户注册数 用户活跃度 风险线索反馈率"

	fixture2022Q3 = `县发改局	0	0	/	100%	0	100%	7	1	23.20%	5	5	100%	7	7	100%	86.21%	8	22.50%	/
县教育局	9	9	100%	100%	0	100%	9	2	3.95%	5	9	55.56%	9	9	100%	100%	13	83.08%	/
县科技工信局	2	2	100%	100%	0	100%	3	0	2.67%	2	2	100%	1	3	33.33%	100%	4	0	/
县公安局	33	33	100%	100%	0	100%	182	13	5.31%	11	42	26.19%	10	182	5.49%	95.45%	51	76.08%	/
县民政局	3	3	100%	100%	0	100%	4	1	7.19%	3	4	75.00%	4	4	100%	100%	5	0	/
县司法局	11	11	100%	100%	0	100%	3	0	0.89%	3	11	27.27%	3	3	100%	100%	5	0	/
县财政局	5	5	100%	100%	0	100%	81	0	1.28%	1	5	20.00%	2	81	2.47%	100%	80	0	/
县人社局	5	5	100%	100%	0	100%	40	19	13.14%	4	5	80.00%	3	40	7.50%	100%	45	0	/
县自然资源局	19	19	100%	100%	0	100%	269	2	0.97%	1	19	5.26%	3	269	1.12%	100%	274	0	/
县住建局	79	79	100%	100%	0	100%	123	1	1.00%	40	79	50.00%	34	123	27.64%	100%	129	0.47%	/
交通运输和旅游	63	63	100%	100%	0	100%	171	0	2.60%	5	63	7.94%	24	171	14.04%	100%	172	3.14%	/
县水利局	27	27	100%	100%	0	100%	33	0	1.42%	1	27	3.70%	16	33	48.48%	100%	34	3.53%	/
县农业农村局	39	39	100%	100%	0	100%	94	10	0.75%	21	50	42.00%	10	94	10.64%	95.31%	95	2.53%	/
县商务和粮食局	1	1	100%	100%	0	100%	15	0	4.76%	1	1	100%	3	15	20.00%	100%	3	40.00%	/
文化旅游广电体育	174	174	100%	100%	0	100%	14	3	0.97%	14	173	8.09%	9	14	64.29%	100%	15	0	/
县卫生健康局	35	35	100%	100%	0	100%	37	2	3.03%	4	35	11.43%	6	37	16.22%	100%	38	0.53%	100%
县应急管理局	14	14	100%	100%	0	100%	107	1	52.94%	3	14	21.43%	1	107	0.93%	100%	28	0	100%
县林业局	12	12	100%	100%	0	100%	16	0	0.51%	3	12	25.00%	12	16	75.00%	100%	17	91.76%	/
县市场监督管理局	182	182	100%	100%	0	100%	257	95	1.33%	60	198	30.30%	123	257	47.86%	100%	258	7.75%	/
县医疗保障局	2	2	100%	100%	0	100%	70	0	0.94%	1	2	50.00%	7	70	10.00%	100%	66	21.82%	/
县档案局	6	6	100%	100%	0	100%	2	0	4.96%	4	6	66.67%	2	2	100%	100%	3	60.00%	/
委统一战线工作	16	16	100%	100%	0	100%	1	0	0.70%	13	16	81.25%	1	1	100%	100%	4	0	/
县城管局	12	12	100%	100%	0	100%	165	0	1.17%	1	12	8.33%	8	165	4.85%	100%	165	0	/`

	fixture2022Q2 = `县发改局	0	0	/	100%	0	100%	7	18	23.20%	5	5	100.00%	7	7	100.00%	86.21%	8	19.21%	/
县教育局	9	9	100.00%	100%	0	100%	9	19	3.95%	4	9	44.44%	7	9	77.78%	100%	13	79.08%	/
县科技工信局	2	2	100.00%	100%	0	100%	3	18	2.67%	2	2	100.00%	1	3	33.33%	100%	4	0	/
县公安局	33	30	90.91%	100%	0	100%	182	13	5.31%	8	42	19.05%	7	182	3.85%	95.45%	49	76.07%	/
县民政局	3	3	100.00%	100%	0	100%	4	8	7.19%	3	4	75.00%	4	4	100.00%	100%	5	0	/
县司法局	11	11	100.00%	100%	0	100%	3	13	0.89%	2	11	18.18%	3	3	100.00%	100%	5	2.67%	/
县财政局	5	5	100.00%	100%	0	100%	81	18	1.28%	1	5	20.00%	2	81	2.47%	100%	74	0	/
县人社局	5	5	100.00%	100%	0	100%	40	5	13.14%	4	5	80.00%	3	40	7.50%	100%	45	0	/
县自然资源局	19	17	89.47%	100%	0	100%	269	18	0.97%	1	19	5.26%	2	269	0.74%	100%	255	0	/
县住建局	79	79	100.00%	100%	0	100%	123	3	1.00%	21	79	26.58%	34	123	27.64%	100%	127	0.50%	/
交通运输和旅游	63	62	98.41%	100%	0	100%	171	8	2.60%	5	63	7.94%	17	171	9.94%	100%	170	3.43%	/
县水利局	27	26	96.30%	100%	0	100%	33	12	1.42%	1	27	3.70%	12	33	36.36%	100%	32	3.63%	/
县农业农村局	39	39	100.00%	100%	0	100%	94	15	0.75%	18	50	36.00%	7	94	7.45%	95.31%	92	2.86%	/
县商务和粮食局	1	1	100.00%	100%	0	100%	15	12	4.76%	1	1	100.00%	2	15	13.33%	100%	3	41.71%	/
文化旅游广电体育	174	173	99.43%	100%	0	100%	14	1	0.97%	9	173	5.20%	8	14	57.14%	100%	15	0	/
县卫生健康局	35	34	97.14%	100%	0	100%	37	6	3.03%	2	35	5.71%	5	37	13.51%	100%	36	0.65%	100%
县应急管理局	14	12	85.71%	100%	0	100%	107	4	52.94%	3	14	21.43%	1	107	0.93%	100%	27	0	100%
县林业局	12	9	75.00%	100%	0	100%	16	10	0.51%	3	12	25.00%	12	16	75.00%	100%	17	100.00%	/
县市场监督管理局	182	182	100.00%	100%	0	100%	257	7	1.33%	39	198	19.70%	115	257	44.75%	100%	251	8.12%	/
县医疗保障局	2	2	100.00%	100%	0	100%	70	18	0.94%	1	2	50.00%	6	70	8.57%	100%	62	24.41%	/
委统一战线工作	16	16	100.00%	100%	0	100%	1	13	0.70%	7	16	43.75%	1	1	100.00%	100%	4	15.83%	/
县城管局	12	10	83.33%	100%	0	100%	165	8	1.17%	1	12	8.33%	7	165	4.24%	100%	163	0	/
县扶贫办	4	4	100%	100%	0	100%	6	0	1.10%	1	4	25.00%	2	6	33.33%	100%	6	0	/`
)

const sampleDir = "../../reports/hengyang-county"

// loadSample reads the bundled sample definition.
func loadSample(t testing.TB) *report.Definition {
	t.Helper()
	def, err := report.Load(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	return def
}

type table map[string]map[string]metrics.Value // unit → column → value

func parseTable(t testing.TB, s string) ([]string, table) {
	t.Helper()
	cols := strings.Fields(fixtureColumns)
	var order []string
	tab := table{}
	for _, line := range strings.Split(s, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != len(cols)+1 {
			t.Fatalf("fixture line %q: %d cells", line, len(f))
		}
		row := map[string]metrics.Value{}
		for i, c := range cols {
			row[c] = cellValue(t, f[i+1])
		}
		order = append(order, f[0])
		tab[f[0]] = row
	}
	return order, tab
}

func cellValue(t testing.TB, s string) metrics.Value {
	if s == "/" {
		return metrics.Value{NA: true}
	}
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		t.Fatalf("fixture cell %q: %v", s, err)
	}
	if pct {
		v /= 100
	}
	return metrics.Value{V: v}
}

// unitValue evaluates one indicator of the sample definition for a row.
// Only the forms the sample uses are needed: column, ratio, "a - b".
func unitValue(ind report.Indicator, row map[string]metrics.Value) metrics.Value {
	switch {
	case ind.Column != "":
		return row[ind.Column]
	case len(ind.Ratio) == 2:
		a, b := row[ind.Ratio[0]], row[ind.Ratio[1]]
		if a.NA || b.NA || b.V == 0 {
			return metrics.Value{NA: true}
		}
		return metrics.Value{V: a.V / b.V}
	case ind.Expr != "":
		p := strings.Split(ind.Expr, " - ")
		return metrics.Value{V: row[p[0]].V - row[p[1]].V}
	}
	panic("fixture: unsupported indicator " + ind.ID)
}

// totalValue is the area-wide value: counts summed, ratios as the ratio of
// summed parts; a rate read from a column has none.
func totalValue(ind report.Indicator, order []string, tab table) metrics.Value {
	sum := func(col string) float64 {
		s := 0.0
		for _, u := range order {
			s += tab[u][col].V
		}
		return s
	}
	switch {
	case len(ind.Ratio) == 2:
		return metrics.Value{V: sum(ind.Ratio[0]) / sum(ind.Ratio[1])}
	case ind.Column != "" && ind.Unit == "percent":
		// A rate read from a column has no parts to sum: no area total
		// (as metrics.Compute does unless report.yaml says how to total it).
		return metrics.Value{NA: true}
	case ind.Column != "":
		return metrics.Value{V: sum(ind.Column)}
	default:
		s := 0.0
		for _, u := range order {
			s += unitValue(ind, tab[u]).V
		}
		return metrics.Value{V: s}
	}
}

func delta(ind *metrics.Indicator, cur, prev metrics.Value) metrics.Delta {
	if cur.NA || prev.NA {
		return metrics.Delta{}
	}
	d := metrics.Delta{Has: true, Abs: cur.V - prev.V, Direction: "unchanged"}
	better := d.Abs > 1e-12
	if ind.Better == "lower" {
		better = d.Abs < -1e-12
	}
	switch {
	case math.Abs(d.Abs) <= 1e-12:
	case better:
		d.Direction = "improved"
	default:
		d.Direction = "declined"
	}
	return d
}

// sampleResult builds the Result of the bundled sample for 2022Q3, against
// 2022Q2 when withPrev.
func sampleResult(t testing.TB, def *report.Definition, withPrev bool) *metrics.Result {
	t.Helper()
	order, cur := parseTable(t, fixture2022Q3)
	prevOrder, prev := parseTable(t, fixture2022Q2)
	asOf := time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)
	res := &metrics.Result{Period: report.Period{Year: 2022, Quarter: 3}, AsOf: &asOf}
	if withPrev {
		res.Prev, res.HasPrev = report.Period{Year: 2022, Quarter: 2}, true
	}
	for _, d := range def.Indicators {
		ind := &metrics.Indicator{ID: d.ID, Name: d.Name, Unit: d.Unit, Better: d.Better, Percent: d.Unit == "percent"}
		switch {
		case d.Precision != nil:
			ind.Precision = *d.Precision
		case ind.Percent:
			ind.Precision = 2
		}
		ind.Total = totalValue(d, order, cur)
		if withPrev {
			ind.PrevTotal = totalValue(d, prevOrder, prev)
			ind.Delta = delta(ind, ind.Total, ind.PrevTotal)
		}
		for _, u := range order {
			switch v := unitValue(d, cur[u]); {
			case v.NA:
				ind.NACount++
			case v.V == 0:
				ind.AtZero++
			case ind.Percent && math.Abs(v.V-1) < 1e-9:
				ind.AtFull++
			}
		}
		res.Indicators = append(res.Indicators, ind)
	}
	for _, name := range order {
		u := &metrics.Unit{Name: name, Values: map[string]metrics.Value{}}
		_, had := prev[name]
		if withPrev && had {
			u.Prev, u.Deltas = map[string]metrics.Value{}, map[string]metrics.Delta{}
		}
		u.New = withPrev && !had
		for i, d := range def.Indicators {
			u.Values[d.ID] = unitValue(d, cur[name])
			if u.Prev != nil {
				u.Prev[d.ID] = unitValue(d, prev[name])
				u.Deltas[d.ID] = delta(res.Indicators[i], u.Values[d.ID], u.Prev[d.ID])
			}
		}
		res.Units = append(res.Units, u)
	}
	if withPrev {
		for _, n := range order {
			if _, ok := prev[n]; !ok {
				res.NewUnits = append(res.NewUnits, n)
			}
		}
		for _, n := range prevOrder {
			if _, ok := cur[n]; !ok {
				res.GoneUnits = append(res.GoneUnits, n)
			}
		}
	}
	for _, rd := range def.Rankings {
		res.Rankings = append(res.Rankings, ranking(def, res, rd, order, cur, prevOrder, prev, withPrev))
	}
	return res
}

func ranking(def *report.Definition, res *metrics.Result, rd report.Ranking, order []string, cur table, prevOrder []string, prev table, withPrev bool) *metrics.Ranking {
	r := &metrics.Ranking{ID: rd.ID, Title: rd.Title}
	inds := map[string]*metrics.Indicator{}
	for _, ind := range res.Indicators {
		inds[ind.ID] = ind
	}
	for _, c := range rd.Columns {
		h := c.Header
		if h == "" {
			h = inds[c.Value].Name
		}
		r.Columns = append(r.Columns, metrics.RankColumn{ID: c.Value, Header: h, Group: c.Group, Indicator: inds[c.Value]})
	}
	ranks := func(order []string, tab table) (sorted []string, rank map[string]int, tied map[string]bool) {
		sorted = append([]string(nil), order...)
		rank, tied = map[string]int{}, map[string]bool{}
		if rd.By == "" {
			for i, u := range sorted {
				rank[u] = i + 1
			}
			return
		}
		by := *def.Indicator(rd.By)
		val := func(u string) float64 {
			v := unitValue(by, tab[u])
			if v.NA {
				return math.Inf(-1)
			}
			return v.V
		}
		sort.SliceStable(sorted, func(i, j int) bool { return val(sorted[i]) > val(sorted[j]) })
		for i, u := range sorted {
			rank[u] = i + 1
			if i > 0 && val(u) == val(sorted[i-1]) {
				rank[u] = rank[sorted[i-1]]
				tied[u], tied[sorted[i-1]] = true, true
			}
		}
		return
	}
	sorted, rank, tied := ranks(order, cur)
	_, prevRank, _ := ranks(prevOrder, prev)
	for _, u := range sorted {
		row := metrics.RankRow{Rank: rank[u], Tied: tied[u], Unit: u}
		for _, c := range rd.Columns {
			row.Cells = append(row.Cells, unitValue(*def.Indicator(c.Value), cur[u]))
		}
		if withPrev && prevRank[u] > 0 {
			row.PrevRank = prevRank[u]
			row.Change = prevRank[u] - rank[u]
		}
		r.Rows = append(r.Rows, row)
	}
	return r
}
