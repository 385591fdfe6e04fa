package pdf

import (
	"encoding/binary"
	"math"
	"sync"
)

// The output intent of a PDF/A file says in which colour space its device
// colours (the notice's black and red, DeviceRGB) are meant: sRGB. The
// profile is made here rather than shipped, so that no one's copyright
// travels with every notice: an ICC version 2 display profile built from
// the published sRGB definition (IEC 61966-2-1: the primaries' D50
// colorants as the ICC's own sRGB profiles give them, and the sRGB tone
// curve sampled at 1024 points). Its description and copyright tags say
// it is bulletin's and free of rights.

// srgbProfile returns the profile; it is built once.
var srgbProfile = sync.OnceValue(buildSRGB)

const (
	iccDescription = "sRGB IEC61966-2.1 (bulletin)"
	iccCopyright   = "No copyright, use freely"
)

func buildSRGB() []byte {
	s15 := func(b []byte, v float64) []byte {
		x := int32(math.Round(v * 65536))
		return be.AppendUint32(b, uint32(x))
	}
	xyz := func(x, y, z float64) []byte {
		b := []byte("XYZ \x00\x00\x00\x00")
		return s15(s15(s15(b, x), y), z)
	}
	desc := func(s string) []byte {
		b := []byte("desc\x00\x00\x00\x00")
		b = be.AppendUint32(b, uint32(len(s)+1))
		b = append(b, s...)
		b = append(b, 0)
		b = be.AppendUint32(b, 0) // Unicode language
		b = be.AppendUint32(b, 0) // Unicode count
		b = be.AppendUint16(b, 0) // ScriptCode code
		b = append(b, 0)          // ScriptCode count
		return append(b, make([]byte, 67)...)
	}
	text := func(s string) []byte {
		b := []byte("text\x00\x00\x00\x00")
		return append(append(b, s...), 0)
	}
	curve := func() []byte {
		const n = 1024
		b := []byte("curv\x00\x00\x00\x00")
		b = be.AppendUint32(b, n)
		for i := 0; i < n; i++ {
			v := float64(i) / (n - 1)
			if v <= 0.04045 {
				v /= 12.92
			} else {
				v = math.Pow((v+0.055)/1.055, 2.4)
			}
			b = be.AppendUint16(b, uint16(math.Round(v*65535)))
		}
		return b
	}
	trc := curve()
	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", desc(iccDescription)},
		{"cprt", text(iccCopyright)},
		{"wtpt", xyz(0.9642, 1, 0.8249)},
		{"rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)},
		{"gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)},
		{"bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)},
		{"rTRC", trc},
		{"gTRC", trc},
		{"bTRC", trc},
	}
	// Lay the tag data out after the header and the tag table, each on a
	// 4-byte boundary; the three tone curves share one copy.
	off := 128 + 4 + 12*len(tags)
	var data []byte
	table := be.AppendUint32(nil, uint32(len(tags)))
	trcAt := -1
	for _, t := range tags {
		at := off + len(data)
		if t.sig[1:] == "TRC" {
			if trcAt < 0 {
				trcAt = at
				data = append(data, t.data...)
			}
			at = trcAt
		} else {
			data = append(data, t.data...)
		}
		table = append(table, t.sig...)
		table = be.AppendUint32(table, uint32(at))
		table = be.AppendUint32(table, uint32(len(t.data)))
		for len(data)%4 != 0 {
			data = append(data, 0)
		}
	}
	size := off + len(data)
	h := make([]byte, 0, size)
	h = be.AppendUint32(h, uint32(size))
	h = append(h, 0, 0, 0, 0)    // preferred CMM: none
	h = append(h, 2, 0x10, 0, 0) // version 2.1
	h = append(h, "mntrRGB XYZ "...)
	for _, v := range []uint16{2026, 1, 1, 0, 0, 0} { // creation date
		h = be.AppendUint16(h, v)
	}
	h = append(h, "acsp"...)
	h = append(h, make([]byte, 4+4+4+4+8+4)...) // platform, flags, manufacturer, model, attributes, intent
	h = s15(s15(s15(h, 0.9642), 1), 0.8249)     // PCS illuminant D50
	h = append(h, make([]byte, 4+16+28)...)     // creator, profile ID, reserved
	h = append(h, table...)
	return append(h, data...)
}

// be writes the profile's big-endian numbers.
var be = binary.BigEndian
