package deploy

import (
	"os"
	"testing"

	"github.com/gruntwork-io/terratest/modules/logger"
)

// TestMain routes Terratest's package-level logger (its retry helper logs
// terraform's stderr through it, whatever the options' Logger) through
// Redact, so account ids in terraform errors stay out of CI logs.
func TestMain(m *testing.M) {
	logger.Default = RedactingLogger(os.Stdout)
	os.Exit(m.Run())
}
