package report_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// The monthly sample's two datasets: each view has its own source and
// columns and only its own indicators and rankings; scoring is the first's.
func TestDatasetViews(t *testing.T) {
	def, err := report.Load(filepath.Join("..", "..", "reports", "monthly-supervision"))
	if err != nil {
		t.Fatal(err)
	}
	if def.Kind() != report.Month || strings.Join(def.DatasetIDs(), ",") != "dept,city" {
		t.Fatalf("kind %v datasets %v", def.Kind(), def.DatasetIDs())
	}
	dept, city := def.Dataset(""), def.Dataset("city")
	if dept == nil || city == nil || def.Dataset("town") != nil {
		t.Fatal("Dataset lookups")
	}
	if dept.UnitColumn.Header != "部门名称" || city.UnitColumn.Header != "县市区" || city.Source.Sheet != "考核情况" {
		t.Errorf("views: %q %q %q", dept.UnitColumn.Header, city.UnitColumn.Header, city.Source.Sheet)
	}
	if dept.Scoring == nil || city.Scoring != nil {
		t.Error("scoring belongs to the first dataset")
	}
	if dept.Indicator("CityScore") != nil || city.Indicator("CityScore") == nil || city.Indicator("Coverage") != nil {
		t.Error("indicators are scoped to their dataset")
	}
	if city.Ranking("city") == nil || dept.Ranking("city") != nil || len(dept.Rankings) != 2 {
		t.Error("rankings are scoped to their dataset")
	}
	if def.Alias("经开区") != "示例经开区" || def.Alias("甲区") != "甲区" {
		t.Error("Alias")
	}
	// A report without datasets is its own only dataset.
	plain, err := report.Load(filepath.Join("..", "..", "reports", "hengyang-county"))
	if err != nil {
		t.Fatal(err)
	}
	if plain.Dataset("") != plain || len(plain.DatasetIDs()) != 1 || plain.HasDatasets() {
		t.Error("a report without datasets")
	}
}

func TestDatasetMistakes(t *testing.T) {
	_, err := report.Load(write(t, `office: {name: 县政务公开办}
title: t
template: t.tmpl
unit_column: 单位
datasets:
  - {id: a, unit_column: 单位, source: {file: a.xlsx}, columns: [{id: x, header: X}]}
  - {id: a, source: {file: b.xlsx}}
indicators:
  - {id: X, name: X, column: x, dataset: b}
  - {id: Y, name: Y, column: y}
`))
	for _, want := range []string{
		"写了 datasets 时，source、unit_column 和 columns 应写在每个数据集之下",
		"第 7 行的数据集 a 的 id 重复",
		"第 7 行的数据集 a 缺少 unit_column",
		`的 dataset 不在 datasets 中（可用：a、a）（实际为 "b"）`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	_, err = report.Load(write(t, minimal+"indicators: [{id: X, name: X, column: x, dataset: b}]\nsource: {file: a.xlsx, as_of_cell: A1}\n"))
	for _, want := range []string{"写了 dataset，但 report.yaml 没有 datasets", "source.as_of_cell 只用于 period: asof"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
