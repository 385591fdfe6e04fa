package archive

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// lockName is the writer lock inside .git. Git itself ignores it. The file
// stays; what locks is an OS lock on it (flock), which the kernel releases
// when its holder exits, however it exits (kill -9 included). So there is
// no stale lock to take over: not from a dead PID 1 in a container, not
// from another hostname, not from a zombie.
const lockName = "bulletin.lock"

// lockInfo is what the holder writes into the lock file, so that a refused
// writer can say who holds the archive.
type lockInfo struct {
	PID   int       `json:"pid"`
	Host  string    `json:"host"`
	Since time.Time `json:"since"`
	// Doing says what the holder is writing (report and period).
	Doing string `json:"doing,omitempty"`
}

// LockedError is returned by Lock when another writer holds the archive.
// Its fields describe the real holder, as it wrote them into the lock file.
type LockedError struct {
	Path  string // the lock file
	PID   int
	Host  string
	Since time.Time
	Doing string
	// Self is true when the holder is this very process (another task of
	// the same service).
	Self bool
}

func (e *LockedError) Error() string {
	who := fmt.Sprintf("另一个 bulletin 进程（主机 %s，进程号 %d", e.Host, e.PID)
	switch {
	case e.PID == 0:
		who = "另一个 bulletin 进程（刚刚启动"
	case e.Self:
		who = fmt.Sprintf("本进程的另一项任务（进程号 %d", e.PID)
	}
	if !e.Since.IsZero() {
		who += "，自 " + e.Since.Local().Format("2006-01-02 15:04:05") + " 起"
	}
	if e.Doing != "" {
		who += "，正在写入 " + e.Doing
	}
	return "档案库正被" + who + "）写入，请稍后再试；锁随持有进程结束自动释放"
}

// Lock takes the archive's writer lock without waiting, so that one writer
// at a time commits; unlock releases it. doing names what will be written
// (shown to a writer that is refused meanwhile). After taking the lock,
// Lock repairs what a crash may have left half done (see repair).
func (a *Archive) Lock(doing ...string) (unlock func(), err error) {
	if a.held {
		return nil, errors.New("archive: Lock called twice")
	}
	path := filepath.Join(a.gitDir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("打开锁文件 %s: %w", path, err)
	}
	ok, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("锁定档案库 %s: %w", path, err)
	}
	if !ok {
		f.Close()
		le := &LockedError{Path: path}
		if data, err := os.ReadFile(path); err == nil {
			var li lockInfo
			if json.Unmarshal(data, &li) == nil {
				le.PID, le.Host, le.Since, le.Doing = li.PID, li.Host, li.Since, li.Doing
			}
		}
		host, _ := os.Hostname()
		le.Self = le.PID == os.Getpid() && le.Host == host
		return nil, le
	}
	host, _ := os.Hostname()
	me := lockInfo{PID: os.Getpid(), Host: host, Since: time.Now().UTC().Truncate(time.Second)}
	if len(doing) > 0 {
		me.Doing = doing[0]
	}
	data, _ := json.Marshal(me)
	if err := f.Truncate(0); err == nil {
		f.WriteAt(data, 0)
	}
	a.held = true
	release := func() {
		if !a.held {
			return
		}
		a.held = false
		unlockFile(f)
		f.Close()
	}
	a.cleanTemp()
	if err := a.repair(); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// ensureLocked takes the lock unless this Archive already holds it.
func (a *Archive) ensureLocked() (func(), error) {
	if a.held {
		return func() {}, nil
	}
	return a.Lock()
}
