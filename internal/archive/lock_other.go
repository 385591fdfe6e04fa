//go:build !unix

package archive

import (
	"os"
	"sync"
)

// Without flock, writers are serialised within one process only.
var processLock sync.Mutex

func tryLock(f *os.File) (bool, error) { return processLock.TryLock(), nil }

func unlockFile(f *os.File) { processLock.Unlock() }
