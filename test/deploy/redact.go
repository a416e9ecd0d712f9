package deploy

import (
	"fmt"
	"io"
	"regexp"

	"github.com/gruntwork-io/terratest/modules/logger"
	tttesting "github.com/gruntwork-io/terratest/modules/testing"
)

// Deploy logs end up in CI output. Terraform's plan and apply print ARNs, and
// ARNs carry the AWS account id; the checks' errors and notes name ARNs too.
// Everything the deploy tests print goes through Redact.

var accountID = regexp.MustCompile(`\b\d{12}\b`)

// Redact replaces 12-digit AWS account ids with <account-id>.
func Redact(s string) string {
	return accountID.ReplaceAllString(s, "<account-id>")
}

// redactingLogger is a Terratest logger that prints like Terratest's default
// (at once, so long applies stream) after Redact.
type redactingLogger struct{ w io.Writer }

func (l redactingLogger) Logf(t tttesting.TestingT, format string, args ...any) {
	logger.DoLog(t, 3, l.w, Redact(fmt.Sprintf(format, args...)))
}

// RedactingLogger is the logger the deploy tests give Terratest (w is
// os.Stdout in real runs).
func RedactingLogger(w io.Writer) *logger.Logger { return logger.New(redactingLogger{w: w}) }
