package security

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// trivyBinary is the trivy `make setup` installs into .bin, or one on PATH.
func trivyBinary(t *testing.T, root string) string {
	t.Helper()
	if p := filepath.Join(root, ".bin", "trivy"); fileExists(p) {
		return p
	}
	if p, err := exec.LookPath("trivy"); err == nil {
		return p
	}
	t.Skip("needs trivy: make setup installs it into .bin")
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// TestEveryShapeScansClean scans the root module once per shape of
// tests/shapes.tftest.hcl, with that shape's inputs: HIGH and CRITICAL
// findings must be fixed or suppressed inline with a reason.
func TestEveryShapeScansClean(t *testing.T) {
	root := repoRoot(t)
	scanner := Trivy{
		Binary:     trivyBinary(t, root),
		Root:       root,
		SkipDirs:   []string{"examples", "test", "tools", "internal", ".bin", ".cache"},
		Severities: "HIGH,CRITICAL",
	}
	shapes, err := ReadShapes(filepath.Join(root, "tests", "shapes.tftest.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(shapes) < 10 {
		t.Fatalf("read %d shapes from tests/shapes.tftest.hcl; the file has far more runs", len(shapes))
	}
	for _, shape := range shapes {
		t.Run(shape.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			vars := filepath.Join(dir, "shape.tfvars.json")
			if err := writeTFVars(vars, shape.Inputs); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			start := time.Now()
			// A cache per scan: trivy locks its cache, and the scans run in parallel.
			findings, err := scanner.Scan(ctx, vars, filepath.Join(dir, "cache"))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				t.Errorf("shape %s: %s", shape.Name, f)
			}
			t.Logf("shape %s: %d inputs, %d HIGH/CRITICAL findings (%.1fs)", shape.Name, len(shape.Inputs), len(findings), time.Since(start).Seconds())
		})
	}
}

func writeTFVars(path string, inputs map[string]cty.Value) error {
	obj := map[string]json.RawMessage{}
	for k, v := range inputs {
		raw, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			return err
		}
		obj[k] = raw
	}
	raw, err := json.MarshalIndent(obj, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, raw, 0o600)
}

// TestInlineSuppressionsGiveReasons: every `#trivy:ignore:` and
// `# tflint-ignore:` in the module tree says why on its own line.
func TestInlineSuppressionsGiveReasons(t *testing.T) {
	bad, err := Unexplained(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("%s: add the reason after the rule, on the same line", b)
	}
}

func TestUnexplainedFindsBareSuppressions(t *testing.T) {
	dir := t.TempDir()
	src := strings.Join([]string{
		`#trivy:ignore:AVD-AWS-0104 Egress to the internet is the contract default for Batch jobs.`,
		`#trivy:ignore:AVD-AWS-0053`,
		`#trivy:ignore:AVD-AWS-0057 because`,
		`# tflint-ignore: terraform_naming_convention # named after the Metaflow configuration key`,
		`# tflint-ignore: terraform_unused_declarations`,
		`resource "null_resource" "x" {}`,
	}, "\n")
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	// Fixtures are not module code.
	if err := os.MkdirAll(filepath.Join(dir, "testdata"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "testdata", "x.tf"), []byte("#trivy:ignore:AVD-AWS-0001\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad, err := Unexplained(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"main.tf:2: trivy:ignore:AVD-AWS-0053 gives no reason",
		"main.tf:3: trivy:ignore:AVD-AWS-0057 gives no reason",
		"main.tf:5: tflint-ignore:terraform_unused_declarations gives no reason",
	}
	if strings.Join(bad, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Unexplained =\n%s\nwant\n%s", strings.Join(bad, "\n"), strings.Join(want, "\n"))
	}
}

// TestParseReport reads a report trivy 0.x wrote for this repository (the
// clean root, and a launch template that did not require IMDSv2 before it
// was fixed), trimmed of the fields the parser does not read.
func TestParseReport(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "trivy-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseReport(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("ParseReport found %d findings, want 1: %v", len(got), got)
	}
	want := Finding{ID: "AWS-0130", Severity: "HIGH", Title: "aws_instance should activate session tokens for Instance Metadata Service.", File: "modules/computation/batch.tf", Line: 48, Resource: "module.computation[0]"}
	if got[0] != want {
		t.Fatalf("ParseReport = %+v, want %+v", got[0], want)
	}
	if _, err := ParseReport([]byte(`{"SchemaVersion": 1}`)); err == nil {
		t.Fatal("ParseReport accepted a report of schema version 1")
	}
}

func TestReadShapes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.tftest.hcl")
	src := `
variables {
  resource_prefix = "mf"
  tags            = { team = "ml" }
}
run "default" {
  command = plan
}
run "spot" {
  command = plan
  variables {
    resource_prefix      = "other"
    compute_environments = { spot = { type = "SPOT" } }
  }
}
`
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	shapes, err := ReadShapes(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(shapes) != 2 || shapes[0].Name != "default" || shapes[1].Name != "spot" {
		t.Fatalf("ReadShapes = %+v", shapes)
	}
	if shapes[0].Inputs["resource_prefix"].AsString() != "mf" || shapes[1].Inputs["resource_prefix"].AsString() != "other" {
		t.Fatal("a run's variables must override the file's")
	}
	if !shapes[1].Inputs["tags"].Equals(cty.ObjectVal(map[string]cty.Value{"team": cty.StringVal("ml")})).True() {
		t.Fatal("a run must inherit the file's variables")
	}
	if err := os.WriteFile(path, []byte("run \"x\" {\n  variables {\n    a = var.b\n  }\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadShapes(path); err == nil || !strings.Contains(err.Error(), "variable a (line 3) is not a literal value") {
		t.Fatalf("ReadShapes of a reference = %v, want an error naming the variable", err)
	}
}
