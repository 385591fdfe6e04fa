package metrics_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// The figures below are copied literally so that these tests do not depend
// on the snapshot importer. 2022Q3 equals the table at the end of the real
// notice (reference 000_3c8a4118b5dc7cb7.txt); 2022Q2 is the synthetic
// previous quarter (no 县档案局, with 县扶贫办).

// 2022Q3: 单位 and the 19 report columns in sheet order, rows 5… of
// reports/hengyang-county/data/2022Q3.xlsx.
const table2022Q3 = `
县发改局	0	0	/	100%	0	100%	7	1	23.20%	5	5	100%	7	7	100%	86.21%	8	22.50%	/
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
县城管局	12	12	100%	100%	0	100%	165	0	1.17%	1	12	8.33%	8	165	4.85%	100%	165	0	/
`

// 2022Q2: 单位 and the 19 report columns in sheet order, rows 5… of
// reports/hengyang-county/data/2022Q2.xlsx.
const table2022Q2 = `
县发改局	0	0	/	100%	0	100%	7	18	23.20%	5	5	100.00%	7	7	100.00%	86.21%	8	19.21%	/
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
县扶贫办	4	4	100%	100%	0	100%	6	0	1.10%	1	4	25.00%	2	6	33.33%	100%	6	0	/
`

// loadDef loads the bundled sample definition.
func loadDef(t testing.TB) *report.Definition {
	t.Helper()
	def, err := report.Load("../../reports/hengyang-county")
	if err != nil {
		t.Fatal(err)
	}
	return def
}

// snap builds a snapshot from a tab-separated table whose columns are the
// unit name followed by def's columns in order, as the importer would: rates
// as fractions, "/" not applicable, cells named as in the sheet (data from
// row 5, 单位 in column B).
func snap(t testing.TB, def *report.Definition, file, table string) *snapshot.Snapshot {
	t.Helper()
	return snapAt(t, def, file, table, 5)
}

// snapAt is snap with the table's first row at sheet row first.
func snapAt(t testing.TB, def *report.Definition, file, table string, first int) *snapshot.Snapshot {
	t.Helper()
	s := &snapshot.Snapshot{File: file, Sheet: "统计表"}
	for _, c := range def.Columns {
		s.Columns = append(s.Columns, c.ID)
	}
	for i, line := range strings.Split(strings.TrimSpace(table), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != len(def.Columns)+1 {
			t.Fatalf("%s line %d: %d fields, want %d", file, i+1, len(f), len(def.Columns)+1)
		}
		row := first + i
		u := snapshot.Unit{Name: f[0], Row: row, Values: map[string]snapshot.Value{}}
		for j, c := range def.Columns {
			u.Values[c.ID] = cellValue(t, f[j+1], fmt.Sprintf("%c%d", 'C'+j, row))
		}
		s.Units = append(s.Units, u)
	}
	return s
}

func cellValue(t testing.TB, text, cell string) snapshot.Value {
	t.Helper()
	if text == "/" {
		return snapshot.Value{NA: true, Cell: cell}
	}
	pct := strings.HasSuffix(text, "%")
	n, err := strconv.ParseFloat(strings.TrimSuffix(text, "%"), 64)
	if err != nil {
		t.Fatalf("cell %s: %v", cell, err)
	}
	if pct {
		n /= 100
	}
	return snapshot.Value{Num: n, Cell: cell}
}

// sample returns the bundled definition with its 2022Q3 and 2022Q2
// snapshots.
func sample(t testing.TB) (*report.Definition, *snapshot.Snapshot, *snapshot.Snapshot) {
	def := loadDef(t)
	return def, snap(t, def, "2022Q3.xlsx", table2022Q3), snap(t, def, "2022Q2.xlsx", table2022Q2)
}

// Online-service sample (reports/online-service/data/2024Q1.xlsx): made-up
// figures, 单位 then the report's columns; the 合计 row apart.
const table2024Q1 = `
县发改局	40	2	6	20	12	800	360	10	30.00%
县教育局	25	1	4	12	8	500	300	6	32.00%
县公安局	120	0	8	52	60	2400	960	45	50.00%
县民政局	30	3	5	14	8	600	330	9	26.67%
县人社局	60	0	3	27	30	1200	540	22	50.00%
县自然资源局	55	5	9	25	16	1650	990	4	29.09%
县住建局	70	4	10	36	20	2100	1050	8	28.57%
县市场监督管理局	150	0	6	64	80	3000	1200	70	53.33%
`

// total2024Q1 is its 合计 row.
const total2024Q1 = "合计\t550\t15\t51\t250\t234\t12250\t5730\t174\t42.55%"

// 2024Q2.xlsx of the same report.
const table2024Q2 = `
县发改局	40	1	4	21	14	800	320	12	35.00%
县教育局	26	0	3	13	10	520	260	7	38.46%
县公安局	122	0	6	52	64	2440	976	48	52.46%
县人社局	60	0	2	26	32	1200	480	25	53.33%
县自然资源局	55	3	7	27	18	1650	825	6	32.73%
县住建局	72	2	8	38	24	2160	1080	10	33.33%
县市场监督管理局	150	0	4	62	84	3000	1200	75	56.00%
县医疗保障局	18	0	2	8	8	360	180	5	44.44%
`

// total2024Q2 is its 合计 row.
const total2024Q2 = "合计\t543\t6\t36\t247\t254\t12130\t5321\t188\t46.78%"

// onlineSample returns the online-service definition with its two
// snapshots, 合计 rows included.
func onlineSample(t testing.TB) (*report.Definition, *snapshot.Snapshot, *snapshot.Snapshot) {
	t.Helper()
	def, err := report.Load("../../reports/online-service")
	if err != nil {
		t.Fatal(err)
	}
	q1 := snap(t, def, "2024Q1.xlsx", table2024Q1)
	q2 := snap(t, def, "2024Q2.xlsx", table2024Q2)
	// The 合计 row follows the 8 offices, on row 13.
	q1.Total = &snapAt(t, def, "2024Q1.xlsx", total2024Q1, 13).Units[0]
	q2.Total = &snapAt(t, def, "2024Q2.xlsx", total2024Q2, 13).Units[0]
	return def, q1, q2
}

type onlineSnaps struct{ q1, q2 *snapshot.Snapshot }

func cellOf(v float64, cell string) snapshot.Value { return snapshot.Value{Num: v, Cell: cell} }
