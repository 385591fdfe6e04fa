// Package notice fills a report's text template with the computed figures
// and reads the result into a Document: the 公文 elements of a notice
// (GB/T 9704-2012 §7), with no layout. It also writes a Document out as
// plain text (notice.txt), the form that is archived and diffed.
//
// Stage: metrics → notice → gongwen (layout). The lead's pipeline calls
//
//	doc, err := notice.Render(def, res, notice.Options{Date: issued, Seq: 12})
//	os.WriteFile("notice.txt", []byte(doc.Text()), 0o644)
//
// and bulletin check calls CheckWith(def, res, opts): every id and field the
// templates name is checked in every branch without running them, then
// they are rendered on the period's figures res exactly as a run would, or
// on sample data when there are none (Check), so that a misspelt
// indicator is found before any run.
//
// # Templates
//
// A template is a text/template file written the way the notice reads
// (docs/zh/templates.md is the user manual):
//
//	发文字号：{{.DocNumber}}
//	---
//	一、总体情况
//	全县目录清单梳理完成率{{total "ClaimRate"}}{{with change "ClaimRate"}}，{{.}}{{end}}。
//
// Lines before "---" are the front matter (发文机关标志, 发文字号, 标题, 主送,
// 署名, 成文日期, 附注, 抄送, 印发机关, 印发日期); anything left out comes from
// report.yaml. After it, every non-blank line is one paragraph, and its
// numbering gives its level: 一、 is Level 1, （一） Level 2, 1. Level 3,
// （1） Level 4 (see Block). A line starting 附件： names the attachments.
//
// The template sees a *Data (period names, the report's office and the
// metrics.Result) and the functions of funcs.go: Chinese wording (num,
// date, period, quarter, pct, names, grouped, bracket, …, all written by
// internal/wording, which rankings.xlsx uses too) and lookups in
// the figures (ind, total, change, units, groupBy, rank, …). Templates run
// with missingkey=error; every error is a *TemplateError naming the
// template file, line and column (in characters) in plain Chinese:
//
//	templates/tongbao.tmpl:14:7: 没有名为 ClaimRat 的指标; 可用: ClaimRate、…
//
// # Attachments
//
// report.yaml's attachments are ranking ids, worded into a Table from the
// metrics.Ranking in internal/wording's words (indicator precision, "/"
// when not applicable, 并列 for shared ranks, ↑2 ↓1 新增 — for rank
// changes, the same as rankings.xlsx), or a notice: another
// template rendered as its own Document and forwarded (转发通知), with its
// own issuer (front_matter) and its own attachments.
//
// # Glossary
//
//	发文机关标志 IssuerMark   发文字号 DocNumber   标题 Title
//	主送机关 Addressee       正文 Body            附件说明/附件 Attachments
//	署名 Signature           成文日期 Date        附注 Note
//	抄送 CC                  印发机关 Printer     印发日期 PrintDate
package notice
