package gongwen

import "github.com/bulletin-gov/bulletin/internal/notice"

// RoleSigner is the 签发人 of a 上行文 in the 版头.
const RoleSigner Role = "signer"

// RoleDraftMark is the role of a draft's 送审稿 mark, which the pipeline
// adds to every page of a laid-out draft (outside the type area, in no
// paragraph).
const RoleDraftMark Role = "draft-mark"

// GB/T 9704-2012 §7.2.4: 上行文的发文字号居左空一字编排，与最后一个签发人姓名
// 处在同一行. §7.2.5 签发人: 由“签发人”三字加全角冒号和签发人姓名组成，居右空
// 一字，编排在发文机关标志下空二行位置；“签发人”三字用3号仿宋体字，签发人姓名
// 用3号楷体字.

// upwardNumber sets a 上行文's number line: the 发文字号 1 字 from the left,
// 签发人：name (name in 楷体) 1 字 from the right.
func (f *flow) upwardNumber(doc *notice.Document) (number, signer gline, err error) {
	us, err := naturalUnits(f.m, []span{{Body, doc.DocNumber}}, BodySizePt, "发文字号")
	if err != nil {
		return gline{}, gline{}, err
	}
	number = gline{items: place(us, TypeLeftMM+CharPitchMM, 0, false, BodySizePt, Black)}
	spans := []span{{Body, "签发人："}}
	if doc.Signer != "" {
		spans = append(spans, span{Kai, doc.Signer})
	}
	ss, err := naturalUnits(f.m, spans, BodySizePt, "签发人")
	if err != nil {
		return gline{}, gline{}, err
	}
	signer = gline{items: place(ss, TypeRightMM-CharPitchMM-width(ss), 0, false, BodySizePt, Black)}
	return number, signer, nil
}
