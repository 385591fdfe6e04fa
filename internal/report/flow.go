package report

import (
	"errors"
	"strings"
)

// ApprovalRequired is the value of `approval:` that makes a run archive a
// draft (送审稿) for a leader to approve (签发).
const ApprovalRequired = "required"

// RequiresApproval reports whether the report's runs make drafts.
func (d *Definition) RequiresApproval() bool { return d.Approval == ApprovalRequired }

// validateFlow checks the settings of the path from draft to sent: the
// approval mode and the notify section, naming the line of the mistake.
func (d *Definition) validateFlow(file string) Problems {
	var ps Problems
	switch d.Approval {
	case "", ApprovalRequired, "none":
	default:
		ps = append(ps, Problem{File: file, Msg: d.where("approval") + "approval 应为 required（需领导签发）或不写（直接印发）", Got: d.Approval})
	}
	if err := d.Notify.Validate(); err != nil {
		var ce *NotifyError
		if errors.As(err, &ce) {
			ps = append(ps, Problem{File: file, Msg: d.where(ce.Field) + ce.Error()})
		} else {
			ps = append(ps, Problem{File: file, Msg: err.Error()})
		}
	}
	return ps
}

// where is "第 N 行：" for the closest enclosing path whose line is
// known (notify.staff.email[1], else notify.staff.email, …).
func (d *Definition) where(path string) string {
	for p := path; p != ""; {
		if at := d.At(p); at != "" {
			return at + "："
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return ""
}
