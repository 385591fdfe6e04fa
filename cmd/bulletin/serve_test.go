package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestServeRefusesAnOpenAddressWithoutAccessControl(t *testing.T) {
	t.Setenv("BULLETIN_TOKEN", "")
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:8080"} {
		var out, errb bytes.Buffer
		code := run([]string{"serve", "--archive", t.TempDir(), "--listen", addr}, &out, &errb)
		if code != 2 || !strings.Contains(errb.String(), "不是本机回环地址") || !strings.Contains(errb.String(), "反向代理") {
			t.Errorf("serve --listen %s: exit %d, stderr %q", addr, code, errb.String())
		}
	}
	t.Setenv("BULLETIN_TOKEN", "short")
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "--listen", "0.0.0.0:0"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "至少 16 个字符") {
		t.Errorf("a short token: exit %d, %q", code, errb.String())
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:80": true, "localhost:8080": true, "127.1.2.3:1": true,
		":8080": false, "0.0.0.0:80": false, "[::]:80": false, "10.0.0.1:80": false,
	} {
		got, err := isLoopback(addr)
		if err != nil || got != want {
			t.Errorf("isLoopback(%q) = %v, %v; want %v", addr, got, err, want)
		}
	}
	if _, err := isLoopback("8080"); err == nil {
		t.Error("a port alone was accepted")
	}
}

func TestServeMissingArchive(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "--archive", t.TempDir() + "/none", "--listen", "127.0.0.1:0"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "不存在") {
		t.Errorf("missing archive: exit %d, %q", code, errb.String())
	}
}
