package fonts

// Face is one of the four faces a notice uses (GB/T 9704 §7): the title's
// 小标宋, the body's 仿宋, the level-1 headings' 黑体, the level-2 headings'
// 楷体.
type Face string

// The four faces, named after the job each does in a notice.
const (
	Title Face = "title"
	Body  Face = "body"
	Hei   Face = "hei"
	Kai   Face = "kai"
)

// Faces lists the four faces in a fixed order.
var Faces = []Face{Title, Body, Hei, Kai}

// spec is one row of the face table: everything bulletin knows about a
// face, in one place.
type spec struct {
	job      string   // the face's job in a notice, for messages: 正文
	official string   // the face GB/T 9704 names: 仿宋_GB2312
	files    []string // file names the official face is installed under (any case)
	bundled  string   // the stand-in's file in the top-level fonts folder
	name     string   // the stand-in's full name (name ID 4)
	grid     bool     // set on the body's character grid (all but the title)
}

// table is the face table.
var table = map[Face]spec{
	Title: {"标题", "方正小标宋简体",
		[]string{"方正小标宋简体.ttf", "方正小标宋_GBK.ttf", "FZXBSJW.ttf", "FZXBSK.ttf", "FZXiaoBiaoSong-B05S.ttf"},
		"title.ttf", "Noto Serif SC Bold", false},
	Body: {"正文", "仿宋_GB2312",
		[]string{"仿宋_GB2312.ttf", "FangSong_GB2312.ttf", "simfang.ttf", "仿宋.ttf", "FangSong.ttf"},
		"body.ttf", "Noto Serif SC Regular", true},
	Hei: {"一级标题", "黑体",
		[]string{"simhei.ttf", "黑体.ttf", "SimHei.ttf"},
		"hei.ttf", "Noto Sans SC Medium", true},
	Kai: {"二级标题", "楷体_GB2312",
		[]string{"楷体_GB2312.ttf", "KaiTi_GB2312.ttf", "simkai.ttf", "楷体.ttf", "KaiTi.ttf"},
		"kai.ttf", "Bulletin WenKai GB", true},
}

// Job is the face's job in a notice, in Chinese (正文), for messages.
func (f Face) Job() string { return table[f].job }

// Official is the name of the face GB/T 9704 asks for (仿宋_GB2312).
func (f Face) Official() string { return table[f].official }

// StandIn is the full name of the bundled stand-in (Noto Serif SC Regular).
func (f Face) StandIn() string { return table[f].name }

// OnGrid reports whether the face is set on the body's character grid:
// every face but the title's.
func (f Face) OnGrid() bool { return table[f].grid }
