// Package lambda runs the unit tests of the module's Lambda functions, in
// the language they are written in, so that `go test ./test/...` covers them.
package lambda

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrationLambda runs the migration Lambda's tests: its handler
// against a stand-in that answers as the metadata service does, for a
// successful upgrade, an up-to-date schema and the failures.
func TestMigrationLambda(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("needs python3 on PATH to run modules/metadata-service/lambda's unittest suite (any 3.x; the Lambda runs on python3.13)")
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "modules", "metadata-service", "lambda"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), python, "-B", "-m", "unittest", "discover", "-v", "-s", dir)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3 -m unittest discover -s %s: %v\n%s", dir, err, out)
	}
	// unittest exits 0 when it finds no tests at all ("Ran 0 tests").
	if strings.Contains(string(out), "Ran 0 tests") {
		t.Fatalf("no tests found in %s:\n%s", dir, out)
	}
	t.Logf("%s", strings.TrimSpace(string(out)))
}
