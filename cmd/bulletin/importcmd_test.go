package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	q2 := filepath.Join(sampleReport, "data", "2022Q2.xlsx")

	out, errOut, err := call(importCommand, "--report", sampleReport, "--archive", dir, q2)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "已导入 hengyang-county 2022Q2") || strings.TrimSpace(out) != filepath.Join(dir, "hengyang-county", "2022Q2") {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
	git := func(args ...string) string {
		b, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, b)
		}
		return string(b)
	}
	if got := strings.TrimSpace(git("tag", "-l")); got != "hengyang-county/2022Q2/v1" {
		t.Errorf("tags = %q", got)
	}
	js := git("show", "hengyang-county/2022Q2/v1:hengyang-county/2022Q2/snapshot.json")
	if !strings.Contains(js, `"units"`) || !strings.Contains(js, "2022Q2.xlsx") {
		t.Errorf("snapshot.json:\n%.400s", js)
	}
	if s := git("status", "--porcelain"); s != "" {
		t.Errorf("git status: %q", s)
	}

	// Again: nothing new.
	if _, errOut, err := call(importCommand, "--report", sampleReport, "--archive", dir, "--period", "2022Q2", q2); err != nil || !strings.Contains(errOut, "未新增提交") {
		t.Errorf("second import: %v %q", err, errOut)
	}
	// A file whose name holds no period needs --period.
	plain := filepath.Join(t.TempDir(), "导出.xlsx")
	data, _ := os.ReadFile(q2)
	os.WriteFile(plain, data, 0o644)
	if _, _, err := call(importCommand, "--report", sampleReport, "--archive", dir, plain); !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "--period") {
		t.Errorf("no period: err = %v", err)
	}
}
