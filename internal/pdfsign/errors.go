package pdfsign

import (
	"errors"
	"fmt"
)

// The kinds of problem this package reports; test them with errors.Is.
var (
	// ErrMalformed: the bytes are not a PDF this package can read.
	ErrMalformed = errors.New("malformed PDF")
	// ErrUnsupported: a valid PDF of a kind this package does not update
	// (cross-reference streams, encryption).
	ErrUnsupported = errors.New("unsupported PDF")
	// ErrNoField: the PDF has no (such) empty signature field.
	ErrNoField = errors.New("no signature field")
	// ErrFieldExists: a field of that name is already there.
	ErrFieldExists = errors.New("field exists")
	// ErrSigned: the signature field already holds a signature.
	ErrSigned = errors.New("already signed")
	// ErrBadInput: a parameter is out of range (page, rectangle, image).
	ErrBadInput = errors.New("bad input")
)

// Error is a problem with the PDF or the request. Its message is in
// Chinese, for office staff; Kind is one of the Err values above.
type Error struct {
	Kind error
	Msg  string
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Kind }

func errorf(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}
