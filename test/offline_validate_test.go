package test

// `make validate-offline` and `make test-plan` over the whole repository:
// every configuration passes terraform validate against the pinned provider
// schemas, and every tests/*.tftest.hcl passes terraform test with mock
// providers — offline, through tools/offline-validate.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/internal/realprovider"
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

// TestValidateOffline runs terraform validate on the root, every module and
// every example, against the pinned and the newest hashicorp/aws schema.
func TestValidateOffline(t *testing.T) {
	root := repoRoot(t)
	bin := offlineValidateBinary(t, root)
	code, out := runOfflineValidate(t, root, bin)
	sums := regexp.MustCompile(`offline-validate: (\d+)/(\d+) configurations valid against the (hashicorp/aws \S+) schema`).FindAllStringSubmatch(out, -1)
	if len(sums) != 2 {
		t.Fatalf("want one summary line per hashicorp/aws schema (2), got %d:\n%s", len(sums), out)
	}
	for _, m := range sums {
		if code != 0 || m[1] != m[2] {
			t.Fatalf("offline validation failed against the %s schema (exit %d, %s/%s valid):\n%s", m[3], code, m[1], m[2], out)
		}
		if m[2] == "0" {
			if entries, _ := os.ReadDir(filepath.Join(root, "modules")); len(entries) > 0 {
				t.Fatalf("modules/ has entries but no configuration was validated:\n%s", out)
			}
		}
		t.Logf("%s/%s configurations valid against the %s schema", m[1], m[2], m[3])
	}
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

// TestPlanWithRealProvider plans every run of the root's shapes and of every
// example with the real hashicorp/aws provider (make test-provider), so its
// validators and plan-time checks see our values; the copy is rewritten only
// across the listed 5.x/6.x differences, and the list must have no entry
// the tree no longer needs.
func TestPlanWithRealProvider(t *testing.T) {
	root := repoRoot(t)
	if _, err := realprovider.FindAWS(root); err != nil {
		t.Skipf("needs a real hashicorp/aws provider binary: %v", err)
	}
	bin := offlineValidateBinary(t, root)
	code, out := runOfflineValidate(t, root, bin, "-test", "-real-aws")
	m := regexp.MustCompile(`offline-validate: (\d+)/(\d+) test files planned by the real hashicorp/aws (\S+): (\d+) runs, (\d+) resources`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in output:\n%s", out)
	}
	if code != 0 || m[1] != m[2] {
		t.Fatalf("real-provider plans failed (exit %d, %s/%s files):\n%s", code, m[1], m[2], out)
	}
	if strings.Contains(out, "the rename table lists") {
		t.Errorf("versiongap.AWS5 has entries no use in the tree needs:\n%s", out)
	}
	// Every shape and every example is planned, not just some.
	for _, cfg := range []string{"tests", "examples/minimal/tests", "examples/basic-aws-managed/tests", "examples/basic-eks/tests"} {
		files, _ := filepath.Glob(filepath.Join(root, cfg, "*.tftest.hcl"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, run := range plannedRuns(string(src)) {
				line := fmt.Sprintf("%s/real-provider/%s: run %q: ", cfg, filepath.Base(f), run)
				if !strings.Contains(out, line) {
					t.Errorf("run %q of %s was not planned by the real provider (no line %q)", run, f, line)
				}
			}
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "resources planned by hashicorp/aws") {
			t.Log(l)
		}
	}
	t.Logf("%s/%s test files, %s runs, %s resources planned by hashicorp/aws %s", m[1], m[2], m[4], m[5], m[3])
}

// plannedRuns are the run blocks of a test file that do not expect failures.
func plannedRuns(src string) []string {
	var out []string
	for _, block := range regexp.MustCompile(`(?m)^run "([^"]+)" \{`).FindAllStringSubmatchIndex(src, -1) {
		name := src[block[2]:block[3]]
		body := src[block[1]:]
		if end := strings.Index(body, "\n}\n"); end >= 0 {
			body = body[:end]
		}
		if !strings.Contains(body, "expect_failures") {
			out = append(out, name)
		}
	}
	return out
}
