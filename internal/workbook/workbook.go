package workbook

import (
	"errors"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
)

// FileName is the name of the workbook in the archive and next to the PDF.
const FileName = "rankings.xlsx"

// ErrNoRankings is returned by Bytes when the result has no ranking: a
// workbook needs at least one sheet, so the caller should not write
// rankings.xlsx for such a report.
var ErrNoRankings = errors.New("workbook: the result has no ranking to write")

// Bytes returns rankings.xlsx for res: one sheet per ranking in
// res.Rankings, in order. def supplies each ranking's options (show_change,
// and whether it is ranked by an indicator or kept in snapshot order).
//
// The output is deterministic: the document's created and modified dates
// are res.AsOf when set, else the end of res.Period (never the clock), and
// the zip entries are written in a fixed order.
func Bytes(def *report.Definition, res *metrics.Result) ([]byte, error) {
	if def == nil || res == nil {
		return nil, errors.New("workbook: nil definition or result")
	}
	if len(res.Rankings) == 0 {
		return nil, ErrNoRankings
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	names := sheetNames(res.Rankings)
	for i, r := range res.Rankings {
		var opts report.Ranking
		if d := def.Ranking(r.ID); d != nil {
			opts = *d
		}
		t, err := newTable(r, opts, res)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), names[i])
		} else {
			_, err = f.NewSheet(names[i])
		}
		if err != nil {
			return nil, fmt.Errorf("create sheet %q: %w", names[i], err)
		}
		if err := writeSheet(f, names[i], t, st); err != nil {
			return nil, fmt.Errorf("write sheet %q: %w", names[i], err)
		}
	}
	// The first sheet is active as created. Do not call SetActiveSheet or
	// any other sheet-level API after a sheet is flushed: excelize would
	// parse the streamed XML back into memory and write it out again.
	if err := setDocProps(f, def, res); err != nil {
		return nil, err
	}
	f.SetZipWriter(newOrderedZip)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", FileName, err)
	}
	return buf.Bytes(), nil
}

// setDocProps fixes the document properties, which excelize would otherwise
// fill with its own placeholder author and date.
func setDocProps(f *excelize.File, def *report.Definition, res *metrics.Result) error {
	when := res.Period.End(time.UTC)
	if res.AsOf != nil {
		when = *res.AsOf
	}
	stamp := when.UTC().Format("2006-01-02T15:04:05Z")
	title := def.Name
	if !res.Period.IsZero() {
		title = fmt.Sprintf("%s %s 排名表", def.Name, res.Period)
	}
	err := f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Creator:        def.Office.Name,
		LastModifiedBy: def.Office.Name,
		Created:        stamp,
		Modified:       stamp,
		Language:       "zh-CN",
	})
	if err != nil {
		return fmt.Errorf("set document properties: %w", err)
	}
	return nil
}
