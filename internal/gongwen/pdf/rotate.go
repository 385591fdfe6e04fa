package pdf

import (
	"errors"
	"reflect"
	"unsafe"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/phpdave11/gofpdf"
)

// errNoRotation is returned when a turned table cannot be drawn.
var errNoRotation = errors.New("cannot draw rotated text: maroto's provider does not expose its gofpdf document (maroto changed?)")

// engineOf returns the gofpdf document behind maroto's provider.
//
// Why: GB/T 9704 §8 turns wide tables 90° on a portrait page, and maroto
// v2.3.3's Provider has no rotation, though the gofpdf document it wraps
// has TransformRotate. maroto keeps that document in an unexported field
// (internal/providers/gofpdf.provider.fpdf); we read it by reflection to
// bracket rotated text, and to draw text without maroto's repeated font
// selections (draw.go). The version is pinned in go.mod and
// TestRotatedTable fails loudly if the field goes away (text without a
// rotation then falls back to maroto's AddText).
func engineOf(p core.Provider) *gofpdf.Fpdf {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("fpdf")
	if !f.IsValid() || f.Kind() != reflect.Interface {
		return nil
	}
	i := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface()
	fp, _ := i.(*gofpdf.Fpdf)
	return fp
}
