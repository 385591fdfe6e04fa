package pdf

import (
	"errors"
	"reflect"
	"unsafe"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/phpdave11/gofpdf"
)

// errNoEngine is returned when maroto's gofpdf document cannot be reached.
var errNoEngine = errors.New("pdf: maroto does not expose its gofpdf document (maroto changed?)")

// engine returns the gofpdf document maroto draws into.
//
// Why: maroto v2.3.3 offers no rotation, no bookmarks, no producer, no
// modification date and no XMP metadata, though the gofpdf document it
// wraps has them all: GB/T 9704 §8 turns wide tables 90° on a portrait
// page (TransformRotate), and the archive wants an outline and metadata
// (Bookmark, SetProducer, SetModificationDate, SetXmpMetadata). Text is
// drawn on it too, selecting a font only when it changes (draw.go). maroto
// keeps the document in unexported fields (Maroto.provider, then
// internal/providers/gofpdf.provider.fpdf); we read them by reflection.
// The version is pinned in go.mod, and Render fails with errNoEngine (and
// every test with it) if the fields go away.
func engine(m core.Maroto) *gofpdf.Fpdf {
	p, ok := field(m, "provider").(core.Provider)
	if !ok {
		return nil
	}
	fp, _ := field(p, "fpdf").(*gofpdf.Fpdf)
	return fp
}

// field returns the unexported interface-typed field name of the struct
// v points to, nil if there is none.
func field(v any, name string) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := rv.Elem().FieldByName(name)
	if !f.IsValid() || f.Kind() != reflect.Interface {
		return nil
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface()
}
