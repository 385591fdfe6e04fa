package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"time"

	"github.com/bulletin-gov/bulletin/internal/archive"
	"github.com/bulletin-gov/bulletin/internal/notify"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/wording"
)

// Telling people (docs/notify.md). Notifications are sent after the
// commit they are about and never fail or undo it: a delivery that fails
// is recorded as failed, and a record that cannot be written is a note.
// Every delivery is recorded in the archive, in
// .records/notify/<report>/<period>.json (one JSON array per period, the
// newest last), committed after the deliveries.

// notifyTimeout bounds the time spent telling people after a commit.
const notifyTimeout = 3 * time.Minute

// DeliveryRecord is one delivery as the archive keeps it.
type DeliveryRecord struct {
	Report  string `json:"report"`
	Period  string `json:"period"`
	Version int    `json:"version,omitempty"`
	notify.Delivery
}

// NotifyRecordPath is where the deliveries about a period are recorded.
func NotifyRecordPath(reportID string, p report.Period) string {
	return path.Join(archive.RecordsDir, "notify", reportID, p.String()+".json")
}

// notifierFor is n (or a default notifier) with the report's notify
// section; nil when the report tells nobody.
func notifierFor(def *report.Definition, n *notify.Notifier) *notify.Notifier {
	c := def.Notify
	if len(c.Staff.Email)+len(c.Staff.Webhooks)+len(c.Recipients.Email)+len(c.Recipients.Webhooks) == 0 {
		return nil
	}
	var out notify.Notifier
	if n != nil {
		out = *n
	}
	out.Config = c
	return &out
}

// tellIssued tells staff of a new draft, or recipients of an issued
// notice (with the PDF), and records the deliveries.
func tellIssued(ctx context.Context, opts Options, m archive.Manifest, files []archive.File, notes *[]string) []notify.Delivery {
	n := notifierFor(opts.Report, opts.Notifier)
	if n == nil {
		return nil
	}
	title := m.Title
	msg := notify.Message{Report: m.Report, Period: m.Period.String()}
	date := wording.Date(m.Issued)
	switch m.Status {
	case archive.StatusDraft:
		msg.Event = report.EventDraft
		msg.Subject = fmt.Sprintf("【待签发】%s（%s 第%d版送审稿）", title, m.Period, m.Version)
		msg.Text = fmt.Sprintf("《%s》送审稿已生成（%s %s 第%d版，成文日期 %s），请审核后签发，或退回并说明原因。", title, m.Report, m.Period, m.Version, date)
		if m.Reason != "" {
			msg.Text += "\n重新印发原因：" + m.Reason
		}
	case archive.StatusWithdrawn:
		return nil
	default:
		msg.Event = report.EventIssued
		msg.Subject = title
		if m.DocNumber != "" {
			msg.Subject += "（" + m.DocNumber + "）"
		}
		msg.Text = fmt.Sprintf("现将《%s》印发给你们，请认真贯彻落实。\n发文字号：%s\n成文日期：%s", title, m.DocNumber, date)
		if m.Version > 1 && m.Reason != "" {
			msg.Text += fmt.Sprintf("\n本通报为第%d版，更正原因：%s", m.Version, m.Reason)
		}
		for _, f := range files {
			if f.Name == "notice.pdf" {
				msg.Attachments = append(msg.Attachments, notify.Attachment{Name: noticeFileName(m), ContentType: "application/pdf", Data: f.Data})
			}
		}
	}
	return tell(ctx, opts.ArchiveDir, opts.Report, m.Period, m.Version, n, msg, notes)
}

// noticeFileName is the attached PDF's name: the title, which recipients
// file it under.
func noticeFileName(m archive.Manifest) string {
	if m.Title == "" {
		return "notice.pdf"
	}
	return m.Title + ".pdf"
}

// TellFailed tells staff that the run of period p failed, with the error,
// and records the deliveries when the archive exists. n may be nil.
func TellFailed(ctx context.Context, archiveDir string, def *report.Definition, p report.Period, runErr error, n *notify.Notifier) []notify.Delivery {
	nn := notifierFor(def, n)
	if nn == nil || runErr == nil {
		return nil
	}
	what := p.String()
	if p.IsZero() {
		what = "（期次未定）"
	}
	msg := notify.Message{Event: report.EventFailed, Report: def.ID, Period: p.String(),
		Subject: fmt.Sprintf("【运行失败】%s %s", def.Name, what),
		Text:    fmt.Sprintf("%s（%s）%s 的通报未能生成，档案未改动。原因：\n%v", def.Name, def.ID, what, runErr)}
	var notes []string
	return tell(ctx, archiveDir, def, p, 0, nn, msg, &notes)
}

