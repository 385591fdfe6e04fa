package workbook_test

import (
	"fmt"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/workbook"
)

// bigResult is the sample's two rankings with n synthetic units (a
// province's departments): the 2022Q3 figures repeated, every tenth unit
// with a name long enough to wrap.
func bigResult(t testing.TB, def *report.Definition, n int) *metrics.Result {
	res := sampleResult(t, def)
	for _, r := range res.Rankings {
		rows := make([]metrics.RankRow, n)
		for i := range rows {
			rows[i] = r.Rows[i%len(r.Rows)]
			rows[i].Cells = append([]metrics.Value(nil), rows[i].Cells...)
			rows[i].Rank = i + 1
			rows[i].Tied = false
			rows[i].Unit = fmt.Sprintf("第%04d号%s", i+1, rows[i].Unit)
			if i%10 == 9 {
				rows[i].Unit += "（行政审批服务和政务数据管理局驻市民中心窗口）"
			}
		}
		r.Rows = rows
	}
	return res
}

// BenchmarkBytes5000 writes both sample rankings with 5,000 units each
// (10,000 rows, 130,000 cells).
func BenchmarkBytes5000(b *testing.B) {
	def := sampleDef(b)
	res := bigResult(b, def, 5000)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		out, err := workbook.Bytes(def, res)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "xlsx-bytes")
}
