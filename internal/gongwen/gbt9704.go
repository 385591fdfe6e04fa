package gongwen

// Every number below comes from GB/T 9704-2012 《党政机关公文格式》 unless it
// says [derived] (arithmetic from the standard) or [practice] (common
// convention the standard leaves open). Clause numbers are the standard's.
// Lengths are millimetres, type sizes points.

// GB/T 9704-2012 §5.2.1 页边与版心尺寸: 公文用纸天头（上白边）为37 mm±1 mm，
// 公文用纸订口（左白边）为28 mm±1 mm，版心尺寸为156 mm×225 mm.
const (
	PageWidthMM  = 210.0 // A4 (§5.1)
	PageHeightMM = 297.0 // A4 (§5.1)

	TypeTopMM    = 37.0  // 天头
	TypeLeftMM   = 28.0  // 订口
	TypeWidthMM  = 156.0 // 版心宽
	TypeHeightMM = 225.0 // 版心高

	TypeRightMM  = TypeLeftMM + TypeWidthMM // 184 mm: right edge of the 版心 [derived]
	TypeBottomMM = TypeTopMM + TypeHeightMM // 262 mm: bottom edge of the 版心 [derived]
)

// GB/T 9704-2012 §5.2.2 字体和字号: 如无特殊说明，公文格式各要素一般用3号仿宋体字.
// §5.2.3 行数和字数: 一般每面排22行，每行排28个字，并撑满版心.
const (
	BodySizePt   = 16.0 // 3号
	CharsPerLine = 28
	LinesPerPage = 22

	// CharPitchMM is one 字, the grid's cell width: 156 mm / 28 ≈ 5.571 mm,
	// narrower than the 3号 em (5.644 mm), so glyphs are placed in cells
	// rather than advanced by their width [derived].
	CharPitchMM = TypeWidthMM / CharsPerLine
	// LinePitchMM is the grid's line height: 225 mm / 22 ≈ 10.227 mm [derived].
	LinePitchMM = TypeHeightMM / LinesPerPage
)

// GridEm is the grid cell in ems of the body size: 5.571 mm / 5.644 mm ≈
// 0.987 [derived]. gongwen/pdf gives full-width characters of the grid
// faces this advance in the fonts it embeds, so that a run of characters
// on the grid is one text run (as Word's grid narrows character spacing).
const GridEm = CharPitchMM / (BodySizePt * PtMM)

// GB/T 9704-2012 §7.2.3 发文机关标志: 上边缘至版心上边缘为35 mm，推荐使用小标宋体字，
// 颜色为红色，以醒目、美观、庄重为原则. The size is not fixed: it is the
// largest that fits the 版心 width, at most IssuerMarkMaxPt [practice].
const (
	IssuerMarkTopMM = 35.0
	IssuerMarkMaxPt = 42.0 // [practice] about 初号
)

// GB/T 9704-2012 §7.2.4 发文字号: 编排在发文机关标志下空二行位置，居中排布.
// §7.2.6 版头中的分隔线: 发文字号之下4 mm处居中印一条与版心等宽的红色分隔线.
const (
	DocNumberBlankLines = 2
	RedLineGapMM        = 4.0
	RedLineWidthMM      = 0.53 // 1.5 pt [practice]; the standard fixes no thickness
)

// GB/T 9704-2012 §7.3.1 标题: 一般用2号小标宋体字，编排于红色分隔线下空二行位置，
// 分一行或多行居中排布；回行时，要做到词意完整，排列对称，长短适宜，间距恰当，
// 标题排列应当使用梯形或菱形.
const (
	TitleSizePt      = 22.0 // 2号
	TitleBlankLines  = 2
	AddresseeBlank   = 1 // §7.3.2 主送机关: 编排于标题下空一行位置，居左顶格
	ParagraphIndent  = 2 // §7.3.3 正文: 每个自然段左空二字，回行顶格
	AttachmentsBlank = 1 // §7.3.4 附件说明: 在正文下空一行左空二字编排
)

