package main

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// explain returns the message of a failed command for staff. The
// libraries word their own problems in Chinese; what reaches this point
// from the operating system, the network or a library as it is (an open
// that failed, a refused connection, a deadline) is said here once, in a
// Chinese sentence: what happened and what to do, with the original
// message kept in parentheses for support:
//
//	无法打开 2022Q3.xlsx：没有权限，请检查……（open 2022Q3.xlsx: permission denied）
//
// A colon after Chinese text is written full-width.
func explain(err error) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		// errors.Join: one message per line, each explained.
		errs := j.Unwrap()
		if joined := errors.Join(errs...); joined != nil && joined.Error() == err.Error() {
			lines := make([]string, 0, len(errs))
			for _, e := range errs {
				if e != nil {
					lines = append(lines, explain(e))
				}
			}
			return strings.Join(lines, "\n")
		}
	}
	msg := err.Error()
	raw := rawCause(err)
	if raw == nil {
		// A library may have put the operating system's words into its
		// own message as text: find them there.
		return zhColons(explainText(msg))
	}
	why := describe(raw)
	if why == "" {
		return zhColons(msg)
	}
	r := raw.Error()
	i := strings.Index(msg, r)
	if i < 0 {
		if hasHan(msg) {
			return zhColons(msg) + "：" + why
		}
		return subject(raw) + "：" + why + "（" + msg + "）"
	}
	prefix := strings.TrimRight(msg[:i], " :：,，")
	rest := msg[i+len(r):]
	if hasHan(prefix) {
		return zhColons(prefix) + "：" + why + "（" + r + "）" + zhColons(rest)
	}
	if prefix != "" {
		r = msg[:i] + r
	}
	return subject(raw) + "：" + why + "（" + r + "）" + zhColons(rest)
}

// rawCause returns the outermost error in err's chain that comes as it
// is from the operating system or the network.
func rawCause(err error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch e.(type) {
		case *url.Error, *net.OpError, *net.DNSError, *fs.PathError, *os.LinkError, *os.SyscallError, syscall.Errno,
			x509.UnknownAuthorityError, x509.CertificateInvalidError, x509.HostnameError:
			return e
		}
		if e == context.DeadlineExceeded || e == context.Canceled || e == io.ErrUnexpectedEOF {
			return e
		}
	}
	return nil
}

// subject says what could not be done, for a cause that comes with no
// Chinese words before it.
func subject(raw error) string {
	var pe *fs.PathError
	var le *os.LinkError
	var ue *url.Error
	var oe *net.OpError
	switch {
	case errors.As(raw, &ue):
		return "无法访问 " + redactURL(ue.URL)
	case errors.As(raw, &oe):
		return "网络连接失败"
	case errors.As(raw, &le):
		return "无法移动 " + le.Old + " 到 " + le.New
	case errors.As(raw, &pe):
		verb := map[string]string{
			"open": "打开", "read": "读取", "write": "写入", "stat": "查看", "lstat": "查看",
			"mkdir": "创建文件夹", "mkdirall": "创建文件夹", "remove": "删除", "unlinkat": "删除",
			"readdirent": "读取文件夹", "readdir": "读取文件夹", "chmod": "修改权限", "sync": "写入",
			"close": "写入", "truncate": "写入", "seek": "读取", "fstatat": "查看", "openat": "打开",
		}[pe.Op]
		if verb == "" {
			verb = "处理"
		}
		return "无法" + verb + " " + pe.Path
	}
	return "运行出错"
}

// redactURL drops a URL's query and user information, which may hold a
// token.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}

