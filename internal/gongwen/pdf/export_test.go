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
