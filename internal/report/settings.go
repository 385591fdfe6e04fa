package report

import (
	"encoding/json"

	"github.com/goccy/go-yaml"
)

// NoticeSettings returns what in a report.yaml shapes the notice, as
// canonical JSON (sorted keys, no comments, no formatting): every setting
// but schedule, archive, approval and notify, which say when, where and
// with whose approval a notice is issued and who is told, not what it
// says. Two report.yaml files with equal NoticeSettings make the same
// notice from the same data; the pipeline hashes it as an input.
func NoticeSettings(yamlBytes []byte) ([]byte, error) {
	var m map[string]any
	if err := yaml.Unmarshal(yamlBytes, &m); err != nil {
		return nil, err
	}
	for _, k := range []string{"schedule", "archive", "approval", "notify"} {
		delete(m, k)
	}
	return json.Marshal(m)
}
