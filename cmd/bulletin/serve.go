package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/bulletin-gov/bulletin/internal/web"
)

// serveCommand is `bulletin serve`: the archive on the web, read-only,
// until SIGINT or SIGTERM.
func serveCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	archiveDir := fs.String("archive", "archive", "档案库`文件夹`（git 仓库）")
	listen := fs.String("listen", "127.0.0.1:8080", "监听`地址`；非本机回环地址须用 --token-file 或 --users 设置访问控制")
	tokenFile := fs.String("token-file", "", "访问令牌`文件`（第一行为令牌）；也可用环境变量 BULLETIN_TOKEN")
	usersFile := fs.String("users", "", "用户`文件`：每行“用户名:bcrypt哈希”")
	reportsDir := fs.String("reports", "reports", "报告总`文件夹`：历期数据页用其中 report.yaml 给各数据集起的名称（datasets 的 name）；没有此文件夹时用数据集编号")
	refresh := fs.Duration("refresh", 2*time.Second, "多久查看一次档案库的新提交（`时长`，如 2s）")
	hashPassword := fs.Bool("hash-password", false, "从标准输入读一个密码，输出其 bcrypt 哈希（用于 --users 文件），然后退出")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *hashPassword {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		pw := strings.TrimRight(line, "\r\n")
		if len(pw) < 8 {
			return usageError{"密码至少 8 个字符"}
		}
		h, err := web.HashPassword(pw)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, h)
		return nil
	}
	if *refresh < 100*time.Millisecond {
		return usageError{"--refresh 至少 100ms（如 2s）"}
	}
	auth, err := serveAuth(*tokenFile, *usersFile)
	if err != nil {
		return err
	}
	loopback, err := isLoopback(*listen)
	if err != nil {
		return usageError{err.Error()}
	}
	if !loopback && auth == nil {
		return usageError{fmt.Sprintf("--listen %s 不是本机回环地址：对外提供须设置访问控制（--token-file、BULLETIN_TOKEN 或 --users），或只监听 127.0.0.1 并由单位的反向代理对外提供（见 docs/zh/web.md）", *listen)}
	}
	// Memory stays bounded on a large archive: what is remembered is
	// capped, and the collector works harder near this limit rather than
	// letting garbage (files read once) grow the heap. $GOMEMLIMIT wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(170 << 20)
	}
	store, err := web.OpenArchive(*archiveDir)
	if err != nil {
		return err
	}
	defer store.Close()
	logger := slog.New(zhHandler{slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})})
	h, err := web.New(store, web.Options{RefreshEvery: *refresh, Auth: auth, Program: version(), Log: logger, Warm: true,
		DatasetNames: serveDatasetNames(*reportsDir, logger)})
	if err != nil {
		return err
	}
	defer h.Close() // runs before store.Close
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("无法监听 %s：%w", *listen, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stderr, "档案库 %s 已在 http://%s/ 提供（只读；Ctrl-C 停止）\n", *archiveDir, ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}

// serveAuth builds the access control from a token file (or
// $BULLETIN_TOKEN) or a users file; nil when neither is given.
func serveAuth(tokenFile, usersFile string) (web.Authenticator, error) {
	if tokenFile != "" && usersFile != "" {
		return nil, usageError{"--token-file 和 --users 只能选一个"}
	}
	if usersFile != "" {
		data, err := os.ReadFile(usersFile)
		if err != nil {
			return nil, fmt.Errorf("读取用户文件：%w", err)
		}
		return web.ParseUsers(usersFile, data)
	}
	token := os.Getenv("BULLETIN_TOKEN")
	if tokenFile != "" {
		data, err := os.ReadFile(tokenFile)
		if err != nil {
			return nil, fmt.Errorf("读取令牌文件：%w", err)
		}
		token, _, _ = strings.Cut(string(data), "\n")
	}
	token = strings.TrimSpace(token)
	if token == "" {
		if tokenFile != "" {
			return nil, fmt.Errorf("令牌文件 %s 为空", tokenFile)
		}
		return nil, nil
	}
	if len(token) < 16 {
		return nil, errors.New("访问令牌至少 16 个字符")
	}
	return web.Token(token), nil
}

// isLoopback reports whether every address host:port listens on is a
// loopback address; an empty host (every interface) is not.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--listen %q 应为“地址:端口”，如 127.0.0.1:8080", addr)
	}
	if host == "" {
		return false, nil
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback(), nil
	}
	ips, err := net.LookupIP(host)
	if err != nil || len(ips) == 0 {
		return false, fmt.Errorf("--listen：无法解析主机名 %q", host)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return false, nil
		}
	}
	return true, nil
}

// serveDatasetNames are the dataset names of the reports under dir, for
// the history pages' titles. The pages work without them (a dataset is
// then named by its id): a missing folder is silent, a report that does
// not load is a warning.
func serveDatasetNames(dir string, logger *slog.Logger) map[string]map[string]string {
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	defs, err := loadReportFolders(dir)
	if err != nil {
		logger.Warn("读取报告定义失败，历期数据页以编号称呼数据集", "reports", dir, "err", err)
	}
	return web.DatasetNames(defs...)
}