// TellLate tells staff that the export of period p is still missing at
// the deadline, and records the deliveries. n may be nil.
func TellLate(ctx context.Context, archiveDir string, def *report.Definition, p report.Period, deadline time.Time, why error, n *notify.Notifier) []notify.Delivery {
	nn := notifierFor(def, n)
	if nn == nil {
		return nil
	}
	msg := notify.Message{Event: report.EventLate, Report: def.ID, Period: p.String(),
		Subject: fmt.Sprintf("【数据逾期】%s %s", def.Name, p),
		Text:    fmt.Sprintf("%s（%s）%s 的数据到 %s 仍未取得，通报未印发。", def.Name, def.ID, p, deadline.Format("2006-01-02 15:04"))}
	if why != nil {
		msg.Text += "\n最后一次的情况：" + why.Error()
	}
	var notes []string
	return tell(ctx, archiveDir, def, p, 0, nn, msg, &notes)
}

// tell sends msg and records the deliveries.
func tell(ctx context.Context, archiveDir string, def *report.Definition, p report.Period, version int, n *notify.Notifier, msg notify.Message, notes *[]string) []notify.Delivery {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	ds := n.Notify(ctx, msg)
	for _, d := range ds {
		if !d.OK {
			*notes = append(*notes, fmt.Sprintf("通知 %s 未送达：%s", d.To, d.Result))
		}
	}
	if len(ds) > 0 && !p.IsZero() {
		if err := recordDeliveries(archiveDir, def, p, version, ds); err != nil {
			*notes = append(*notes, "通知记录未能写入档案："+err.Error())
		}
	}
	return ds
}

// recordDeliveries appends the deliveries to the period's record.
func recordDeliveries(dir string, def *report.Definition, p report.Period, version int, ds []notify.Delivery) error {
	if dir == "" || !archive.Exists(dir) {
		return errors.New("档案库尚不存在")
	}
	_, err := retryMoved(dir, func() (struct{}, error) {
		return struct{}{}, recordOnce(dir, def, p, version, ds)
	})
	return err
}

// recordOnce appends the deliveries to the record as the archive's HEAD
// holds it, and commits on top of that HEAD.
func recordOnce(dir string, def *report.Definition, p report.Period, version int, ds []notify.Delivery) error {
	rel := NotifyRecordPath(def.ID, p)
	a, err := archive.Open(dir)
	if err != nil {
		return err
	}
	defer a.Close()
	v, err := a.View()
	if err != nil {
		return err
	}
	if v.Commit() == "" {
		return errors.New("档案库中还没有通报")
	}
	var recs []DeliveryRecord
	if old, ok, err := v.ReadRecord(rel); err != nil {
		return err
	} else if ok {
		if err := json.Unmarshal(old, &recs); err != nil {
			return fmt.Errorf("%s 无法读取: %w", rel, err)
		}
	}
	for _, d := range ds {
		recs = append(recs, DeliveryRecord{Report: def.ID, Period: p.String(), Version: version, Delivery: d})
	}
	data, err := json.MarshalIndent(recs, "", "  ")
	if err != nil {
		return err
	}
	unlock, err := a.Lock(def.ID + " " + p.String() + " 通知记录")
	if err != nil {
		return err
	}
	defer unlock()
	_, err = a.PutRecord(archive.Record{Path: rel, Data: append(data, '\n'), Author: def.Office.Author,
		Subject: fmt.Sprintf("通知记录 %s %s（%d 条）", def.ID, p, len(ds))}, v.Commit())
	return err
}

// Deliveries returns the recorded deliveries about a period, oldest
// first.
func Deliveries(v *archive.View, reportID string, p report.Period) ([]DeliveryRecord, error) {
	data, ok, err := v.ReadRecord(NotifyRecordPath(reportID, p))
	if err != nil || !ok {
		return nil, err
	}
	var recs []DeliveryRecord
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, err
	}
	return recs, nil
}
