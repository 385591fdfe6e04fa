// Package gongwen lays out a notice.Document as GB/T 9704-2012 pages. It
// decides every position and draws nothing: exporters turn the laid-out
// Document into a file. Stage: notice → gongwen → gongwen/pdf (and
// gongwen/docx, later OFD).
//
// # The exporter seam
//
// Lay returns a Document: the Pages (Text runs and Rules placed in
// millimetres) and Meta (title, issuing organs, 发文字号, 成文日期, each
// attachment with the page it starts on, the tables whole, the seal's
// box). An exporter reads only that, never the notice: gongwen/pdf does
// not import notice, and a new exporter needs no change here.
//
// A fixed-layout exporter draws the items. A flowing one (.docx) rebuilds
// the document from them: every Text has a Role (发文机关标志, 发文字号, 标题,
// 主送, 正文, heading level 1–4, 附件说明, 署名, 成文日期, 附注, attachment label
// and title, table header and cell, the 版记's 抄送, 印发机关 and 印发日期,
// 页码), the number of the paragraph it belongs to (Para, in reading order)
// and whether it ends it (End); a table cell's runs carry its CellRef, and
// Meta.Tables keeps each table's rows, header rows (with spans), column
// widths and alignments and its orientation (Landscape: turned 90°, §8).
// Rules carry a Role too (red line, table rules, 版记 rules). Layout is Lay
// without the metadata. docs/layout.md describes the seam for exporter
// writers.
//
// # What it does
//
// Layout sets, in order: the 版头 (red 发文机关标志 35 mm below the top of
// the 版心, 发文字号 two lines below it, the red line 4 mm under that); the
// 标题 in 2号, broken into balanced lines at word boundaries; the 主送机关;
// the 正文 on the line grid; the 附件说明; the 署名 and 成文日期 placed for
// a seal; the 附注; each 附件 from a new page (a forwarded notice set like
// the body, a ranking table with its header repeated on every page, turned
// 90° when it is too wide for the page, §8); the 版记 at the foot of an
// even last page; the 页码.
//
// # The grid
//
// The 版心 is 156 × 225 mm and holds 22 lines of 28 characters (§5.2.3).
// 28 characters of 3号 (16 pt, 5.644 mm) are wider than 156 mm, so
// characters are not advanced by their width: each full-width character is
// centred in a cell of 156/28 ≈ 5.571 mm, and lines are 225/22 ≈ 10.227 mm
// apart, as Word's document grid does. Runs of half-width characters
// (digits, Latin letters, %) are set at their natural advance, so 2022 is
// not spread over four cells; a full line is justified by spreading what
// is left over its gaps. Line breaking (linebreak.go) follows 避头尾 and
// keeps a number with its unit; full-width punctuation is compressed
// (标点挤压, compress.go) so that adjacent marks close up and a line keeps a
// mark rather than being stretched. Joint issuers (联合行文) are in
// joint.go.
//
// # Glossary
//
//	版心 TypeArea     the 156 × 225 mm text block
//	版头 letterhead   issuer mark, document number, red line
//	发文机关标志       IssuerMark, in red
//	发文字号           DocNumber, 衡县优化办〔2022〕12号
//	主送机关           Addressee
//	附件说明           the list of attachments under the body
//	署名 / 成文日期    Signature / IssueDate (notice.Document.Date)
//	附注               Note
//	版记 colophon     抄送, 印发机关 and 印发日期 between rules
//	页码               page number “— N —”
//	字                 one character: the unit of every indent
//
// All constants from the standard are in gbt9704.go with their clauses.
//
// # Fonts
//
// Layout measures text through Metrics (advance widths per face);
// Measure makes it from an internal/fonts Set, setting the grid faces'
// full-width characters on the grid cell; Face is fonts.Face. A character missing
// from a face is set in the first other face that has it; a character no
// face has is a *MissingGlyphError naming it and the element it is in.
package gongwen
