// Command serveload measures `bulletin serve` on a large archive: it builds
// an archive of 2,000 issuances (50 reports × 40 quarters, 2013Q1–2022Q4,
// each with a real notice PDF and workbook from the bundled sample and its
// own snapshot and notice text) unless the folder holds one already,
// starts `bulletin serve` on it, times the start-up, drives catalogue and
// version pages with concurrent clients, and reports latency percentiles
// and the server's peak resident memory.
//
//	go build -o /tmp/bulletin ./cmd/bulletin
//	go run ./cmd/serveload -archive /tmp/big -bulletin /tmp/bulletin
//
// It is a developer's tool (docs/serve.md quotes its figures); its output
// is English.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	archiveDir := flag.String("archive", "", "archive folder; built when missing")
	bulletin := flag.String("bulletin", "", "the bulletin binary to start (go build -o /tmp/bulletin ./cmd/bulletin)")
	reports := flag.Int("reports", 50, "reports in a built archive")
	quarters := flag.Int("quarters", 40, "quarters per report in a built archive")
	clients := flag.Int("c", 50, "concurrent clients")
	duration := flag.Duration("d", 20*time.Second, "how long to drive the server")
	procs := flag.Int("procs", 2, "GOMAXPROCS of the server")
	warm := flag.Bool("warm", true, "wait for the server's warm-up (every version read once) before the load")
	flag.Parse()
	if *archiveDir == "" || *bulletin == "" {
		flag.Usage()
		os.Exit(2)
	}
	slog.SetDefault(slog.New(slog.DiscardHandler))
	if _, err := os.Stat(filepath.Join(*archiveDir, ".git")); err != nil {
		start := time.Now()
		if err := build(*archiveDir, *reports, *quarters); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("built %d issuances in %v\n", *reports**quarters, time.Since(start).Round(time.Second))
	}
	if err := measure(*bulletin, *archiveDir, *clients, *duration, *procs, *warm); err != nil {
		log.Fatal(err)
	}
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func measure(bin, dir string, clients int, d time.Duration, procs int, warm bool) error {
	addr, err := freePort()
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, "serve", "--archive", dir, "--listen", addr)
	cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	warmed := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "已预读全部版本") {
				warmed <- sc.Text()
			}
		}
	}()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	base := "http://" + addr
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	for {
		res, err := client.Get(base + "/")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Since(start) > 30*time.Second {
			return fmt.Errorf("the server did not answer within 30 s: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Printf("start-up (process start to first catalogue page): %v\n", time.Since(start).Round(time.Millisecond))
	if warm {
		select {
		case line := <-warmed:
			fmt.Printf("warm-up done %v after start: %s\n", time.Since(start).Round(time.Second), line)
		case <-time.After(5 * time.Minute):
			return fmt.Errorf("no warm-up line from the server within 5 min")
		}
	}
	cpu0 := cpuTime(cmd.Process.Pid)

	// The pages: the catalogue (first page, later pages, filters) and
	// version pages, found from the catalogue's own links.
	versions, err := versionLinks(client, base)
	if err != nil {
		return err
	}
	catalogues := []string{"/", "/?page=2", "/?page=10", "/?year=2020", "/?quarter=3", "/?report=county-07", "/?text=" + "county-1"}
	fmt.Printf("%d version pages, %d catalogue pages; %d clients for %v\n", len(versions), len(catalogues), clients, d)

	var mu sync.Mutex
	lat := map[string][]time.Duration{}
	var failures int
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, 1))
			for ctx.Err() == nil {
				kind, path := "version", versions[rng.IntN(len(versions))]
				if rng.IntN(2) == 0 {
					kind, path = "catalogue", catalogues[rng.IntN(len(catalogues))]
				}
				t := time.Now()
				res, err := client.Get(base + path)
				ok := err == nil && res.StatusCode == 200
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				el := time.Since(t)
				mu.Lock()
				if ok {
					lat[kind] = append(lat[kind], el)
				} else if ctx.Err() == nil {
					failures++
					if failures <= 3 {
						code := 0
						if res != nil {
							code = res.StatusCode
						}
						fmt.Printf("failed: %s: %d %v\n", path, code, err)
					}
				}
				mu.Unlock()
			}
		}(uint64(c))
	}
	wg.Wait()
	total := 0
	for _, kind := range []string{"catalogue", "version"} {
		ls := lat[kind]
		total += len(ls)
		slices.Sort(ls)
		p := func(q float64) time.Duration {
			return ls[min(len(ls)-1, int(q*float64(len(ls))))].Round(100 * time.Microsecond)
		}
		fmt.Printf("%-9s n=%6d  p50 %8v  p90 %8v  p99 %8v  max %8v\n", kind, len(ls), p(0.50), p(0.90), p(0.99), ls[len(ls)-1].Round(100*time.Microsecond))
	}
	fmt.Printf("throughput %.0f requests/s, %d failed; server CPU %.2f ms a request\n", float64(total)/d.Seconds(), failures,
		float64((cpuTime(cmd.Process.Pid)-cpu0).Microseconds())/1000/float64(total))
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("load average (the machine's other work competes for the cores): %s", load)
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err == nil {
		for _, l := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
				fmt.Println("server", strings.Join(strings.Fields(l), " "))
			}
		}
	}
	return nil
}

// cpuTime is the user+system CPU time a process has used (Linux).
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which is in parentheses): utime is
	// the 12th, stime the 13th, in clock ticks (100 a second).
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
	var ut, st int64
	fmt.Sscan(f[11], &ut)
	fmt.Sscan(f[12], &st)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

// versionLinks collects every version page linked from every catalogue
// page.
func versionLinks(c *http.Client, base string) ([]string, error) {
	var out []string
	for page := 1; ; page++ {
		res, err := c.Get(fmt.Sprintf("%s/?page=%d", base, page))
		if err != nil {
			return nil, err
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		n := len(out)
		for _, part := range strings.Split(string(body), `<td><a href="`)[1:] {
			link, _, _ := strings.Cut(part, `"`)
			if strings.HasPrefix(link, "/v/") && strings.Count(link, "/") == 4 {
				out = append(out, link)
			}
		}
		if len(out) == n || !strings.Contains(string(body), "较早 →") {
			break
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no version pages found")
	}
	return out, nil
}
