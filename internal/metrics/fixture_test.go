package metrics_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	fixture "github.com/bulletin-gov/bulletin/internal/sample"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// The sample's 2022Q3 and 2022Q2 figures come as text from the shared
// fixture (internal/sample), so that these tests do not depend on the
// snapshot importer.

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
	return def, snap(t, def, "2022Q3.xlsx", fixture.Q3), snap(t, def, "2022Q2.xlsx", fixture.Q2)
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