// describe says in Chinese what happened and what to do, or "" when err
// is nothing it knows.
func describe(err error) string {
	var dns *net.DNSError
	var ne net.Error
	var unknownCA x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在，请检查路径和文件名"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限，请检查文件和文件夹的权限，或换一个有权限的用户运行"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间已满，请清理磁盘后重试"
	case errors.Is(err, syscall.EDQUOT):
		return "超出磁盘配额，请清理后重试"
	case errors.Is(err, syscall.EROFS):
		return "文件系统只读，请换一个可以写入的位置"
	case errors.Is(err, syscall.EISDIR):
		return "这是一个文件夹，这里应为文件"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一级不是文件夹，请检查路径"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "路径或文件名太长，请缩短"
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return "同时打开的文件过多，请稍后重试"
	case errors.Is(err, syscall.EIO):
		return "磁盘读写出错，请检查磁盘或网络盘"
	case errors.Is(err, fs.ErrExist):
		return "已经存在"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "连接被拒绝：对方服务没有运行，或地址、端口有误，请检查地址或稍后重试"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "连接被对方断开，请稍后重试"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "网络不通，请检查网络连接"
	case errors.As(err, &dns):
		return "找不到主机 " + dns.Name + "，请检查地址和网络（域名解析）"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "等待超时，请检查网络后重试"
	case errors.Is(err, context.Canceled):
		return "已取消"
	case errors.As(err, &unknownCA), errors.As(err, &invalid), errors.As(err, &host):
		return "对方的 HTTPS 证书无法验证，请联系对方或检查本机的根证书"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "内容不完整（可能下载或复制没有完成），请重新获取后再试"
	}
	return ""
}

// rawWords are the operating system's and the network's messages that
// explainText finds quoted as text, each with the error describe words.
var rawWords = map[string]error{
	"permission denied": fs.ErrPermission, "operation not permitted": fs.ErrPermission,
	"no such file or directory": fs.ErrNotExist, "is a directory": syscall.EISDIR, "not a directory": syscall.ENOTDIR,
	"no space left on device": syscall.ENOSPC, "disk quota exceeded": syscall.EDQUOT, "read-only file system": syscall.EROFS,
	"connection refused": syscall.ECONNREFUSED, "connection reset by peer": syscall.ECONNRESET, "broken pipe": syscall.EPIPE,
	"i/o timeout": context.DeadlineExceeded, "no such host": &net.DNSError{Name: "", IsNotFound: true},
	"too many open files": syscall.EMFILE, "file name too long": syscall.ENAMETOOLONG, "input/output error": syscall.EIO,
	"network is unreachable": syscall.ENETUNREACH, "no route to host": syscall.EHOSTUNREACH,
}

// rawText matches one of rawWords quoted in a library's message after
// the operation: "open /x/2022Q3.xlsx: permission denied".
var rawText = regexp.MustCompile(`(?:(?:open|read|write|stat|lstat|mkdir|remove|rename|readdirent|unlinkat|dial tcp|dial|lookup) [^\s（）]*: )+` +
	`(` + strings.Join(slices.Sorted(maps.Keys(rawWords)), "|") + `)`)

// explainText words the operating system's messages found as text in
// msg, keeping each in parentheses.
func explainText(msg string) string {
	return rawText.ReplaceAllStringFunc(msg, func(m string) string {
		sub := rawText.FindStringSubmatch(m)
		why := describe(rawWords[sub[1]])
		if sub[1] == "no such host" {
			why = "找不到主机，请检查地址和网络（域名解析）"
		}
		if why == "" {
			return m
		}
		return why + "（" + m + "）"
	})
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// zhColons writes ": " as "：" and "; " as "；" where they follow or
// precede Chinese text (or follow full-width punctuation), outside the
// parentheses that quote an original message and outside quotes (a
// value or a syntax as written: “名称: 值”).
func zhColons(s string) string {
	if !strings.Contains(s, ": ") && !strings.Contains(s, "; ") {
		return s
	}
	var b strings.Builder
	depth := 0      // inside （…）: an original message
	quoted := false // inside "…" or `…`: a value as written
	curly := 0      // inside “…”: words as written
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '（':
			depth++
		case '）':
			if depth > 0 {
				depth--
			}
		case '"', '`':
			quoted = !quoted
		case '“':
			curly++
		case '”':
			if curly > 0 {
				curly--
			}
		}
		if (r == ':' || r == ';') && depth == 0 && !quoted && curly == 0 && i+1 < len(s) && s[i+1] == ' ' {
			p, _ := utf8.DecodeLastRuneInString(s[:i])
			q, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.Is(unicode.Han, p) || unicode.Is(unicode.Han, q) || strings.ContainsRune("）」』”》】", p) {
				if r == ':' {
					b.WriteString("：")
				} else {
					b.WriteString("；")
				}
				i += 2
				continue
			}
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}
