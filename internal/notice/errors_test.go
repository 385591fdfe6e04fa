package notice_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bulletin-gov/bulletin/internal/notice"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
	"github.com/bulletin-gov/bulletin/templates"
)

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name string
		tmpl string
		// want is the message after "<dir>/t.tmpl"; contains must also appear.
		want, contains string
	}{
		{"misspelt indicator, column in characters", "标题：x\n---\n一、总体情况\n完成率{{total \"ClaimRat\"}}。\n",
			":4:6: 没有名为 ClaimRat 的指标; 可用: ClaimRate、Claimable、", ""},
		{"misspelt field", "---\n{{.Perod.Label}}\n",
			":2:3: 没有名为 Perod 的字段; 可用: ", "Period、Prev、HasPrev"},
		{"misspelt field of an indicator", "---\n{{(ind \"ClaimRate\").Totl}}\n",
			":2:20: 没有名为 Totl 的字段; 可用: ", "PrevTotal"},
		{"unknown function", "---\n甲\n{{totl \"ClaimRate\"}}\n",
			":3:3: 没有名为 totl 的函数; 可用: ", "total"},
		{"unknown ranking", "---\n{{rank \"coverag\" \"县教育局\"}}\n",
			":2:3: 没有名为 coverag 的排名表; 可用: progress、coverage", ""},
		{"unknown unit", "---\n{{value \"Activity\" \"县教育\"}}\n",
			":2:3: 没有名为 县教育 的单位; 可用: 县发改局、县教育局", ""},
		{"bad comparison", "---\n{{units \"Activity\" \"over\" 0.5}}\n",
			":2:3: 比较方式 \"over\" 不对", ""},
		{"unknown front-matter item", "发文机关：甲\n发文号：乙\n---\n正文\n",
			":2:1: 文头没有“发文号”这一项; 可用: 发文机关标志、发文字号", ""},
		{"front matter without colon", "发文字号 乙\n---\n正文\n",
			":1:1: 文头应为“项目：内容”", ""},
		{"bad date", "成文日期：2022年11月\n---\n正文\n",
			": 文头“成文日期”: 日期 \"2022年11月\" 格式不对", ""},
		{"attachment count", "---\n正文\n附件：1. 甲表\n",
			":3: 附件说明列出1项，但 report.yaml 的 attachments 有2项", ""},
		{"body after attachments", "---\n正文\n附件：1. 甲表\n2. 乙表\n此后又有正文。\n",
			":0: 附件说明之后不能再有正文", ""},
		{"unclosed action", "---\n{{if .HasPrev}}甲\n",
			":3: 模板在此结束，但还有 {{if}}、{{range}} 或 {{with}} 没有对应的 {{end}}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := loadSample(t)
			_, err := renderLocal(t, def, sampleResult(t, def, true), tt.tmpl)
			if err == nil {
				t.Fatal("no error")
			}
			var te *notice.TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("%v: not a *TemplateError", err)
			}
			file := filepath.Join(def.Dir, "t.tmpl")
			msg := err.Error()
			if !strings.HasPrefix(msg, file) {
				t.Errorf("error does not name the file %s: %s", file, msg)
			}
			got := strings.TrimPrefix(msg, file)
			if tt.want == ":0: 附件说明之后不能再有正文" {
				// Body lines made by the template are placed on its source
				// line when it can be found; here it cannot.
				tt.want = ":5:1: 附件说明之后不能再有正文"
			}
			if !strings.HasPrefix(got, tt.want) || !strings.Contains(got, tt.contains) {
				t.Errorf("error\n got %s\nwant %s…%s", got, tt.want, tt.contains)
			}
		})
	}
}

func TestBundledTemplateErrorNamesTemplatesFolder(t *testing.T) {
	def := loadSample(t)
	def.Template = "quarterly.tmpl"
	fsys := fstest.MapFS{"quarterly.tmpl": {Data: []byte("---\n一、总体情况\n全县{{total \"ClaimRat\"}}\n")}}
	_, err := notice.Render(def, sampleResult(t, def, true), notice.Options{Templates: fsys, Date: issueDate})
	want := "templates/quarterly.tmpl:3:5: 没有名为 ClaimRat 的指标; 可用: ClaimRate、"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v\nwant %s…", err, want)
	}
}

func TestReportErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*report.Definition)
		want   string
	}{
		{"missing template", func(d *report.Definition) { d.Template = "nosuch.tmpl" },
			"找不到模板 nosuch.tmpl：报告文件夹中没有，内置模板有 tongbao.tmpl、zhuanfa.tmpl"},
		{"title", func(d *report.Definition) { d.Title = "关于{{.Period.Lable}}的通报" },
			"report.yaml: title: 没有名为 Lable 的字段; 可用: Kind、Year、Quarter、Month、Half、Day、Label、Name、Ordinal"},
		{"unknown ranking attachment", func(d *report.Definition) { d.Attachments = []report.AttachmentRef{{Ranking: "nosuch"}} },
			"report.yaml: 第 133 行第 1 个附件: 没有名为 nosuch 的排名表; 可用: progress、coverage"},
		{"forwarding without a forwarded notice", func(d *report.Definition) { d.Template = "zhuanfa.tmpl" },
			"没有转发的文件：report.yaml 的 attachments 中应有一项 notice"},
		{"unknown front_matter key", func(d *report.Definition) {
			d.Attachments = []report.AttachmentRef{{Notice: "tongbao.tmpl", FrontMatter: map[string]string{"密级": "秘密"}}}
		}, "front_matter 没有“密级”这一项"},
		{"forwarding itself", func(d *report.Definition) {
			d.Template = "zhuanfa.tmpl"
			d.Attachments = []report.AttachmentRef{{Notice: "zhuanfa.tmpl"}}
		}, "没有转发的文件"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := loadSample(t)
			tt.change(def)
			_, err := notice.Render(def, sampleResult(t, def, true), notice.Options{Date: issueDate})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant …%s", err, tt.want)
			}
		})
	}
}

