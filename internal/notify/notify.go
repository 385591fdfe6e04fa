// Package notify tells people about a report's notices: staff when a
// draft waits for approval, when the export is late past its deadline or
// a run failed; recipients when a notice is issued. It sends e-mail over
// SMTP (with the PDF attached) and posts to webhooks (generic JSON, or the
// bodies WeCom and DingTalk group robots accept), retries a failed
// delivery with a bounded, cancellable backoff, and returns one record
// per delivery for the archive to keep. Credentials come from the
// environment, never from report.yaml or the archive.
//
// Who is told what, and how, is report.yaml's notify: section, which
// internal/report decodes and checks (report.Notify, report.Event); this
// package reads no YAML and imports only report.
package notify

import (
	"context"
	"errors"
	"net/http"
	"os"
	"time"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// Message is what is told: the caller words it (Chinese, for people).
type Message struct {
	Event          report.Event
	Report, Period string // e.g. hengyang-county, 2022Q3
	Subject        string // mail subject, robot message title
	Text           string // plain text body
	Link           string // the version in the web view, if any
	Attachments    []Attachment
}

// Attachment is a file sent with a mail (the notice PDF).
type Attachment struct {
	Name        string // notice.pdf
	ContentType string // application/pdf
	Data        []byte
}

// Delivery records one message to one addressee, for the archive.
type Delivery struct {
	Event     report.Event `json:"event"`
	Channel   string       `json:"channel"` // email or webhook
	To        string       `json:"to"`      // the address; a webhook without its query (keys)
	At        time.Time    `json:"at"`      // when the last attempt ended
	Attempts  int          `json:"attempts"`
	MessageID string       `json:"message_id,omitempty"`
	OK        bool         `json:"ok"`
	Result    string       `json:"result"` // 已送达, or why not
}

// Retry bounds the attempts of one delivery: the wait starts at Initial
// and doubles up to Max between attempts.
type Retry struct {
	Attempts     int
	Initial, Max time.Duration
}

// DefaultRetry tries four times over about a minute and a half.
var DefaultRetry = Retry{Attempts: 4, Initial: 10 * time.Second, Max: time.Minute}

// Notifier sends messages as a report's Config says.
type Notifier struct {
	Config report.Notify
	Retry  Retry               // zero: DefaultRetry
	Getenv func(string) string // nil: os.Getenv
	Client *http.Client        // nil: a client with a 30 s timeout
	Now    func() time.Time    // nil: time.Now
}

// Notify tells everyone the config names for m.Event and returns one
// record per addressee. It never fails as a whole: a delivery that keeps
// failing, or is cut short by ctx, is recorded as such. Callers issue
// first and notify after, so telling people never blocks or undoes an
// issuance; give ctx a deadline to bound the time spent.
func (n *Notifier) Notify(ctx context.Context, m Message) []Delivery {
	var out []Delivery
	for _, g := range []struct {
		a        *report.Audience
		defaults []report.Event
		attach   string
	}{
		{&n.Config.Staff, []report.Event{report.EventDraft, report.EventLate, report.EventFailed}, "link"},
		{&n.Config.Recipients, []report.Event{report.EventIssued}, "pdf"},
	} {
		if !wants(g.a, m.Event, g.defaults...) {
			continue
		}
		mm := m
		if attach := g.a.Attach; attach == "link" || (attach == "" && g.attach == "link") {
			mm.Attachments = nil
		}
		for _, addr := range g.a.Email {
			out = append(out, n.deliver(ctx, m.Event, "email", addr, func(ctx context.Context, id *string) error {
				return n.sendMail(ctx, addr, mm, id)
			}))
		}
		for _, w := range g.a.Webhooks {
			out = append(out, n.deliver(ctx, m.Event, "webhook", redact(w.URL), func(ctx context.Context, id *string) error {
				return n.post(ctx, w, m, id)
			}))
		}
	}
	return out
}

// permanent marks an error that retrying cannot fix (a rejected address,
// a missing credential, a 4xx answer).
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// deliver runs send with retries and returns its record.
func (n *Notifier) deliver(ctx context.Context, ev report.Event, channel, to string, send func(context.Context, *string) error) Delivery {
	r := n.Retry
	if r.Attempts < 1 {
		r = DefaultRetry
	}
	d := Delivery{Event: ev, Channel: channel, To: to}
	wait := r.Initial
	var err error
	for d.Attempts < r.Attempts {
		d.Attempts++
		if err = send(ctx, &d.MessageID); err == nil {
			break
		}
		var p permanent
		if errors.As(err, &p) || d.Attempts == r.Attempts || ctx.Err() != nil {
			break
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
		}
		if ctx.Err() != nil {
			break
		}
		wait = min(2*wait, max(r.Max, r.Initial))
	}
	d.At = n.now()
	switch {
	case err == nil:
		d.OK, d.Result = true, "已送达"
	case ctx.Err() != nil:
		d.Result = "已取消（" + err.Error() + "）"
	default:
		d.Result = err.Error()
	}
	return d
}

func (n *Notifier) now() time.Time {
	if n.Now != nil {
		return n.Now()
	}
	return time.Now()
}

func (n *Notifier) getenv(k string) string {
	if n.Getenv != nil {
		return n.Getenv(k)
	}
	return os.Getenv(k)
}

// wants reports whether the audience is told about e.
func wants(a *report.Audience, e report.Event, defaults ...report.Event) bool {
	on := a.On
	if len(on) == 0 {
		on = defaults
	}
	for _, x := range on {
		if x == e {
			return true
		}
	}
	return false
}
