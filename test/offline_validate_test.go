package test

// `make validate-offline` and `make test-plan` over the whole repository:
// every configuration passes terraform validate against the pinned provider
// schemas, and every tests/*.tftest.hcl passes terraform test with mock
// providers — offline, through tools/offline-validate.

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// offlineValidateBinary builds tools/offline-validate once per test binary run.
func offlineValidateBinary(t *testing.T, root string) string {
	t.Helper()
	tf := os.Getenv("TF_BINARY")
	if tf == "" {
		tf = "terraform"
	}
	if _, err := exec.LookPath(tf); err != nil {
		t.Skip("needs terraform on PATH (or TF_BINARY)")
	}
	bin := filepath.Join(t.TempDir(), "offline-validate")
	build := exec.Command("go", "build", "-o", bin, "./tools/offline-validate")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./tools/offline-validate: %v\n%s", err, out)
	}
	// The schemas come from npm once per machine; without npm and without a
	// cache there is nothing to validate against.
	fetch := exec.Command("go", "run", "./tools/tfschema", "fetch")
	fetch.Dir = root
	if out, err := fetch.CombinedOutput(); err != nil {
		if strings.Contains(string(out), "npm pack") {
			t.Skipf("needs the npm registry once to fetch the @cdktf/provider-* schemas: %s", lastLine(string(out)))
		}
		t.Fatalf("tfschema fetch: %v\n%s", err, out)
	}
	return bin
}

func runOfflineValidate(t *testing.T, root, bin string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run offline-validate: %v", err)
	}
	return code, out.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestValidateOffline runs terraform validate on the root, every module and every example.
func TestValidateOffline(t *testing.T) {
	root := repoRoot(t)
	bin := offlineValidateBinary(t, root)
	code, out := runOfflineValidate(t, root, bin)
	m := regexp.MustCompile(`offline-validate: (\d+)/(\d+) configurations valid`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in output:\n%s", out)
	}
	if code != 0 || m[1] != m[2] {
		t.Fatalf("offline validation failed (exit %d, %s/%s valid):\n%s", code, m[1], m[2], out)
	}
	if m[2] == "0" {
		if entries, _ := os.ReadDir(filepath.Join(root, "modules")); len(entries) > 0 {
			t.Fatalf("modules/ has entries but no configuration was validated:\n%s", out)
		}
	}
	t.Logf("%s", lastLine(out))
}

// TestPlanOffline runs every module's and example's tests/*.tftest.hcl with mock providers.
func TestPlanOffline(t *testing.T) {
	root := repoRoot(t)
	bin := offlineValidateBinary(t, root)
	code, out := runOfflineValidate(t, root, bin, "-test")
	m := regexp.MustCompile(`offline-validate: (\d+)/(\d+) test files passed`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in output:\n%s", out)
	}
	if code != 0 || m[1] != m[2] {
		t.Fatalf("terraform test failed offline (exit %d, %s/%s files passed):\n%s", code, m[1], m[2], out)
	}
	t.Logf("%s", lastLine(out))
}
