package pipeline

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aymanbagabas/go-udiff"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// Diff is what changed between two versions of a period: the one address
// for `bulletin diff` and the web view.
type Diff struct {
	Report   string
	Period   report.Period
	From, To archive.Entry
	// Inputs are the inputs that changed, in words.
	Inputs []string
	// Text is the notice text's unified diff ("" when unchanged).
	Text string
	// Figures are every figure of the snapshot that changed.
	Figures []FigureChange
}

// ErrOneVersion is returned (wrapped) when a period has one version only
// and no versions were named.
var ErrOneVersion = fmt.Errorf("只有第1版，没有可比较的版本")

// CompareVersions compares versions v1 and v2 of a period as a view of the
// archive holds them; v1 = v2 = 0 compares the latest with the one before.
func CompareVersions(view *archive.View, id string, p report.Period, v1, v2 int) (*Diff, error) {
	if v1 == 0 && v2 == 0 {
		latest, err := view.Version(id, p, 0)
		if err != nil {
			return nil, err
		}
		v2 = latest.Manifest.Version
		if v2 < 2 {
			return nil, fmt.Errorf("%s %s %w", id, p, ErrOneVersion)
		}
		v1 = v2 - 1
	}
	d := &Diff{Report: id, Period: p}
	var err error
	if d.From, err = view.Version(id, p, v1); err != nil {
		return nil, err
	}
	if d.To, err = view.Version(id, p, v2); err != nil {
		return nil, err
	}
	d.Inputs = changedInputs(d.From.Manifest.Inputs, d.To.Manifest.Inputs, true)
	read := func(v int, name string) ([]byte, error) {
		data, _, err := view.ReadFile(id, p, v, name)
		return data, err
	}
	t1, err := read(v1, "notice.txt")
	if err != nil {
		return nil, err
	}
	t2, err := read(v2, "notice.txt")
	if err != nil {
		return nil, err
	}
	if d.Text, err = TextDiff(fmt.Sprintf("v%d/notice.txt", v1), fmt.Sprintf("v%d/notice.txt", v2), string(t1), string(t2)); err != nil {
		return nil, err
	}
	// Every dataset's figures: snapshot.json, and snapshot-<id>.json of a
	// report with datasets:.
	names := []string{"snapshot.json"}
	for _, m := range []map[string]string{d.From.Manifest.Inputs, d.To.Manifest.Inputs} {
		for name := range m {
			if strings.HasPrefix(name, "snapshot-") && strings.HasSuffix(name, ".json") && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names[1:])
	for _, name := range names {
		s1, err := read(v1, name)
		if err != nil {
			return nil, err
		}
		s2, err := read(v2, name)
		if err != nil {
			return nil, err
		}
		// Read leniently: a snapshot.json of an earlier version may have
		// fields this one no longer knows.
		a, b := &snapshot.Snapshot{}, &snapshot.Snapshot{}
		if len(s1) > 0 {
			if err = json.Unmarshal(s1, a); err != nil {
				return nil, fmt.Errorf("读取 %s %s 第%d版的 %s: %w", id, p, v1, name, err)
			}
		}
		if len(s2) > 0 {
			if err = json.Unmarshal(s2, b); err != nil {
				return nil, fmt.Errorf("读取 %s %s 第%d版的 %s: %w", id, p, v2, name, err)
			}
		}
		changes := FigureChanges(a, b)
		if name != "snapshot.json" {
			for i := range changes {
				changes[i].Dataset = strings.TrimSuffix(strings.TrimPrefix(name, "snapshot-"), ".json")
			}
		}
		d.Figures = append(d.Figures, changes...)
	}
	return d, nil
}

// TextDiff is the line difference of a and b in unified format (as `git
// diff` shows it, three lines of context), or "" when they are equal.
func TextDiff(nameA, nameB, a, b string) (string, error) {
	if a == b {
		return "", nil
	}
	// notice.txt has no final newline; a diff for people has no use for
	// git's "\ No newline at end of file" marker, so every text ends in one.
	if !strings.HasSuffix(a, "\n") {
		a += "\n"
	}
	if !strings.HasSuffix(b, "\n") {
		b += "\n"
	}
	return udiff.ToUnified(nameA, nameB, a, udiff.Lines(a, b), udiff.DefaultContextLines)
}

// FigureChange is one figure that differs between two snapshots.
type FigureChange struct {
	// Unit is the unit's name ("合计" for the total row).
	Unit string
	// Column is the snapshot column (the indicator's source); empty when
	// the whole unit was added or removed.
	Column   string
	Old, New string
	Added    bool
	Removed  bool
	// Dataset is the further dataset the figure is of (reports with
	// datasets:), "" for the first.
	Dataset string `json:",omitempty"`
}

// String words the change for staff: `县公安局 目录清单数：10 → 12`.
func (c FigureChange) String() string {
	prefix := ""
	if c.Dataset != "" {
		prefix = "数据集 " + c.Dataset + " "
	}
	switch {
	case c.Added:
		return prefix + c.Unit + "：新增单位"
	case c.Removed:
		return prefix + c.Unit + "：单位已删除"
	}
	return fmt.Sprintf("%s%s %s：%s → %s", prefix, c.Unit, c.Column, c.Old, c.New)
}

// FigureChanges lists, unit by unit and column by column, every value that
// differs between two snapshots, plus units added or removed.
func FigureChanges(a, b *snapshot.Snapshot) []FigureChange {
	cols := append([]string{}, b.Columns...)
	have := map[string]bool{}
	for _, c := range cols {
		have[c] = true
	}
	for _, c := range a.Columns {
		if !have[c] {
			cols = append(cols, c)
		}
	}
	var out []FigureChange
	compare := func(name string, ua, ub *snapshot.Unit) {
		for _, c := range cols {
			va, oka := ua.Values[c]
			vb, okb := ub.Values[c]
			if oka == okb && va.Num == vb.Num && va.NA == vb.NA && va.Text == vb.Text {
				continue
			}
			out = append(out, FigureChange{Unit: name, Column: c, Old: figureText(va, oka), New: figureText(vb, okb)})
		}
	}
	for i := range b.Units {
		ub := &b.Units[i]
		ua := a.Unit(ub.Name)
		if ua == nil {
			out = append(out, FigureChange{Unit: ub.Name, Added: true})
			continue
		}
		compare(ub.Name, ua, ub)
	}
	for _, ua := range a.Units {
		if b.Unit(ua.Name) == nil {
			out = append(out, FigureChange{Unit: ua.Name, Removed: true})
		}
	}
	if a.Total != nil && b.Total != nil {
		compare("合计", a.Total, b.Total)
	}
	return out
}

func figureText(v snapshot.Value, ok bool) string {
	switch {
	case !ok:
		return "（无）"
	case v.NA:
		return "/"
	case v.Text != "":
		return v.Text
	}
	return strconv.FormatFloat(v.Num, 'f', -1, 64)
}

// Segment is a run of text in a line compared character by character;
// Changed marks what the other side does not have.
type Segment struct {
	Text    string
	Changed bool
}

// InlineDiff compares two versions of a line character by character (the
// same diff library as TextDiff, at the level of runes), for showing the
// changed characters inside a changed line: old holds a's text with what
// was removed marked, new holds b's with what was added marked.
func InlineDiff(a, b string) (old, new []Segment) {
	at := 0
	for _, e := range joinEdits(a, udiff.Strings(a, b)) {
		if e.Start > at {
			same := Segment{Text: a[at:e.Start]}
			old, new = append(old, same), append(new, same)
		}
		if e.End > e.Start {
			old = append(old, Segment{Text: a[e.Start:e.End], Changed: true})
		}
		if e.New != "" {
			new = append(new, Segment{Text: e.New, Changed: true})
		}
		at = e.End
	}
	if at < len(a) {
		same := Segment{Text: a[at:]}
		old, new = append(old, same), append(new, same)
	}
	return old, new
}

// joinEdits merges edits separated by at most two unchanged characters, so
// that 26.08 → 27.22 reads as one change "6.08 → 7.22" rather than three
// (a character diff marks "6", "08" and "7", "22" around an unchanged dot).
func joinEdits(a string, edits []udiff.Edit) []udiff.Edit {
	var out []udiff.Edit
	for _, e := range edits {
		if n := len(out); n > 0 && utf8.RuneCountInString(a[out[n-1].End:e.Start]) <= 2 {
			last := &out[n-1]
			last.New += a[last.End:e.Start] + e.New
			last.End = e.End
			continue
		}
		out = append(out, e)
	}
	return out
}
