package pdfsign

import (
	"testing"
)

// FuzzAddField feeds damaged PDFs to the reader and writer: they must
// answer with an error, never panic. The seed corpus runs in go test.
func FuzzAddField(f *testing.F) {
	f.Add([]byte("%PDF-1.3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n188\n%%EOF\n"))
	f.Add([]byte("%PDF-1.3\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev 9 >>\nstartxref\n9\n%%EOF"))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<< /A [[[[(x\\)] >>\nstartxref\n9\n%%EOF"))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		out, err := AddField(pdf, Field{Page: 1, Rect: Rect{100, 100, 200, 200}})
		if err == nil {
			if _, err := readDocument(out); err != nil {
				t.Fatalf("AddField wrote a PDF it cannot read back: %v", err)
			}
		}
	})
}
