package notice

import "strings"

// SignerKey is the front-matter item that makes a template a 上行文 (a
// notice to a higher organ): its value is the 签发人, or empty for the
// leader who approves it (bulletin approve --by).
const SignerKey = "签发人"

// upward marks doc as a 上行文 when the front matter has 签发人, with the
// name given there, else the approver's (none yet for a draft).
func upward(doc *Document, front map[string]string, approver string) {
	v, ok := front[SignerKey]
	if !ok {
		return
	}
	doc.Upward = true
	doc.Signer = strings.TrimSpace(v)
	if doc.Signer == "" {
		doc.Signer = approver
	}
}

// docNumberLine is the 版头's number line in notice.txt: the 发文字号, and
// for a 上行文 the 签发人 on the same line.
func docNumberLine(d *Document) string {
	if !d.Upward {
		return d.DocNumber
	}
	return d.DocNumber + "　　签发人：" + d.Signer
}