func TestForwardedNotice(t *testing.T) {
	def := forwardDef(t)
	delete(def.Attachments[0].FrontMatter, "发文字号")
	doc, err := notice.Render(def, sampleResult(t, def, true), notice.Options{Date: issueDate, Seq: 5})
	if err != nil {
		t.Fatal(err)
	}
	fwd := doc.Attachments[0].Notice
	if fwd == nil {
		t.Fatal("no forwarded notice")
	}
	if doc.DocNumber != "衡县营商办〔2022〕5号" || fwd.DocNumber != "" {
		t.Errorf("doc numbers: outer %q, forwarded %q (want none rather than the forwarding office's)", doc.DocNumber, fwd.DocNumber)
	}
	if fwd.Signature != "衡阳县政务公开政务服务领导小组办公室" || wording.Date(fwd.Date) != "2022年10月18日" {
		t.Errorf("forwarded issuer %q on %s", fwd.Signature, wording.Date(fwd.Date))
	}
	if len(fwd.CC) != 0 || fwd.Printer != "" || len(doc.CC) != 2 {
		t.Errorf("版记 belongs to the forwarding notice only: outer %v, forwarded %v %q", doc.CC, fwd.CC, fwd.Printer)
	}
	if len(fwd.Attachments) != 2 || fwd.Attachments[1].Table == nil {
		t.Errorf("forwarded notice's tables: %+v", fwd.Attachments)
	}
	want := "关于转发《衡阳县政务公开政务服务领导小组办公室关于2022年第三季度全县“互联网+监管”工作情况的通报》的通知"
	if doc.Title != want {
		t.Errorf("title %s", doc.Title)
	}
	if !strings.Contains(fwd.Body[0].Text, "衡阳县政务公开政务服务领导小组办公室组织开展了") {
		t.Errorf("forwarded body speaks as %q", fwd.Body[0].Text)
	}
}

func TestCheck(t *testing.T) {
	t.Run("bundled sample", func(t *testing.T) {
		if err := notice.Check(loadSample(t), notice.Options{Templates: templates.FS, Date: issueDate}); err != nil {
			t.Error(err)
		}
	})
	t.Run("forwarding notice", func(t *testing.T) {
		if err := notice.Check(forwardDef(t), notice.Options{Date: issueDate}); err != nil {
			t.Error(err)
		}
	})
	t.Run("misspelt indicator in a branch the sample does not take", func(t *testing.T) {
		// The sample's pending count is 0, so a real run never reaches
		// this line; Check's representative results do.
		def := loadSample(t)
		dir := t.TempDir()
		tmpl := "---\n{{if gt (ind \"Pending\").Total.V 0.0}}待完善{{total \"Pendng\"}}项。{{end}}\n"
		if err := os.WriteFile(filepath.Join(dir, "t.tmpl"), []byte(tmpl), 0o644); err != nil {
			t.Fatal(err)
		}
		def.Dir, def.Template = dir, "t.tmpl"
		if _, err := notice.Render(def, sampleResult(t, def, true), notice.Options{Date: issueDate}); err != nil {
			t.Fatalf("the sample run itself should not reach the line: %v", err)
		}
		err := notice.Check(def, notice.Options{Date: issueDate})
		want := filepath.Join(dir, "t.tmpl") + ":2:43: 没有名为 Pendng 的指标; 可用: "
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("got %v\nwant %s…", err, want)
		}
	})
	t.Run("every misspelt id at once, each once", func(t *testing.T) {
		def := loadSample(t)
		dir := t.TempDir()
		tmpl := "---\n全县{{total \"ClaimRat\"}}。\n{{if .HasPrev}}{{change \"Coverage\"}}{{else}}{{rank \"coverag\" \"县教育局\"}}{{end}}\n" +
			"{{define \"x\"}}{{(ind \"Actvity\").Name}}{{end}}\n"
		if err := os.WriteFile(filepath.Join(dir, "t.tmpl"), []byte(tmpl), 0o644); err != nil {
			t.Fatal(err)
		}
		def.Dir, def.Template = dir, "t.tmpl"
		err := notice.Check(def, notice.Options{Date: issueDate})
		if err == nil {
			t.Fatal("no error")
		}
		file := filepath.Join(dir, "t.tmpl")
		want := []string{
			file + ":2:5: 没有名为 ClaimRat 的指标; 可用: ClaimRate、",
			file + ":3:18: 没有名为 Coverage 的指标; 可用: ",
			file + ":3:47: 没有名为 coverag 的排名表; 可用: progress、coverage",
			file + ":4:18: 没有名为 Actvity 的指标; 可用: ",
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(want) {
			t.Fatalf("got %d problems, want %d:\n%v", len(lines), len(want), err)
		}
		for i, w := range want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("problem %d:\n got %s\nwant %s…", i+1, lines[i], w)
			}
		}
	})
	t.Run("every bundled template on the sample definition", func(t *testing.T) {
		names, _ := templatesGlob()
		for _, n := range names {
			def := loadSample(t)
			def.Template = n
			if n == "zhuanfa.tmpl" {
				def = forwardDef(t)
			}
			if err := notice.Check(def, notice.Options{Date: issueDate}); err != nil {
				t.Errorf("%s: %v", n, err)
			}
		}
	})
}

func templatesGlob() ([]string, error) {
	var names []string
	entries, err := templates.FS.ReadDir(".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmpl") {
			names = append(names, e.Name())
		}
	}
	return names, err
}
