package pdfsign

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
)

// maxSealPixels bounds the seal image (4096 × 4096): a seal is a few
// centimetres wide, and the image is held in memory three times over.
const maxSealPixels = 4096 * 4096

// sealAppearance adds the seal image as the widget's normal appearance:
// a form XObject the size of r that draws the image, kept in proportion
// and centred, with its transparency (an /SMask) and multiplied onto the
// page so the text under the seal shows through as it does on paper.
func sealAppearance(u *update, r Rect, img image.Image) (ref, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w < 1 || h < 1 || w*h > maxSealPixels {
		return ref{}, errorf(ErrBadInput, "印章图片尺寸 %d×%d 无效（最大 4096×4096 像素）", w, h)
	}
	rgb := make([]byte, 0, w*h*3)
	alpha := make([]byte, 0, w*h)
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			rgb = append(rgb, c.R, c.G, c.B)
			alpha = append(alpha, c.A)
			opaque = opaque && c.A == 0xff
		}
	}
	im := imageDict(w, h, "DeviceRGB")
	if !opaque {
		im.set("SMask", u.addStream(imageDict(w, h, "DeviceGray"), deflate(alpha)))
	}
	imRef := u.addStream(im, deflate(rgb))

	// Fit the image into the box, keeping its proportions, centred.
	bw, bh := r.Width(), r.Height()
	s := min(bw/float64(w), bh/float64(h))
	dw, dh := s*float64(w), s*float64(h)
	content := fmt.Sprintf("q /GS0 gs %s 0 0 %s %s %s cm /Seal Do Q",
		pt(dw), pt(dh), pt((bw-dw)/2), pt((bh-dh)/2))

	gs := newDict()
	gs.set("Type", name("ExtGState"))
	gs.set("BM", name("Multiply"))
	gsd := newDict()
	gsd.set("GS0", gs)
	xo := newDict()
	xo.set("Seal", imRef)
	res := newDict()
	res.set("XObject", xo)
	res.set("ExtGState", gsd)
	form := newDict()
	form.set("Type", name("XObject"))
	form.set("Subtype", name("Form"))
	form.set("BBox", array{raw("0"), raw("0"), pt(bw), pt(bh)})
	form.set("Resources", res)
	return u.addStream(form, []byte(content)), nil
}

func deflate(b []byte) []byte {
	var out bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&out, zlib.BestCompression)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// imageDict is the dictionary of a w×h image XObject, 8 bits a component
// in colour space cs, its samples deflated.
func imageDict(w, h int, cs name) *dict {
	d := newDict()
	d.set("Type", name("XObject"))
	d.set("Subtype", name("Image"))
	d.set("Width", w)
	d.set("Height", h)
	d.set("ColorSpace", cs)
	d.set("BitsPerComponent", 8)
	d.set("Filter", name("FlateDecode"))
	return d
}
