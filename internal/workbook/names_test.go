package workbook

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/bulletin-gov/bulletin/internal/metrics"
)

func TestSheetNames(t *testing.T) {
	long := "衡阳县各单位“互联网+监管”工作进度统计表（含行政检查实施清单填报情况）"
	tests := []struct {
		name   string
		titles []string
		ids    []string
		want   []string
	}{
		{"title as is", []string{"衡阳县各单位监管行为覆盖率排名"}, []string{"coverage"}, []string{"衡阳县各单位监管行为覆盖率排名"}},
		{"forbidden characters dropped", []string{"覆盖率: 2022/Q3 [县直]*?\\"}, []string{"x"}, []string{"覆盖率 2022Q3 县直"}},
		{"cut to 31 characters", []string{long}, []string{"x"}, []string{string([]rune(long)[:31])}},
		{"apostrophes dropped", []string{"'排名' O'Neil"}, []string{"x"}, []string{"排名 ONeil"}},
		{"empty title uses the id", []string{""}, []string{"coverage"}, []string{"coverage"}},
		{"nothing usable", []string{"[]"}, []string{"/"}, []string{"排名1"}},
		{"duplicates numbered", []string{"排名", "排名", "排名"}, []string{"a", "b", "c"}, []string{"排名", "排名(2)", "排名(3)"}},
		{"duplicates differ in case only", []string{"Rank", "RANK"}, []string{"a", "b"}, []string{"Rank", "RANK(2)"}},
		{"long duplicates keep 31", []string{long, long}, []string{"a", "b"}, []string{string([]rune(long)[:31]), string([]rune(long)[:28]) + "(2)"}},
		{"reserved History", []string{"History"}, []string{"a"}, []string{"History(2)"}},
		{"astral characters count two", []string{strings.Repeat("𠀀", 20)}, []string{"a"}, []string{strings.Repeat("𠀀", 15)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rs []*metrics.Ranking
			for i, title := range tt.titles {
				rs = append(rs, &metrics.Ranking{ID: tt.ids[i], Title: title})
			}
			got := sheetNames(rs)
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("sheet %d = %q, want %q", i, got[i], tt.want[i])
				}
				if n := len(utf16.Encode([]rune(got[i]))); n > maxSheetName {
					t.Errorf("sheet %d is %d UTF-16 units long", i, n)
				}
			}
		})
	}
}
