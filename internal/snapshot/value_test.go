package snapshot_test

import (
	"math"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

func TestParseValue(t *testing.T) {
	na := snapshot.Value{NA: true}
	tests := []struct {
		name      string
		kind      report.ColumnKind
		text, raw string
		points    bool // header ends in (%)
		want      snapshot.Value
		msg       string // part of the expected message; "" for none
	}{
		{"rate as text", report.Rate, "99.81%", "", false, snapshot.Value{Num: 0.9981}, ""},
		{"rate 100%", report.Rate, "100%", "", false, snapshot.Value{Num: 1}, ""},
		{"rate zero written 0", report.Rate, "0", "", false, snapshot.Value{Num: 0}, ""},
		{"rate with stray space", report.Rate, "4. 04%", "", false, snapshot.Value{Num: 0.0404}, ""},
		{"rate full-width", report.Rate, "９９.８１％", "", false, snapshot.Value{Num: 0.9981}, ""},
		{"rate slash is NA", report.Rate, "/", "", false, na, ""},
		{"rate full-width slash is NA", report.Rate, "／", "", false, na, ""},
		{"rate dash is NA", report.Rate, "—", "", false, na, ""},
		{"rate hyphen is NA", report.Rate, "-", "", false, na, ""},
		{"rate empty is NA", report.Rate, "", "", false, na, ""},
		{"rate percent-formatted number", report.Rate, "99.81%", "0.9981", false, snapshot.Value{Num: 0.9981}, ""},
		{"rate 0% format keeps precision", report.Rate, "100%", "0.99996", false, snapshot.Value{Num: 0.99996}, ""},
		{"rate literal-% format is points", report.Rate, "23.20%", "23.2", false, snapshot.Value{Num: 0.232}, ""},
		{"rate plain fraction", report.Rate, "0.5", "", false, snapshot.Value{Num: 0.5}, ""},
		{"rate points under (%) header", report.Rate, "23.2", "", true, snapshot.Value{Num: 0.232}, ""},
		{"rate above 1 without %", report.Rate, "100", "", false, snapshot.Value{Num: 100}, "无法判断"},
		{"rate text", report.Rate, "较高", "", false, snapshot.Value{}, "应为百分数"},
		{"rate Inf", report.Rate, "Inf%", "", false, snapshot.Value{}, "应为百分数"},
		{"rate above 100% stated", report.Rate, "120%", "", false, snapshot.Value{Num: 1.2}, ""},
		{"count", report.Count, "182", "", false, snapshot.Value{Num: 182}, ""},
		{"count with separator", report.Count, "1,234", "", false, snapshot.Value{Num: 1234}, ""},
		{"count stored as float", report.Count, "7", "7.0000000000000009", false, snapshot.Value{Num: 7}, ""},
		{"count full-width", report.Count, "１８２", "", false, snapshot.Value{Num: 182}, ""},
		{"count slash is NA", report.Count, "/", "", false, na, ""},
		{"count empty is NA", report.Count, " ", "", false, na, ""},
		{"count negative", report.Count, "-1", "", false, snapshot.Value{Num: -1}, "负数"},
		{"count decimal", report.Count, "1.5", "", false, snapshot.Value{}, "不应有小数"},
		{"count text", report.Count, "四", "", false, snapshot.Value{}, "应为整数"},
		{"count hex refused", report.Count, "0x10", "", false, snapshot.Value{}, "应为整数"},
		{"count NaN refused", report.Count, "NaN", "", false, snapshot.Value{}, "应为整数"},
		{"count percent refused", report.Count, "5%", "", false, snapshot.Value{}, "应为整数"},
		{"Excel error value", report.Rate, "#DIV/0!", "", false, snapshot.Value{}, "Excel 错误值 #DIV/0!"},
		{"number negative", report.Number, "-2.5", "", false, snapshot.Value{Num: -2.5}, ""},
		{"number text", report.Number, "abc", "", false, snapshot.Value{}, "应为数字"},
		{"text kept", report.Text, " 县发改局 ", "", false, snapshot.Value{Text: "县发改局"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg := snapshot.ParseValue(tt.kind, tt.text, tt.raw, tt.points)
			if tt.msg == "" && msg != "" || !strings.Contains(msg, tt.msg) {
				t.Fatalf("message %q, want %q", msg, tt.msg)
			}
			if tt.msg != "" && tt.want == (snapshot.Value{}) {
				return
			}
			if got.NA != tt.want.NA || got.Text != tt.want.Text || math.Abs(got.Num-tt.want.Num) > 1e-15 {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestRatesExact checks that written percentages become the double
// nearest the fraction, so that 99.81% equals the literal 0.9981.
func TestRatesExact(t *testing.T) {
	for text, want := range map[string]float64{"99.81%": 0.9981, "23.20%": 0.2320, "0.51%": 0.0051, "55.56%": 0.5556, "7.94%": 0.0794} {
		if got, _ := snapshot.ParseValue(report.Rate, text, "", false); got.Num != want {
			t.Errorf("%s → %v, want %v", text, got.Num, want)
		}
	}
}

// FuzzParseValue checks that no text makes the value parser panic or give
// a number that is not finite, and that NA and a message never come
// together.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"99.81%", "100%", "0", "/", "—", "4. 04%", "９９.８１％", "1,234", "-1", "", "1e400%", "%", "0x1p3", "+.5", "1e-400"} {
		f.Add(s, "", false)
	}
	f.Add("100%", "0.99996", false)
	f.Add("23.2", "", true)
	f.Fuzz(func(t *testing.T, text, raw string, points bool) {
		for _, k := range []report.ColumnKind{report.Count, report.Number, report.Rate, report.Text} {
			v, msg := snapshot.ParseValue(k, text, raw, points)
			if math.IsNaN(v.Num) || math.IsInf(v.Num, 0) {
				t.Fatalf("%s %q/%q: not finite: %v", k, text, raw, v.Num)
			}
			if v.NA && msg != "" {
				t.Fatalf("%s %q: NA with message %q", k, text, msg)
			}
		}
	})
}
