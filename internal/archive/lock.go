package archive

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// lockName is the writer lock inside .git. Git itself ignores it.
const lockName = "bulletin.lock"

// lockInfo is what the lock file says about its holder.
type lockInfo struct {
	PID   int       `json:"pid"`
	Host  string    `json:"host"`
	Since time.Time `json:"since"`
}

// LockedError is returned by Lock when another process holds the archive.
type LockedError struct {
	Path  string // the lock file
	PID   int
	Host  string
	Since time.Time
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("档案库正被另一个 bulletin 进程写入（主机 %s，进程号 %d，自 %s 起）。请等它结束后再试；如确认该进程已不存在，可删除锁文件 %s",
		e.Host, e.PID, e.Since.Local().Format("2006-01-02 15:04:05"), e.Path)
}

// Lock takes the archive's writer lock, so that one process at a time
// writes; unlock releases it. A lock left behind by a process that died on
// this host is taken over (its pid no longer runs). After taking the lock,
// Lock repairs what a crash may have left half done (see repair).
func (a *Archive) Lock() (unlock func(), err error) {
	if a.held {
		return nil, errors.New("archive: Lock called twice")
	}
	path := filepath.Join(a.gitDir, lockName)
	host, _ := os.Hostname()
	me := lockInfo{PID: os.Getpid(), Host: host, Since: time.Now().UTC().Truncate(time.Second)}
	data, _ := json.Marshal(me)
	for attempt := 0; ; attempt++ {
		err := createExclusive(path, data)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("创建锁文件 %s: %w", path, err)
		}
		held, rerr := readLock(path)
		if rerr != nil {
			if errors.Is(rerr, os.ErrNotExist) && attempt < 3 {
				continue // released meanwhile
			}
			return nil, fmt.Errorf("读取锁文件 %s: %w（如无其他进程在运行，可删除它）", path, rerr)
		}
		if held.Host == host && held.PID != me.PID && !processAlive(held.PID) && attempt < 3 {
			slog.Warn("taking over stale archive lock", "pid", held.PID, "since", held.Since)
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("删除失效的锁文件 %s: %w", path, err)
			}
			continue
		}
		return nil, &LockedError{Path: path, PID: held.PID, Host: held.Host, Since: held.Since}
	}
	a.held = true
	release := func() {
		if !a.held {
			return
		}
		a.held = false
		if cur, err := readLock(path); err == nil && cur.PID == me.PID && cur.Since.Equal(me.Since) {
			os.Remove(path)
		}
	}
	if err := a.repair(); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// createExclusive writes data to a temporary file and links it to path, so
// that the lock file appears atomically with its content, or fails with
// os.ErrExist.
func createExclusive(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), lockName+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Link(tmp.Name(), path)
}

func readLock(path string) (lockInfo, error) {
	var li lockInfo
	data, err := os.ReadFile(path)
	if err != nil {
		return li, err
	}
	if err := json.Unmarshal(data, &li); err != nil {
		// An older or hand-written lock: a bare pid.
		pid, perr := strconv.Atoi(string(data))
		if perr != nil {
			return li, fmt.Errorf("锁文件内容无法识别: %w", err)
		}
		li.PID = pid
	}
	return li, nil
}

// ensureLocked takes the lock unless this Archive already holds it.
func (a *Archive) ensureLocked() (func(), error) {
	if a.held {
		return func() {}, nil
	}
	return a.Lock()
}
