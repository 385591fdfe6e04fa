package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bundledfiles "github.com/bulletin-gov/bulletin/fonts"
)

// withFsType returns a copy of a TrueType font whose OS/2 fsType is fs.
func withFsType(t *testing.T, font []byte, fs uint16) []byte {
	t.Helper()
	out := append([]byte(nil), font...)
	n := int(binary.BigEndian.Uint16(out[4:]))
	for i := 0; i < n; i++ {
		rec := out[12+16*i:]
		if string(rec[:4]) == "OS/2" {
			binary.BigEndian.PutUint16(out[binary.BigEndian.Uint32(rec[8:])+8:], fs)
			return out
		}
	}
	t.Fatal("no OS/2 table")
	return nil
}

// TestOfficialFontFoundButUnusable: an office font that is there but
// cannot be embedded is reported as found, with the reason, not as 未找到
// (issue 12 item 7).
func TestOfficialFontFoundButUnusable(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("HOME", tmp) // no ~/.fonts of the machine's
	dir := filepath.Join(tmp, "fonts")
	files := map[string][]byte{
		"仿宋_GB2312.ttf":  withFsType(t, bundledfiles.File("body.ttf"), 2),
		"simhei.ttc":     append([]byte("ttcf\x00\x01\x00\x00"), make([]byte, 64)...),
		"方正小标宋简体.otf":    append([]byte("OTTO\x00\x0a"), make([]byte, 64)...),
		"sub/simkai.ttf": []byte("this is not a font"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(tmp, "out")
	r := bulletin(t, "run", "--report", sampleReport, "--snapshot", filepath.Join(sampleReport, "data", "2022Q3.xlsx"),
		"--period", "2022Q3", "--dry-run", "--out", out, "--archive", filepath.Join(tmp, "archive"),
		"--date", "2022-11-04", "--fonts", dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	all := r.stdout + r.stderr
	for _, want := range []string{
		"正文字体：找到 " + filepath.Join(dir, "仿宋_GB2312.ttf") + "，但该字体禁止嵌入（fsType=2），使用替代字体 Noto Serif SC Regular",
		"一级标题字体：找到 " + filepath.Join(dir, "simhei.ttc") + "，但它是字体集（.ttc），无法嵌入，请从中取出单个字体存为 .ttf，使用替代字体 Noto Sans SC Medium",
		"标题字体：找到 " + filepath.Join(dir, "方正小标宋简体.otf") + "，但它是 CFF 轮廓的 OpenType 字体（.otf），无法嵌入，请改用 TrueType（.ttf）字体，使用替代字体 Noto Serif SC Bold",
		"二级标题字体：找到 " + filepath.Join(dir, "sub", "simkai.ttf") + "，但文件已损坏或不是 TrueType 字体（",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("output does not say\n  %s\n---\n%s", want, all)
		}
	}
	if strings.Contains(all, "未找到") {
		t.Errorf("a font that was found is reported as 未找到:\n%s", all)
	}
	if _, err := os.Stat(filepath.Join(out, "notice.pdf")); err != nil {
		t.Errorf("the notice was not written with the stand-ins: %v", err)
	}
}
