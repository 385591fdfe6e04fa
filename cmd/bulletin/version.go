package main

import (
	"runtime/debug"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
)

// version is the module version when built with `go install`, else the
// pipeline's (set by -ldflags).
func version() string {
	if pipeline.Version != "dev" {
		return pipeline.Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		pipeline.Version = bi.Main.Version
	}
	return pipeline.Version
}
