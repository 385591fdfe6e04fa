package notice_test

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/templates"
)

// TestJointOffice: office.joint in report.yaml puts every organ in the
// 发文机关标志 and the 署名, one a line, the lead office first and the
// mark's 文件 last (联合行文, GB/T 9704 §7.2.3, §7.3.5.1).
func TestJointOffice(t *testing.T) {
	def := loadSample(t)
	def.Office = report.Office{Name: "衡阳县人民政府办公室", Mark: "衡阳县人民政府办公室文件", Joint: []string{"衡阳县财政局"}}
	doc, err := notice.Render(def, sampleResult(t, def, true), notice.Options{Templates: templates.FS, Date: issueDate, Seq: 12})
	if err != nil {
		t.Fatal(err)
	}
	if want := "衡阳县人民政府办公室\n衡阳县财政局\n文件"; doc.IssuerMark != want {
		t.Errorf("IssuerMark = %q, want %q", doc.IssuerMark, want)
	}
	if want := "衡阳县人民政府办公室\n衡阳县财政局"; doc.Signature != want {
		t.Errorf("Signature = %q, want %q", doc.Signature, want)
	}
}
