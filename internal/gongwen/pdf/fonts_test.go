package pdf_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen/pdf"
	"github.com/bulletin-gov/bulletin/internal/notice"
)

func TestOfficialFonts(t *testing.T) {
	tests := []struct {
		name  string
		files map[string][]byte // in the font folder
		want  []string          // official faces still substituted
	}{
		{"none found", nil, []string{"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"}},
		{"simhei.ttf found", map[string][]byte{"simhei.ttf": fonts.Bundled(fonts.Hei)}, []string{"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"}},
		{"names match without case, in subfolders", map[string][]byte{"sub/SIMFANG.TTF": fonts.Bundled(fonts.Body)}, []string{"方正小标宋简体", "黑体", "楷体_GB2312"}},
		{"unusable file falls back", map[string][]byte{"simkai.ttf": []byte("not a font")}, []string{"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tt.files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r, err := pdf.NewRenderer(pdf.Options{FontDir: dir, NoSystemFonts: true})
			if err != nil {
				t.Fatal(err)
			}
			subs := r.Substitutes()
			if len(subs) != len(tt.want) {
				t.Fatalf("Substitutes() = %q, want one line for each of %q", subs, tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(subs[i], w) || !strings.Contains(subs[i], "替代") {
					t.Errorf("Substitutes()[%d] = %q, want it to name %s and its stand-in", i, subs[i], w)
				}
			}
		})
	}
}

func TestFontDirMissing(t *testing.T) {
	_, err := pdf.NewRenderer(pdf.Options{FontDir: filepath.Join(t.TempDir(), "nope"), NoSystemFonts: true})
	if err == nil || !strings.Contains(err.Error(), "字体目录") {
		t.Errorf("err = %v, want a message naming the font folder", err)
	}
}

func TestCharacterNoFaceHas(t *testing.T) {
	doc := &notice.Document{Title: "通知", Body: []notice.Block{{Text: "张\ue000同志"}}}
	_, err := testRenderer(t).Render(doc, created)
	if err == nil {
		t.Fatal("rendered a character no face has")
	}
	for _, want := range []string{"U+E000", "正文第1段"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
