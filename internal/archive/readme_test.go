package archive

import (
	"strings"
	"testing"
)

// FuzzIndexRoundTrip checks that every row renderIndex writes is read back
// by parseIndex as it was: Commit rebuilds README.md from its previous
// content, so a row lost here would vanish from the index for good.
func FuzzIndexRoundTrip(f *testing.F) {
	f.Add("hengyang-county", "关于2022年第三季度全县“互联网+监管”工作情况的通报", "衡县政务公开办〔2022〕3号", "县发改局已认领数更正")
	f.Add("r", `a|b\c[d]e`, `\|`, "line\nbreak")
	f.Add("r", "](x)", "[", `\`)
	f.Fuzz(func(t *testing.T, report, title, docNum, reason string) {
		for _, s := range []string{report, title, docNum, reason} {
			if strings.ContainsAny(s, "\r\x00") {
				return
			}
		}
		if validName("报告编号", report) != nil || strings.TrimSpace(report) != report || strings.ContainsAny(report, "|\\[]\n") {
			return
		}
		in := []indexRow{
			{Report: report, Period: "2022Q3", Version: 2, Date: "2022-11-04", DocNum: oneLine(docNum), Title: oneLine(title), Reason: oneLine(reason)},
			{Report: report, Period: "2022Q3", Version: 1, Date: "2022-11-04", DocNum: oneLine(docNum), Title: oneLine(title)},
		}
		out := parseIndex(renderIndex(append([]indexRow{}, in...)))
		if len(out) != len(in) {
			t.Fatalf("read back %d rows, want %d:\n%s", len(out), len(in), renderIndex(in))
		}
		for i := range in {
			if out[i] != in[i] {
				t.Errorf("row %d: got %+v, want %+v", i, out[i], in[i])
			}
		}
	})
}
