package archive

import (
	"sort"
	"strconv"
	"strings"
)

// The root README.md is an index table of every issuance, newest period
// first within each report, so that browsing the repository on a git
// server already answers "what did we send, when". Commit reads the
// previous README's table back and adds one row; the file is the program's
// own, and hand edits outside the table are not kept.

const readmeHead = `# 通报档案

本仓库由 bulletin 自动维护：每印发（或导入）一期通报就新增一个提交和一个标签
` + "`<报告>/<期间>/v<版本>`" + `。各期文件夹中是该期的最新版本；早期版本见对应标签，
例如 ` + "`git show hengyang-county/2022Q3/v1:hengyang-county/2022Q3/notice.txt`" + `。请勿手工修改本仓库。

| 报告 | 期间 | 版本 | 成文日期 | 发文字号 | 标题 | 原因 |
|---|---|---|---|---|---|---|
`

type indexRow struct {
	Report, Period string
	Version        int
	Date, DocNum   string
	Title, Reason  string
}

func rowOf(m Manifest) indexRow {
	r := indexRow{Report: m.Report, Period: m.Period.String(), Version: m.Version,
		DocNum: oneLine(m.DocNumber), Title: oneLine(m.Title), Reason: oneLine(m.Reason)}
	if !m.Issued.IsZero() {
		r.Date = m.Issued.Format("2006-01-02")
	}
	if m.Imported && r.Title == "" {
		r.Title = "历史数据导入（无通报）"
	}
	return r
}

func renderIndex(rows []indexRow) []byte {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Report != b.Report {
			return a.Report < b.Report
		}
		if a.Period != b.Period {
			return a.Period > b.Period
		}
		return a.Version > b.Version
	})
	var b strings.Builder
	b.WriteString(readmeHead)
	latest := map[string]bool{}
	for _, r := range rows {
		// The folder holds the latest version: only its row links there.
		title := esc(r.Title)
		if key := r.Report + "/" + r.Period; !latest[key] {
			latest[key] = true
			title = "[" + title + "](" + key + "/)"
		}
		cells := []string{esc(r.Report), r.Period, "v" + strconv.Itoa(r.Version), r.Date, esc(r.DocNum), title, esc(r.Reason)}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return []byte(b.String())
}

// parseIndex reads back the rows renderIndex wrote; lines it does not
// recognise are skipped.
func parseIndex(data []byte) []indexRow {
	var rows []indexRow
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| 报告 |") {
			continue
		}
		cells := splitRow(line)
		if len(cells) != 7 || !strings.HasPrefix(cells[2], "v") {
			continue
		}
		v, err := strconv.Atoi(cells[2][1:])
		if err != nil {
			continue
		}
		title := cells[5]
		if i := strings.LastIndex(title, "]("); strings.HasPrefix(title, "[") && i > 0 {
			title = title[1:i]
		}
		rows = append(rows, indexRow{Report: unesc(cells[0]), Period: cells[1], Version: v,
			Date: cells[3], DocNum: unesc(cells[4]), Title: unesc(title), Reason: unesc(cells[6])})
	}
	return rows
}

// splitRow splits "| a | b |" on unescaped bars.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	if !strings.Contains(line, `\`) {
		cells := strings.Split(line, "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		return cells
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			cur.WriteByte(line[i])
			cur.WriteByte(line[i+1])
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

var escaper = strings.NewReplacer(`\`, `\\`, `|`, `\|`, `[`, `\[`, `]`, `\]`, "\n", " ")
var unescaper = strings.NewReplacer(`\\`, `\`, `\|`, `|`, `\[`, `[`, `\]`, `]`)

func esc(s string) string   { return escaper.Replace(s) }
func unesc(s string) string { return unescaper.Replace(s) }
