// Package notifytest runs a real SMTP server on 127.0.0.1 for the tests
// of what bulletin mails, and reads the mails it kept back into subject,
// body and attachments.
package notifytest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Server is an SMTP server that keeps every mail it is given. Set its
// fields, then call Start.
type Server struct {
	// User and Pass are the PLAIN credentials it accepts.
	User, Pass string
	// FailFirst answers the first n DATA commands with a temporary 451.
	FailFirst int
	// Reject refuses this recipient for good (550).
	Reject string

	mu     sync.Mutex
	mails  []Mail
	logins int
}

// Mail is one mail the server kept: its envelope and its raw message.
type Mail struct {
	From string
	To   []string
	Data []byte
}

// Start runs the server until the test ends and returns its port.
func (s *Server) Start(t testing.TB) int {
	t.Helper()
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// Mails are the mails kept so far, in the order they came.
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

// Logins counts the successful authentications.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

type session struct {
	s    *Server
	from string
	to   []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.s.User || pass != s.s.Pass {
			return errors.New("invalid credentials")
		}
		s.s.mu.Lock()
		s.s.logins++
		s.s.mu.Unlock()
		return nil
	}), nil
}
func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == s.s.Reject {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	s.to = append(s.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.s.mu.Lock()
	defer s.s.mu.Unlock()
	if s.s.FailFirst > 0 {
		s.s.FailFirst--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.s.mails = append(s.s.mails, Mail{s.from, s.to, b})
	return nil
}
func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// Message is a mail read back: its header, its subject decoded, its text
// body and its attachments in order.
type Message struct {
	Header  mail.Header
	Subject string
	Body    string
	Files   []File
}

// File is one attachment, decoded.
type File struct {
	Name string
	Data []byte
}

// Read reads a kept mail back.
func (m Mail) Read() (*Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return nil, err
	}
	out := &Message{Header: msg.Header}
	if out.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return nil, fmt.Errorf("Subject: %w", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("Content-Type: %w", err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		data, err := decode(msg.Body, msg.Header.Get("Content-Transfer-Encoding"))
		out.Body = string(data)
		return out, err
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		data, err := decode(p, p.Header.Get("Content-Transfer-Encoding"))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.FileName(), err)
		}
		if name := p.FileName(); name != "" {
			out.Files = append(out.Files, File{name, data})
		} else {
			out.Body = string(data)
		}
	}
}

// decode undoes a Content-Transfer-Encoding.
func decode(r io.Reader, encoding string) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(encoding) {
	case "base64":
		return base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(data)), ""))
	case "quoted-printable":
		return io.ReadAll(quotedprintable.NewReader(bytes.NewReader(data)))
	}
	return data, nil
}
