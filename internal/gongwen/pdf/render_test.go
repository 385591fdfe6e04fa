package pdf_test

import (
	"os"
	"testing"
)

func TestRenderSample(t *testing.T) {
	r := testRenderer(t)
	out, err := r.Render(sample(t), created)
	if err != nil {
		t.Fatal(err)
	}
	if p := os.Getenv("GONGWEN_OUT"); p != "" {
		os.WriteFile(p, out, 0o644)
	}
}
