// Package fonts carries the free stand-in faces bulletin embeds for the four
// faces a notice (情况通报) uses under GB/T 9704-2012, for machines that do not
// have the office's official fonts.
//
// All four files are plain TrueType (glyf outlines), the only kind gofpdf, and so
// maroto v2.3.3, can embed. Each covers all 6763 GB2312 hanzi; see README.md in
// this directory for origins, licences, coverage and metrics.
package fonts

import _ "embed" // for the //go:embed directives below

// Role names one of the four faces a notice uses.
type Role string

// The four roles, named after the job each face does in a notice.
const (
	Title Role = "title" // document title: 方正小标宋简体
	Body  Role = "body"  // body text: 仿宋_GB2312
	Hei   Role = "hei"   // level-1 headings (一、): 黑体
	Kai   Role = "kai"   // level-2 headings ((一)): 楷体_GB2312
)

// Roles lists the roles in a fixed order.
var Roles = []Role{Title, Body, Hei, Kai}

var (
	//go:embed title.ttf
	titleTTF []byte
	//go:embed body.ttf
	bodyTTF []byte
	//go:embed hei.ttf
	heiTTF []byte
	//go:embed kai.ttf
	kaiTTF []byte
)

// Bundled returns the embedded TrueType bytes of the stand-in for role (no copy
// needed; callers must not modify). It returns nil for an unknown role.
func Bundled(r Role) []byte {
	switch r {
	case Title:
		return titleTTF
	case Body:
		return bodyTTF
	case Hei:
		return heiTTF
	case Kai:
		return kaiTTF
	}
	return nil
}

// BundledName returns the stand-in's face name, e.g. "Noto Serif SC Bold", for
// run output ("使用替代字体 …"). It is the font's own full name (name ID 4). It
// returns "" for an unknown role.
func BundledName(r Role) string {
	switch r {
	case Title:
		return "Noto Serif SC Bold"
	case Body:
		return "Noto Serif SC Regular"
	case Hei:
		return "Noto Sans SC Medium"
	case Kai:
		return "Bulletin WenKai GB"
	}
	return ""
}

// Official returns the name of the official face role stands in for, e.g.
// "仿宋_GB2312" for Body, for run output. It returns "" for an unknown role.
func Official(r Role) string {
	switch r {
	case Title:
		return "方正小标宋简体"
	case Body:
		return "仿宋_GB2312"
	case Hei:
		return "黑体"
	case Kai:
		return "楷体_GB2312"
	}
	return ""
}
