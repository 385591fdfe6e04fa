package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/bulletin-gov/bulletin/internal/pipeline"
)

// version is the version set by -ldflags "-X .../pipeline.Version=v1.2.3",
// else the module version when built with `go install …@v1.2.3`, else
// "dev" with the commit it was built from when Go recorded one. It is
// written into every manifest, so set it once for the whole run.
func version() string {
	if pipeline.Version != "dev" {
		return pipeline.Version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return pipeline.Version
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		pipeline.Version = v
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if len(rev) > 12 {
		pipeline.Version = "dev+" + rev[:12] + dirty
	}
	return pipeline.Version
}

// versionCommand is `bulletin version`: print the program version.
func versionCommand(args []string, stdout, stderr io.Writer) error {
	if err := parse(newFlags("version", stderr), args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "bulletin", version())
	return nil
}
