package pdf

// SetCacheSize sets how many subsets are kept (0: none) and returns the
// previous size, for tests and benchmarks of notices that share no
// characters.
func SetCacheSize(n int) int {
	subsets.Lock()
	defer subsets.Unlock()
	old := cacheSize
	cacheSize = n
	evict(n, cacheBytes)
	return old
}

// SetFinishDeflatesUpTo sets finishDeflatesUpTo and returns the previous
// value, so that a test can have gofpdf compress a short document.
func SetFinishDeflatesUpTo(n int) int {
	old := finishDeflatesUpTo
	finishDeflatesUpTo = n
	return old
}
