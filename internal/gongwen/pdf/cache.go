package pdf

import (
	"sync"
	"weak"

	"github.com/bulletin-gov/bulletin/internal/fonts"
	"github.com/bulletin-gov/bulletin/internal/gongwen"
)

// A batch of notices of one report draws mostly the same characters: the
// same words, the same units' names, digits. The last few subsets cut for
// maroto (see Render) are kept and handed again, as the same bytes, to a
// document that draws exactly the same characters in the same face of the
// same font. The output is the same bytes either way.
//
// Fonts are held weakly: a cached subset never keeps a font set alive,
// and one that was collected is never mistaken for a new one.

// cacheSize is the number of subsets kept, and cacheBytes bounds their
// total size: the subset of a whole CJK face (a province-wide table) can
// be megabytes.
var (
	cacheSize  = 16
	cacheBytes = 8 << 20
)

type subsetKey struct {
	font  weak.Pointer[fonts.Font]
	face  gongwen.Face
	runes string // the characters drawn, sorted
}

var subsets struct {
	sync.Mutex
	keys  []subsetKey // least recently used first
	m     map[subsetKey][]byte
	bytes int // the subsets' total size
}

// subsetFor returns font's subset for runes (sorted) as face, from the
// cache or cut now.
func subsetFor(face gongwen.Face, font *fonts.Font, m gongwen.Metrics, runes []rune) []byte {
	key := subsetKey{weak.Make(font), face, string(runes)}
	subsets.Lock()
	sub, ok := subsets.m[key]
	if ok {
		touch(key)
	}
	subsets.Unlock()
	if ok {
		return sub
	}
	sub = font.Subset(runes, func(r rune) float64 {
		a, _ := m.Advance(face, r)
		return a
	})
	subsets.Lock()
	defer subsets.Unlock()
	if subsets.m == nil {
		subsets.m = map[subsetKey][]byte{}
	}
	if _, ok := subsets.m[key]; !ok && len(sub) <= cacheBytes/2 {
		subsets.m[key] = sub
		subsets.keys = append(subsets.keys, key)
		subsets.bytes += len(sub)
		evict(cacheSize, cacheBytes)
	}
	return sub
}

// evict drops the least recently used subsets until at most n remain,
// holding at most size bytes.
func evict(n, size int) {
	for len(subsets.keys) > 0 && (len(subsets.keys) > n || subsets.bytes > size) {
		k := subsets.keys[0]
		subsets.bytes -= len(subsets.m[k])
		delete(subsets.m, k)
		subsets.keys = subsets.keys[1:]
	}
}

// touch moves key to the most recently used end.
func touch(key subsetKey) {
	for i, k := range subsets.keys {
		if k == key {
			copy(subsets.keys[i:], subsets.keys[i+1:])
			subsets.keys[len(subsets.keys)-1] = key
			return
		}
	}
}