// GB/T 9704-2012 §7.3.5.1 加盖印章的公文: 成文日期一般右空四字编排，印章用红色，
// 不得出现空白印章；单一机关行文时，一般在成文日期之上、以成文日期为准居中编排
// 发文机关署名，印章端正、居中下压发文机关署名和成文日期，使发文机关署名和成文日期
// 居印章中心偏下位置，印章顶端应当上距正文（或附件说明）一行之内.
// §7.3.5.3: 当公文排版后所剩空白处不能容下印章或签发人签名章、成文日期时，可以采取
// 调整行距、字距的措施解决 — we carry body lines over instead, never the
// signature alone.
const (
	DateRightIndent = 4 // 字
	// SignatureBlankLines is the space left for the seal (about 42 mm across)
	// between the last body line and the 署名, so that the seal's top is
	// within a line of the body and its centre above the 署名 [practice].
	SignatureBlankLines = 2
	// SignatureKeepLines is how many lines of the body are carried to a new
	// page with the signature when the signature does not fit [practice].
	SignatureKeepLines = 2
	// SealSizeMM is the side of the seal's place (Meta.Seal): an office
	// seal is 42 mm across [practice].
	SealSizeMM = 42.0
)

// GB/T 9704-2012 §7.3.5.3 附注: 居左空二字加圆括号编排在成文日期下一行.
const NoteIndent = 2

// GB/T 9704-2012 §7.3.6 附件: 另面编排，并在版记之前，与公文正文一起装订. “附件”二字及
// 附件顺序号用3号黑体字顶格编排在版心左上角第一行. 附件标题居中编排在版心第三行.
const (
	AttachmentLabelLine = 0 // first line, 0-based
	AttachmentTitleLine = 2 // third line, 0-based
)

// GB/T 9704-2012 §7.4.1 版记中的分隔线: 与版心等宽，首条分隔线和末条分隔线用粗线（推荐
// 高度为0.35 mm），中间的分隔线用细线（推荐高度为0.25 mm）. 首条分隔线位于版记中第一个
// 要素之上，末条分隔线与公文最后一面的版心下边缘重合.
// §7.4.2 抄送机关: 一般用4号仿宋体字，在印发机关和印发日期之上一行、左右各空一字编排.
// §7.4.3 印发机关和印发日期: 一般用4号仿宋体字，编排在末条分隔线之上，印发机关左空一字，
// 印发日期右空一字. §9 公文的版记应置于最后一面（偶数页）.
const (
	ColophonThickMM  = 0.35
	ColophonThinMM   = 0.25
	ColophonSizePt   = 14.0 // 4号
	ColophonIndent   = 1    // 字
	ColophonLinePtMM = 7.0  // height of one 版记 line [practice]
)

// GB/T 9704-2012 §7.5 页码: 一般用4号半角宋体阿拉伯数字，编排在公文版心下边缘之下，
// 数字左右各放一条一字线；一字线上距版心下边缘7 mm. 单页码居右空一字，双页码居左空一字.
// 公文的版记页前有空白页的，空白页和版记页均不编排页码. 公文的附件与正文一起装订时，
// 页码应当连续编排.
const (
	PageNumberSizePt = 14.0 // 4号
	PageNumberGapMM  = 7.0
	PageNumberIndent = 1 // 字
)

// GB/T 9704-2012 §8 页码的编排: 表格横排时，A4纸型的表头在订口一边，页码位置与公文其他页码
// 保持一致，单页码表头在订口一边，双页码表头在切口一边. Table typography is not fixed:
// 4号 or smaller, 黑体 header, full grid [practice].
const (
	TableSizePt      = 12.0 // 小4号 [practice]
	TableHeaderPt    = 12.0 // [practice]
	TableCellPadMM   = 1.0  // inner padding left/right [practice]
	TableLineLeading = 1.25 // line height / type size inside cells [practice]
	TableRuleMM      = 0.25 // [practice]
	TableFrameMM     = 0.5  // outer frame [practice]
)

// PtMM is one PostScript point in millimetres.
const PtMM = 25.4 / 72

// emMM returns the em of a type size in millimetres.
func emMM(sizePt float64) float64 { return sizePt * PtMM }
