// Package pdfsign puts an empty signature field over a notice's seal
// place and signs it: both as incremental updates appended to the PDF,
// so the bytes already issued (and any earlier signature) stay as they
// were. The signature is a detached CMS SignedData (adbe.pkcs7.detached,
// SHA-256) over the whole file but itself, and the seal image with its
// transparency is the field's visible appearance.
//
// It reads PDFs with classic cross-reference tables (as gofpdf and maroto
// write them), following /Prev through earlier updates; files with
// cross-reference streams or encryption are refused with ErrUnsupported.
// Errors are *Error values with a Chinese message for office staff.
package pdfsign
