package report

// Outputs says which optional files an issuance writes beside notice.pdf.
type Outputs struct {
	// Docx writes notice.docx, the notice as an editable Word document
	// with the same layout; default true.
	Docx *bool `yaml:"docx"`
}

// WantDocx reports whether notice.docx is written (the default).
func (o Outputs) WantDocx() bool { return o.Docx == nil || *o.Docx }
