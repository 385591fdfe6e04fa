package pipeline_test

import (
	"io"
	"log/slog"
	"os"
	"testing"
)

// TestMain keeps the archive's per-commit slog records out of test and
// benchmark output.
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	os.Exit(m.Run())
}
