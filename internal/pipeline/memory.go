package pipeline

import (
	"os"
	"runtime/debug"
)

// MemoryLimit is the soft memory limit (runtime/debug.SetMemoryLimit) a
// one-shot command sets for itself with LimitMemory. Go lets its heap grow
// to twice what is live before collecting, and freed memory is given back
// to the system slowly: a 5,000-unit dry run, about 130 MB live at its
// busiest (the figures while the notice is filled, the .docx of the long
// table), peaked at 290–360 MB RSS. Under this limit the collector runs
// sooner and the same run peaks at about 235 MB, for no measurable CPU. The
// limit is soft: the largest export read (9,900 units, about 260 MB live)
// still completes, at 316 MB instead of 614 MB but with twice the CPU
// (21 s instead of 10 s), the collector taking at most half of it.
// GOMEMLIMIT=off restores Go's default.
const MemoryLimit = 200 << 20

// LimitMemory sets MemoryLimit, unless the GOMEMLIMIT environment variable
// sets a limit of its own. Only a process that runs one issuance (`bulletin
// run`, `check`, `import`) should call it: a service sets GOMEMLIMIT for
// its whole workload.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}
