package pdf_test

import (
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/notice"
)

func TestCharacterNoFaceHas(t *testing.T) {
	doc := &notice.Document{Title: "通知", Body: []notice.Block{{Text: "张\ue000同志"}}}
	_, err := testRenderer(t).Render(doc, created)
	if err == nil {
		t.Fatal("rendered a character no face has")
	}
	for _, want := range []string{"U+E000", "正文第1段"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
