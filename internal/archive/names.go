package archive

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every name bulletin writes into the archive is a folder or file name in
// the worktree, a path in git's trees, and (for report ids) a component of
// a tag ref. The rules below are stricter than git's ref-name rules
// (git help check-ref-format) and than every common filesystem's, so that
// nothing bulletin writes makes `git fsck`, `git gc` or `git clone` fail.

// BadNameError says why a report id or file name cannot be used in the
// archive, in words.
type BadNameError struct {
	Kind string // 报告编号, 数据文件名
	Name string
	Why  string
}

func (e *BadNameError) Error() string {
	return fmt.Sprintf("%s %q 不能用于档案库：%s", e.Kind, e.Name, e.Why)
}

// maxName bounds a name in bytes (a folder name on most filesystems).
const maxName = 200

// idRule says which report ids are allowed.
const idRule = "报告编号只能由汉字、字母、数字和 - _ . 组成（不能有空格、/ \\ : ~ ^ ? * [ 等符号），不能以 . 或 - 开头，不能以 . 或 .lock 结尾，不能含 ..；可在 report.yaml 中用 id: 指定"

// CheckID returns a *BadNameError unless id can name a report in the
// archive: its folder and the first component of its tags.
func CheckID(id string) error {
	bad := func(why string) error {
		return &BadNameError{Kind: "报告编号", Name: id, Why: why + "。" + idRule}
	}
	switch {
	case id == "":
		return bad("为空")
	case len(id) > maxName:
		return bad(fmt.Sprintf("超过 %d 字节", maxName))
	case !utf8.ValidString(id):
		return bad("不是有效的 UTF-8 文字")
	case strings.HasPrefix(id, ".") || strings.HasPrefix(id, "-"):
		return bad("以 . 或 - 开头")
	case strings.HasSuffix(id, ".") || strings.HasSuffix(strings.ToLower(id), ".lock"):
		return bad("以 . 或 .lock 结尾")
	case strings.Contains(id, ".."):
		return bad("含有 ..")
	}
	for _, r := range id {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.') {
			return bad(fmt.Sprintf("含有不允许的字符 %s", describeRune(r)))
		}
	}
	return nil
}

// CheckFileName returns a *BadNameError unless name can name a file of a
// period folder (kind says what it is, e.g. 数据文件名). It does not know
// which names the caller's own outputs take; reserved lists them, compared
// without regard to case (Notice.PDF and notice.pdf are one file on some
// filesystems).
func CheckFileName(kind, name string, reserved ...string) error {
	bad := func(why string) error { return &BadNameError{Kind: kind, Name: name, Why: why} }
	switch {
	case name == "" || name == "." || name == "..":
		return bad("不是文件名")
	case len(name) > maxName:
		return bad(fmt.Sprintf("超过 %d 字节，请改短", maxName))
	case !utf8.ValidString(name):
		return bad("不是有效的 UTF-8 文字")
	case strings.HasPrefix(name, "."):
		return bad("以 . 开头的文件在档案库中是隐藏文件，请改名")
	case strings.TrimSpace(name) != name:
		return bad("首尾有空格，请改名")
	}
	for _, r := range name {
		if r == '/' || r == '\\' || r == ':' || unsafeRune(r) {
			return bad(fmt.Sprintf("含有不允许的字符 %s，请改名", describeRune(r)))
		}
	}
	for _, res := range append(reserved, ManifestName) {
		if strings.EqualFold(name, res) {
			return bad(fmt.Sprintf("与档案在每期文件夹中自己写的文件同名（%s），请改名后再运行", strings.Join(append(reserved, ManifestName), "、")))
		}
	}
	return nil
}

// unsafeRune reports characters that must not reach a commit message, the
// README index or a terminal: C0 and C1 controls, DEL, and the invisible
// direction and zero-width format characters.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError
}

// describeRune names a character for a message: itself when visible, else
// its code point.
func describeRune(r rune) string {
	if unicode.IsGraphic(r) && !unicode.IsSpace(r) {
		return fmt.Sprintf("“%c”", r)
	}
	if r == ' ' || r == '\u3000' {
		return "空格"
	}
	return fmt.Sprintf("U+%04X（不可见的控制字符）", r)
}

// Clean removes from s the characters unsafeRune reports, keeping
// newlines and tabs, so that text from outside (a reason, a unit name in a
// warning, a title) cannot send escape sequences through `git log`, the
// README index or a terminal.
func Clean(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r != '\n' && r != '\t' && unsafeRune(r) }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}
