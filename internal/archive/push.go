package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/http"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// PushOptions say where and how to push the archive.
type PushOptions struct {
	// URL is the remote repository; empty means no push.
	URL string
	// Username and Password are HTTP(S) basic-auth credentials (a token
	// goes in Password); unused for other transports.
	Username, Password string
	// Attempts is the number of tries in this run; 0 means 1.
	Attempts int
	// Backoff is the wait after the first failure, doubled after each
	// further one; 0 means 2 s.
	Backoff time.Duration
}

// PushOptionsFor turns a report's archive settings into PushOptions,
// reading the token from the environment variable they name.
func PushOptionsFor(s report.ArchiveSettings) PushOptions {
	o := PushOptions{URL: s.Remote, Username: s.User, Attempts: 4, Backoff: 2 * time.Second}
	if s.Retries != nil {
		o.Attempts = *s.Retries + 1
	}
	if o.Username == "" {
		o.Username = "bulletin"
	}
	if s.TokenEnv != "" {
		o.Password = os.Getenv(s.TokenEnv)
	}
	return o
}

// Push sends the checked-out branch and every tag to the remote; it never
// forces, so history there is never rewritten. It pushes all the remote
// lacks, so a push that failed in an earlier run is completed by the next
// one: callers push after every run, also when nothing was committed. A
// failure leaves the local archive as it was.
func (a *Archive) Push(ctx context.Context, o PushOptions) error {
	if o.URL == "" {
		return nil
	}
	branch, head, err := a.head()
	if err != nil || head.IsZero() {
		return err
	}
	var auth transport.AuthMethod
	if o.Password != "" {
		auth = &http.BasicAuth{Username: o.Username, Password: o.Password}
	}
	remote := git.NewRemote(a.repo.Storer, &config.RemoteConfig{Name: "bulletin-push", URLs: []string{o.URL}})
	spec := config.RefSpec(branch.String() + ":" + branch.String())
	attempts := max(o.Attempts, 1)
	wait := o.Backoff
	if wait == 0 {
		wait = 2 * time.Second
	}
	tries := 0
	for i := 1; ; i++ {
		tries = i
		err = remote.PushContext(ctx, &git.PushOptions{
			RemoteName: "bulletin-push",
			RefSpecs:   []config.RefSpec{spec, "refs/tags/*:refs/tags/*"},
			Auth:       auth,
		})
		if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
			slog.Info("pushed archive", "remote", o.URL, "commit", head.String())
			return nil
		}
		slog.Warn("push failed", "remote", o.URL, "attempt", i, "err", err)
		if strings.Contains(err.Error(), "non-fast-forward") {
			// go-git returns this as plain text; retrying cannot help.
			return fmt.Errorf("远程档案库 %s 的历史与本地不一致（%v）。档案从不强制推送，以免覆盖远程的记录：请管理员核对两边的提交后再推送。本地提交已保存", o.URL, err)
		}
		if i >= attempts || ctx.Err() != nil {
			break
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		wait *= 2
	}
	return fmt.Errorf("推送档案库到 %s 失败（共尝试 %d 次）：%v。本地提交已保存，下次运行会再次推送", o.URL, tries, err)
}
