// Package docx writes a notice as an editable Word document (notice.docx)
// laid out the way an office's 公文 template in Word or WPS is: A4 with the
// GB/T 9704 版心 (156 × 225 mm, top 37 mm, left 28 mm), a document grid of
// 22 lines × 28 characters, 标点挤压, paragraph styles named as offices name
// them (正文, 标题, 一级标题, …) in the official faces, odd and even page
// number footers, a landscape section for a wide table and the 版记 at the
// foot of the last page. Paragraphs keep exactly to the grid's lines but
// are not snapped to its character cells (LibreOffice rounds runs of digits
// up to whole cells); 3号 condensed by a quarter point fills a line with 28
// characters all the same. docs/docx.md says what was checked, and how,
// without Word or WPS.
//
// Stage: notice → gongwen (layout) → docx, beside gongwen/pdf.
//
// The core (model.go, body.go, styles.go, table.go, package.go) takes its
// own small input model: sections of paragraphs with roles, tables, the
// 版记. adapter.go, the only file that knows gongwen's types, builds it
// from the laid-out gongwen.Document the PDF is drawn from: paragraphs
// from the runs (role, paragraph, end: the text of notice.txt), tables
// whole from the metadata, and from the pages the geometry the layout
// decided (the letterhead, titles' line breaks, blank lines, the
// signature's place, the 附件说明's indents, where the 版记 went).
//
// The WordprocessingML is written by hand (encoding/xml for escaping and,
// in the tests, for reading it back): the parts needed are few, and the
// output must be byte-identical for identical inputs, so the zip entries
// carry a fixed time.
package docx
