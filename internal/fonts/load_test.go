package fonts_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bundledfiles "github.com/bulletin-gov/bulletin/fonts"
	"github.com/bulletin-gov/bulletin/internal/fonts"
)

// WithFsType returns a copy of a TrueType font whose OS/2 fsType is fs.
func WithFsType(t testing.TB, font []byte, fs uint16) []byte {
	t.Helper()
	out := append([]byte(nil), font...)
	n := int(binary.BigEndian.Uint16(out[4:]))
	for i := 0; i < n; i++ {
		rec := out[12+16*i:]
		if string(rec[:4]) == "OS/2" {
			off := binary.BigEndian.Uint32(rec[8:])
			binary.BigEndian.PutUint16(out[off+8:], fs)
			return out
		}
	}
	t.Fatal("no OS/2 table")
	return nil
}

func TestLoad(t *testing.T) {
	hei := bundledfiles.File("hei.ttf")
	tests := []struct {
		name  string
		files map[string][]byte // in the font folder
		want  []string          // Substitutes, in part
	}{
		{"none found", nil, []string{
			"标题字体：未找到方正小标宋简体，使用替代字体 Noto Serif SC Bold",
			"正文字体：未找到仿宋_GB2312，使用替代字体 Noto Serif SC Regular",
			"一级标题字体：未找到黑体，使用替代字体 Noto Sans SC Medium",
			"二级标题字体：未找到楷体_GB2312，使用替代字体 Bulletin WenKai GB"}},
		{"simhei.ttf found", map[string][]byte{"simhei.ttf": hei}, []string{"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"}},
		{"names match without case, in subfolders", map[string][]byte{"sub/SIMFANG.TTF": bundledfiles.File("body.ttf")}, []string{"方正小标宋简体", "黑体", "楷体_GB2312"}},
		{"a broken file", map[string][]byte{"simkai.ttf": []byte("not a font")}, []string{
			"方正小标宋简体", "仿宋_GB2312", "黑体",
			"二级标题字体：找到 DIR/simkai.ttf，但文件已损坏或不是 TrueType 字体（文件太短），使用替代字体 Bulletin WenKai GB"}},
		{"fsType forbids embedding", map[string][]byte{"仿宋_GB2312.ttf": WithFsType(t, hei, 2)}, []string{
			"方正小标宋简体",
			"正文字体：找到 DIR/仿宋_GB2312.ttf，但该字体禁止嵌入（fsType=2），使用替代字体 Noto Serif SC Regular",
			"黑体", "楷体_GB2312"}},
		{"a collection", map[string][]byte{"simhei.ttc": append([]byte("ttcf"), make([]byte, 64)...)}, []string{
			"方正小标宋简体", "仿宋_GB2312",
			"一级标题字体：找到 DIR/simhei.ttc，但它是字体集（.ttc），无法嵌入",
			"楷体_GB2312"}},
		{"a CFF OpenType font", map[string][]byte{"方正小标宋简体.otf": append([]byte("OTTO"), make([]byte, 64)...)}, []string{
			"标题字体：找到 DIR/方正小标宋简体.otf，但它是 CFF 轮廓的 OpenType 字体（.otf），无法嵌入",
			"仿宋_GB2312", "黑体", "楷体_GB2312"}},
		{"a usable .ttf wins over an unusable .ttc", map[string][]byte{"simhei.ttc": []byte("ttcf"), "simhei.ttf": hei}, []string{"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"}},
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
			s, err := fonts.Load(fonts.Options{Dir: dir, NoSystemFonts: true})
			if err != nil {
				t.Fatal(err)
			}
			subs := s.Substitutes()
			if len(subs) != len(tt.want) {
				t.Fatalf("Substitutes() = %q, want one line for each of %q", subs, tt.want)
			}
			for i, w := range tt.want {
				w = strings.ReplaceAll(w, "DIR", dir)
				if !strings.Contains(subs[i], w) || !strings.Contains(subs[i], "替代") {
					t.Errorf("Substitutes()[%d] = %q, want it to say %q", i, subs[i], w)
				}
			}
		})
	}
}

func TestLoadDirMissing(t *testing.T) {
	_, err := fonts.Load(fonts.Options{Dir: filepath.Join(t.TempDir(), "nope"), NoSystemFonts: true})
	if err == nil || !strings.Contains(err.Error(), "字体目录") {
		t.Errorf("err = %v, want a message naming the font folder", err)
	}
}

func TestLoadReadsEnvDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "simhei.ttf"), bundledfiles.File("hei.ttf"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(fonts.EnvDir, dir)
	s, err := fonts.Load(fonts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Official(fonts.Hei) {
		t.Errorf("$%s=%s holds simhei.ttf, but 黑体 is drawn with %s", fonts.EnvDir, dir, s.Files()[fonts.Hei])
	}
}
