package web

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/crypto/bcrypt"
)

// Authenticator decides whether a request may read the archive.
type Authenticator interface {
	Allow(r *http.Request) bool
}

// Token accepts a request that presents the token, as a bearer token
// (Authorization: Bearer …) or as the password of HTTP Basic
// authentication with any user name (what a browser asks for). The
// comparison takes the same time whatever the token presented.
type Token string

// Allow implements Authenticator.
func (t Token) Allow(r *http.Request) bool {
	got := ""
	if _, pw, ok := r.BasicAuth(); ok {
		got = pw
	} else if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		got = strings.TrimPrefix(h, "Bearer ")
	}
	// Hashing both sides makes the comparison independent of the lengths.
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(t))
	return got != "" && subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// Users accepts HTTP Basic authentication against bcrypt password hashes.
type Users map[string][]byte

// dummyHash is compared against for an unknown user, so that a wrong name
// takes as long as a wrong password.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("bulletin"), bcrypt.DefaultCost)
	return h
})

// Allow implements Authenticator.
func (u Users) Allow(r *http.Request) bool {
	name, pw, ok := r.BasicAuth()
	if !ok {
		return false
	}
	h, known := u[name]
	if !known {
		h = dummyHash()
	}
	return bcrypt.CompareHashAndPassword(h, []byte(pw)) == nil && known
}

// HashPassword returns the bcrypt hash of pw for a users file line
// ("name:hash"), as `bulletin serve --hash-password` prints it.
func HashPassword(pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	return string(h), err
}

// ParseUsers reads a users file: one "name:bcrypt-hash" a line (as
// `htpasswd -nB name` or `bulletin serve --hash-password` writes them);
// empty lines and lines starting with # are skipped.
func ParseUsers(file string, data []byte) (Users, error) {
	u := Users{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, hash, ok := strings.Cut(line, ":")
		if !ok || name == "" {
			return nil, fmt.Errorf("%s 第%d行：应为“用户名:bcrypt哈希”", file, n)
		}
		if _, err := bcrypt.Cost([]byte(hash)); err != nil {
			return nil, fmt.Errorf("%s 第%d行（用户 %s）：密码不是 bcrypt 哈希（应以 $2a$、$2b$ 或 $2y$ 开头），请用 bulletin serve --hash-password 生成", file, n, name)
		}
		u[name] = []byte(hash)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(u) == 0 {
		return nil, fmt.Errorf("%s 中没有用户", file)
	}
	return u, nil
}
