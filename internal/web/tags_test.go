package web_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/web"
)

// The server reads each version at the commit the log gives, not through
// its tag: after `git gc` (tags in packed-refs) and with the tags gone, as
// a crash after the branch moved leaves them, every version page and file
// is still served, each version's own.
func TestVersionsReadWithoutTags(t *testing.T) {
	dir := copyArchive(t)
	for _, args := range [][]string{{"gc", "-q", "--prune=now"}, {"tag", "-d", "hengyang-county/2022Q3/v1", "hengyang-county/2022Q3/v2"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	s := newServer(t, dir, web.Options{})
	contains(t, "version 2", mustOK(t, s, "/v/hengyang-county/2022Q3/2"), "重新印发原因：县公安局数据更正", "0.4762")
	contains(t, "version 1", mustOK(t, s, "/v/hengyang-county/2022Q3/1"), "已被第2版取代", "0.2619")
	if body := mustOK(t, s, "/v/hengyang-county/2022Q3/1/notice.txt"); !strings.Contains(body, "通报") {
		t.Errorf("v1 notice.txt: %q", body[:min(len(body), 80)])
	}
}
