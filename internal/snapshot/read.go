package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/source"
)

// Size limits against files no platform export comes near (a zip bomb, a
// wrong file picked up).
const (
	// MaxFileSize is the largest snapshot file read: 64 MiB.
	MaxFileSize = 64 << 20
	// maxUnzipSize bounds the total unzipped size of an xlsx: 512 MiB.
	maxUnzipSize = 512 << 20
	// maxUnzipXMLSize is the largest worksheet kept in memory while
	// reading; larger ones are streamed through a temporary file.
	maxUnzipXMLSize = 16 << 20
)

// ReadFile reads the snapshot at path with the columns def names. When the
// file cannot be read as the report expects, the error is a report.Problems
// listing every problem found, each naming file, sheet and cell: the
// errors first, then the warnings. On success the warnings (problems that
// do not stop a run) are in the Snapshot's Warnings.
func ReadFile(path string, def *report.Definition) (*Snapshot, error) {
	name := filepath.Base(path)
	fail := func(msg, got string) error {
		return report.Problems{{File: name, Msg: msg, Got: got}}
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fail("找不到文件 "+path, "")
		}
		return nil, fail("无法打开文件："+err.Error(), "")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fail("无法读取文件："+err.Error(), "")
	}
	if st.IsDir() {
		return nil, fail(path+" 是文件夹，不是统计表文件", "")
	}
	if st.Mode().IsRegular() && st.Size() > MaxFileSize {
		// Refused before reading; anything else (a device, a pipe) is
		// read through the limit below.
		return nil, fail(fmt.Sprintf("文件过大（%d MB，最大 %d MB），不像是统计表导出文件", st.Size()>>20, MaxFileSize>>20), "")
	}
	size := int64(-1)
	if st.Mode().IsRegular() {
		size = st.Size()
	}
	data, err := source.ReadAtMost(f, size, MaxFileSize)
	if errors.Is(err, source.ErrTooLarge) {
		return nil, fail(fmt.Sprintf("文件过大（超过 %d MB），不像是统计表导出文件", MaxFileSize>>20), "")
	}
	if err != nil {
		return nil, fail("无法读取文件："+err.Error(), "")
	}
	return Read(name, data, def)
}

// Read reads a snapshot from the bytes of a file named name (archives and
// HTTP sources give bytes). The format is chosen by content: an xlsx
// workbook, or else CSV text in UTF-8 or GB18030. Errors are as ReadFile's.
func Read(name string, data []byte, def *report.Definition) (snap *Snapshot, err error) {
	name = filepath.Base(name)
	fail := func(msg string) error {
		return report.Problems{{File: name, Msg: msg}}
	}
	if len(data) > MaxFileSize {
		return nil, fail(fmt.Sprintf("文件过大（超过 %d MB），不像是统计表导出文件", MaxFileSize>>20))
	}
	defer func() {
		// excelize is fed whatever staff upload; a malformed file must
		// end in a message, never a crash.
		if r := recover(); r != nil {
			slog.Error("panic reading snapshot", "file", name, "panic", r)
			snap, err = nil, fail("文件已损坏，无法读取")
		}
	}()
	var t *table
	switch kind := sniff(name, data); kind {
	case "xlsx":
		t, err = readXLSX(name, data, def)
	case "csv":
		t, err = readCSV(name, data, def)
	default:
		return nil, fail(kind)
	}
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	t.snap.SHA256 = hex.EncodeToString(sum[:])
	t.snap.Sheet = t.sheet
	ps := t.probs
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Severity != ps[j].Severity {
			return ps[i].Severity < ps[j].Severity
		}
		return cellOrder(ps[i].Cell) < cellOrder(ps[j].Cell)
	})
	if len(ps.Errors()) > 0 {
		// The whole list, errors first, so that `bulletin check` can
		// show the warnings too; ps.Errors() and ps.Warnings() split it.
		return nil, ps
	}
	t.snap.Warnings = ps.Warnings()
	return t.snap, nil
}

// sniff says how to read data: "xlsx", "csv", or else a message saying why
// the file cannot be read.
func sniff(name string, data []byte) string {
	head := data[:min(len(data), 512)]
	lower := bytes.ToLower(head)
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "文件是空的"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "xlsx"
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		if bytes.Contains(data, utf16le("EncryptionInfo")) {
			return "文件设置了打开密码（已加密）：请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入"
		}
		return "文件是旧版 Excel 97-2003（.xls）格式：请在 Excel/WPS 中另存为 .xlsx 再导入"
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "文件是 PDF，不是统计表：请导入平台导出的 .xlsx 或 .csv 文件"
	case bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<table")) || bytes.Contains(lower, []byte("<!doctype")):
		return "文件是网页（HTML）格式，不是真正的 Excel 文件：请用 Excel/WPS 打开后另存为 .xlsx 再导入"
	case bytes.IndexByte(head, 0) >= 0:
		return "无法识别的文件格式：应为 .xlsx 工作簿或 .csv 文本"
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls":
		return "文件扩展名是 " + ext + "，但内容不是 Excel 工作簿：文件可能已损坏，请重新导出"
	}
	return "csv"
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// cellOrder sorts problems as a reader scans the sheet: whole-sheet
// problems first, then by row, then by column.
func cellOrder(ref string) int {
	col, row := 0, 0
	for _, r := range ref {
		switch {
		case r >= 'A' && r <= 'Z':
			col = col*26 + int(r-'A'+1)
		case r >= '0' && r <= '9':
			row = row*10 + int(r-'0')
		default:
			return 0
		}
		if row > 1<<20 || col > 1<<14 {
			return 0
		}
	}
	return row<<14 | col
}
