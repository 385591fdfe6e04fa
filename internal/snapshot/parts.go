package snapshot

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Limits on the parts of an xlsx, checked before excelize opens it:
// excelize holds every part but the worksheets in memory, so a part's
// size is what it costs.
const (
	// maxPartSize bounds each part other than a worksheet (the shared
	// strings of a 10,000-row table take a few MB).
	maxPartSize = 32 << 20
	// maxSheetPartSize bounds a worksheet part (streamed, not held).
	maxSheetPartSize = 256 << 20
	// maxRun bounds the bytes between two '<' in any XML part: one
	// text or one tag. Excel's cells hold at most 32,767 characters;
	// with entities that is under 200 KB.
	maxRun = 256 << 10
	// MaxRows is the most rows a sheet may have: more than any
	// platform export holds, and what keeps memory bounded.
	MaxRows = 10000
	// MaxCellLen is the most characters a cell may hold, Excel's own
	// limit.
	MaxCellLen = 32767
)

// checkParts refuses a workbook whose parts would unzip too large, before
// anything is unzipped: the sizes in the zip directory are what
// archive/zip enforces while reading.
func checkParts(name string, zr *zip.Reader) error {
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		limit := uint64(maxPartSize)
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			limit = maxSheetPartSize
		}
		if f.UncompressedSize64 > limit || total > maxUnzipSize {
			return report.Problems{{File: name, Got: f.Name,
				Msg: fmt.Sprintf("文件解压后过大（其中 %s 超过 %d MB），不像是统计表导出文件", f.Name, limit>>20)}}
		}
		// Worksheets are read through the same limit by scanSheet;
		// a sheet that is not scanned is never parsed.
		if strings.HasSuffix(f.Name, ".xml") && !strings.HasPrefix(f.Name, "xl/worksheets/") {
			if err := checkRuns(name, f); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkRuns reads an XML part through, refusing a text or tag longer
// than maxRun (a cell of millions of characters): what the XML decoder
// later holds at once stays small.
func checkRuns(name string, f *zip.File) error {
	r, err := f.Open()
	if err != nil {
		return report.Problems{{File: name, Msg: "文件不是有效的 xlsx 工作簿（可能已损坏或下载不完整）：请重新导出"}}
	}
	defer r.Close()
	if _, err := io.Copy(io.Discard, &runLimit{r: r}); err != nil {
		if err == errLongRun {
			return report.Problems{{File: name, Got: f.Name,
				Msg: fmt.Sprintf("工作簿中有超长的单元格内容（%s 中一段文字超过 %d KB，Excel 单元格最多 %d 个字符）：文件不像是正常导出的统计表", f.Name, maxRun>>10, MaxCellLen)}}
		}
		return report.Problems{{File: name, Got: f.Name, Msg: "文件不是有效的 xlsx 工作簿（可能已损坏或下载不完整）：请重新导出"}}
	}
	return nil
}

var errLongRun = fmt.Errorf("run longer than %d bytes", maxRun)

// runLimit passes bytes through, failing once more than maxRun bytes
// come without a '<'.
type runLimit struct {
	r       io.Reader
	run     int
	tripped bool // the limit was met (a decoder may wrap the error)
}

func (l *runLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '<' {
			l.run = 0
			continue
		}
		l.run++
		if l.run > maxRun {
			l.tripped = true
			return n, errLongRun
		}
	}
	return n, err
}

// sheetParts maps each sheet's name to its part in the zip, as
// xl/workbook.xml and its relationships say; names lists the sheets in
// workbook order.
func sheetParts(zr *zip.Reader) (parts map[string]string, names []string) {
	wbPath := "xl/workbook.xml"
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if decodePart(zr, "_rels/.rels", &rels) {
		for _, r := range rels.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	out := map[string]string{}
	if !decodePart(zr, wbPath, &wb) {
		return out, nil
	}
	rels.Rel = nil
	dir, file := path.Split(wbPath)
	if !decodePart(zr, dir+"_rels/"+file+".rels", &rels) {
		return out, nil
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		targets[r.ID] = t
	}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
			names = append(names, s.Name)
		}
	}
	return out, names
}

// decodePart unmarshals the part at name into v, reporting success.
func decodePart(zr *zip.Reader, name string, v any) bool {
	f := findPart(zr, name)
	if f == nil {
		return false
	}
	r, err := f.Open()
	if err != nil {
		return false
	}
	defer r.Close()
	return xml.NewDecoder(r).Decode(v) == nil
}

// findPart returns the zip entry named name (case-insensitively, as
// Excel treats part names), or nil.
func findPart(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}
