package notice_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/notice"
)

// BenchmarkRender renders the bundled 情况通报 with its two ranking tables
// on the sample (23 units, 18 indicators).
func BenchmarkRender(b *testing.B) {
	def := loadSample(b)
	res := sampleResult(b, def, true)
	opts := notice.Options{Date: issueDate, Seq: 12}
	for b.Loop() {
		if _, err := notice.Render(def, res, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is what bulletin check spends on the templates.
func BenchmarkCheck(b *testing.B) {
	def := loadSample(b)
	opts := notice.Options{Date: issueDate}
	for b.Loop() {
		if err := notice.Check(def, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkText(b *testing.B) {
	def := loadSample(b)
	doc, err := notice.Render(def, sampleResult(b, def, true), notice.Options{Date: issueDate})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = doc.Text()
	}
}
