package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/internal/cdktf"
	"github.com/outerbounds/terraform-aws-metaflow/internal/realprovider"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfworkspace"
)

// TestMain lets the test binary act as the provider plugin, exactly as the
// real binary does: the launcher scripts re-execute os.Executable().
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == tfworkspace.ServeFlag {
		if err := servePlugin(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// needTools skips when a prerequisite cannot be had on this machine.
func needTools(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(terraformBinary()); err != nil {
		t.Skip("needs terraform on PATH (or TF_BINARY)")
	}
	dir, err := cdktf.DefaultCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cdktf.EnsureAll(context.Background(), dir, t.Logf); err != nil {
		t.Skipf("needs the npm registry once to fetch the @cdktf/provider-* packages: %v", err)
	}
}

func runTool(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	code, err := run(context.Background(), args, &out, &out)
	if err != nil {
		t.Fatalf("offline-validate %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	t.Logf("offline-validate %s (exit %d):\n%s", strings.Join(args, " "), code, out.String())
	return code, out.String()
}

// TestValidateFixtures: the correct configuration passes; each broken one is
// reported as an error at the right file and line, and nothing else fails.
func TestValidateFixtures(t *testing.T) {
	needTools(t)
	cases := []struct {
		dir     string
		wantLoc string // file:line:col prefix of the one expected error, "" for a valid config
		summary string
	}{
		{"valid", "", ""},
		{"misspelled_argument", "main.tf:3:3", "Unsupported argument"},
		{"missing_required", "main.tf:1:", "Missing required argument"},
		{"wrong_nesting", "main.tf:5:3", "Unsupported block type"},
		{"bad_reference", "main.tf:6:", "Unsupported attribute"},
		{"undeclared_variable", "main.tf:2:", "Reference to undeclared input variable"},
		{"local_module_unknown_arg", "main.tf:5:3", "Unsupported argument"},
		{"vpc_wrong_arg", "main.tf:7:3", "Unsupported argument"},
		{"vpc_missing_output", "main.tf:9:", "Unsupported attribute"},
	}
	args := []string{"-root", "testdata"}
	for _, c := range cases {
		args = append(args, c.dir)
	}
	code, out := runTool(t, args...)
	if code != 1 {
		t.Errorf("exit code = %d, want 1 (invalid fixtures present)", code)
	}
	lines := strings.Split(out, "\n")
	for i, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			prefix := filepath.Join("testdata", c.dir) + "/"
			var errs []string
			for _, l := range lines {
				if strings.HasPrefix(l, prefix) && strings.Contains(l, ": error: ") {
					errs = append(errs, l)
				}
			}
			status := fmt.Sprintf("[%d/%d] testdata/%s: ", i+1, len(cases), c.dir)
			if c.wantLoc == "" {
				if len(errs) != 0 {
					t.Errorf("valid fixture reported errors: %q", errs)
				}
				if !strings.Contains(out, status+"valid") {
					t.Errorf("missing %q", status+"valid")
				}
				return
			}
			if !strings.Contains(out, status+"INVALID") {
				t.Errorf("missing %q", status+"INVALID")
			}
			if len(errs) != 1 {
				t.Fatalf("want exactly one error for %s, got %q", c.dir, errs)
			}
			want := prefix + c.wantLoc
			if !strings.HasPrefix(errs[0], want) || !strings.Contains(errs[0], ": error: "+c.summary) {
				t.Errorf("got %q, want prefix %q and summary %q", errs[0], want, c.summary)
			}
		})
	}
	if !strings.Contains(out, fmt.Sprintf("offline-validate: 1/%d configurations valid", len(cases))) {
		t.Errorf("summary line missing or wrong")
	}
}

// TestTestMode: terraform test runs offline with mock_provider; a resource
// indexed while its count is zero fails, at the line of the index.
func TestTestMode(t *testing.T) {
	needTools(t)
	code, out := runTool(t, "-test", "-root", "testdata", "testmode_pass", "testmode_count_zero")
	if code != 1 {
		t.Errorf("exit code = %d, want 1", code)
	}
	for _, want := range []string{
		"testdata/testmode_pass/tests/plan.tftest.hcl: pass (2 pass)",
		`testdata/testmode_count_zero/tests/count.tftest.hcl: run "without_bucket": error`,
		"testdata/testmode_count_zero/main.tf:15:29: error: Invalid index",
		"offline-validate: 1/2 test files passed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, `run "with_bucket": error`) {
		t.Errorf("the count = 1 run must pass")
	}
}

// TestTestModeAllPass: exit 0 when every test file passes.
func TestTestModeAllPass(t *testing.T) {
	needTools(t)
	code, out := runTool(t, "-test", "-root", "testdata", "testmode_pass")
	if code != 0 || !strings.Contains(out, "offline-validate: 1/1 test files passed") {
		t.Errorf("exit %d, want 0 with 1/1 passed", code)
	}
}

// TestValidateSchemaRange: validation runs against both ends of the
// hashicorp/aws range we can reach; an argument only the newer schema has
// fails against the pinned one, and one only the pinned schema has fails
// against the newer one.
func TestValidateSchemaRange(t *testing.T) {
	needTools(t)
	cases := []struct {
		schemas, fixture string
		wantValid        bool
		wantError        string
	}{
		{"pinned", "aws_newer_only", false, `aws_newer_only/main.tf:4:3: error: Unsupported argument: An argument named "bucket_namespace"`},
		{"newest", "aws_newer_only", true, ""},
		{"pinned", "aws_older_only", true, ""},
		{"newest", "aws_older_only", false, `aws_older_only/main.tf:10:7: error: Unsupported argument: An argument named "value"`},
	}
	for _, c := range cases {
		t.Run(c.schemas+"/"+c.fixture, func(t *testing.T) {
			code, out := runTool(t, "-aws-schemas", c.schemas, "-root", "testdata", c.fixture)
			if c.wantValid != (code == 0) || c.wantValid != strings.Contains(out, "1/1 configurations valid") {
				t.Fatalf("exit %d; want valid=%v", code, c.wantValid)
			}
			if c.wantError != "" && !strings.Contains(out, c.wantError) {
				t.Errorf("output lacks %q", c.wantError)
			}
		})
	}
}

// TestRealProviderRejects: values the schema accepts pass the mock layer and
// fail the real-provider layer, each at its line with the provider's message.
func TestRealProviderRejects(t *testing.T) {
	needTools(t)
	if _, err := realprovider.FindAWS(repoRootForTest(t)); err != nil {
		t.Skipf("needs a real hashicorp/aws provider: %v", err)
	}
	if code, out := runTool(t, "-test", "-root", "testdata", "real_provider_rejects"); code != 0 || !strings.Contains(out, "1/1 test files passed") {
		t.Fatalf("the mock layer must accept the fixture (exit %d)", code)
	}
	code, out := runTool(t, "-test", "-real-aws", "-root", "testdata", "real_provider_rejects")
	if code != 1 {
		t.Errorf("exit code = %d, want 1", code)
	}
	for _, want := range []string{
		`testdata/real_provider_rejects/main.tf:5:14: error: "name" cannot be longer than 32 characters`,
		`testdata/real_provider_rejects/main.tf:13:21: error: expected ip_address_type to be one of`,
		`testdata/real_provider_rejects/main.tf:18:10: error: expected type to be one of ["MANAGED" "UNMANAGED"], got EC3`,
		"offline-validate: 0/1 test files planned by the real hashicorp/aws",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func repoRootForTest(t *testing.T) string {
	t.Helper()
	root, err := cdktf.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}
