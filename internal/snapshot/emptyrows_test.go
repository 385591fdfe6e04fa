package snapshot_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/sample"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// withEmptyRows appends n formatted rows without content after row from
// of the sheet, as WPS and Excel exports sometimes carry below the table:
// each with the style, height and 21 styled cells of an untouched row.
func withEmptyRows(t testing.TB, data func(edit func(string) string) []byte, from, n int) []byte {
	return data(func(s string) string {
		var b strings.Builder
		for r := from; r < from+n; r++ {
			fmt.Fprintf(&b, `<row r="%d" spans="1:21" s="3" customFormat="1" ht="14.25">`, r)
			for c := 'A'; c <= 'U'; c++ {
				fmt.Fprintf(&b, `<c r="%c%d" s="3"/>`, c, r)
			}
			b.WriteString(`</row>`)
		}
		return strings.Replace(s, "</sheetData>", b.String()+"</sheetData>", 1)
	})
}

// TestEmptyFormattedRows: rows without content do not count towards
// MaxRows. An export with 30,000 empty formatted rows below its table reads
// as the same snapshot as without them; MaxRows rows with content and
// thousands of empty ones below still read; MaxRows+1 rows with content
// are refused (TestHugeSheets).
func TestEmptyFormattedRows(t *testing.T) {
	def := loadDef(t)
	plain, err := snapshot.Read("2022Q3.xlsx", mustRead(t, fixture("2022Q3")), def)
	if err != nil {
		t.Fatal(err)
	}
	want, err := plain.JSON()
	if err != nil {
		t.Fatal(err)
	}
	edited := func(edit func(string) string) []byte { return sheetEdited(t, edit) }
	snap, err := snapshot.Read("2022Q3.xlsx", withEmptyRows(t, edited, 40, 30000), def)
	if err != nil {
		t.Fatalf("30,000 empty formatted rows: %v", err)
	}
	snap.SHA256 = plain.SHA256 // the file's own hash differs
	got, err := snap.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("with 30,000 empty rows below the table the snapshot differs:\n%.2000s", got)
	}

	t.Run("MaxRows rows with content and empty rows below", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short")
		}
		// manyRows' sheet (rows with content up to MaxRows), then
		// 5,000 empty rows.
		rows := manyRows(t, snapshot.MaxRows)
		data := withEmptyRows(t, func(edit func(string) string) []byte { return partEdited(t, rows, sheetPart, edit) }, snapshot.MaxRows+1, 5000)
		snap, err := snapshot.Read("2022Q3.xlsx", data, def)
		if err != nil {
			t.Fatal(err)
		}
		if len(snap.Units) < snapshot.MaxRows-30 {
			t.Errorf("%d units read; want the %d rows' units", len(snap.Units), snapshot.MaxRows)
		}
	})
}

// partEdited returns the workbook data with the part name edited as text.
func partEdited(t testing.TB, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	data, err := sample.EditPart(data, name, edit)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
