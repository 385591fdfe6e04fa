package archive

import (
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/utils/diff"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is the number of unchanged lines shown around a change, as in
// `git diff`.
const diffContext = 3

type lineOp struct {
	kind byte // ' ', '-', '+'
	text string
}

// UnifiedDiff returns the line difference between a and b in unified
// format (as `git diff` shows it), or "" when they are equal. It uses the
// line diff go-git itself uses.
func UnifiedDiff(nameA, nameB, a, b string) string {
	if a == b {
		return ""
	}
	var ops []lineOp
	for _, d := range diff.Do(a, b) {
		kind := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			kind = '-'
		case diffmatchpatch.DiffInsert:
			kind = '+'
		}
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l != "" {
				ops = append(ops, lineOp{kind, strings.TrimSuffix(l, "\n")})
			}
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", nameA, nameB)
	// Line numbers (1-based) before each op in a and b.
	posA := make([]int, len(ops)+1)
	posB := make([]int, len(ops)+1)
	posA[0], posB[0] = 1, 1
	for i, op := range ops {
		posA[i+1], posB[i+1] = posA[i], posB[i]
		if op.kind != '+' {
			posA[i+1]++
		}
		if op.kind != '-' {
			posB[i+1]++
		}
	}
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-diffContext)
		end := i
		// Extend the hunk while the next change is within 2×context lines.
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			j := end
			for j < len(ops) && ops[j].kind == ' ' {
				j++
			}
			if j < len(ops) && j-end <= 2*diffContext {
				end = j
				continue
			}
			end = min(j, end+diffContext)
			break
		}
		countA, countB := posA[end]-posA[start], posB[end]-posB[start]
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", posA[start], countA, posB[start], countB)
		for _, op := range ops[start:end] {
			out.WriteByte(op.kind)
			out.WriteString(op.text)
			out.WriteByte('\n')
		}
		i = end
	}
	return out.String()
}
