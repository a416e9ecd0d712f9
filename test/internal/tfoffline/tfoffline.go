package tfoffline

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gruntwork-io/terratest/modules/logger"
	"github.com/gruntwork-io/terratest/modules/terraform"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// BinaryEnv names the environment variable that selects the binary (for
// example an OpenTofu build); without it "terraform" on PATH is used.
const BinaryEnv = "TF_BINARY"

// RepoRoot walks up from the working directory to the directory holding go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getting working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Binary returns the terraform binary to run, failing the test when it cannot
// be found: these tests exist to run the real binary, so there is no fallback.
func Binary(t testing.TB) string {
	t.Helper()
	bin := os.Getenv(BinaryEnv)
	if bin == "" {
		bin = "terraform"
	}
	path, err := exec.LookPath(bin)
	if err != nil {
		t.Fatalf("these tests need terraform >= 1.10 (or OpenTofu via %s) on PATH: %v", BinaryEnv, err)
	}
	return path
}

// Options builds Terratest options for dir with a shared plugin cache, no
// colour and no log noise (failures print what matters themselves).
func Options(t testing.TB, dir string, vars map[string]any) *terraform.Options {
	t.Helper()
	env := map[string]string{
		// No CLI configuration file: a developer's ~/.terraformrc must not
		// change what the tests see.
		"TF_CLI_CONFIG_FILE": os.DevNull,
		"TF_IN_AUTOMATION":   "1",
		"CHECKPOINT_DISABLE": "1",
	}
	if cache := os.Getenv("TF_PLUGIN_CACHE_DIR"); cache != "" {
		env["TF_PLUGIN_CACHE_DIR"] = cache
	}
	return &terraform.Options{
		TerraformBinary: Binary(t),
		TerraformDir:    dir,
		Vars:            vars,
		EnvVars:         env,
		NoColor:         true,
		Logger:          logger.Discard,
	}
}

// CopyFiles copies the named files of srcDir into a fresh temporary directory
// and returns it. A missing file is reported as fs.ErrNotExist so callers can
// skip with the file's name.
func CopyFiles(t testing.TB, srcDir string, names ...string) (string, error) {
	t.Helper()
	dst := t.TempDir()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(srcDir, name))
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", filepath.Join(srcDir, name), err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o600); err != nil {
			return "", fmt.Errorf("writing copy of %s: %w", name, err)
		}
	}
	return dst, nil
}

// copyTF copies every *.tf file of srcDir (not its tests or sub-directories)
// into dstDir, creating it.
func copyTF(srcDir, dstDir string) error {
	matches, err := filepath.Glob(filepath.Join(srcDir, "*.tf"))
	if err != nil {
		return fmt.Errorf("listing %s: %w", srcDir, err)
	}
	if len(matches) == 0 {
		return fmt.Errorf("no .tf files in %s", srcDir)
	}
	if err := os.MkdirAll(dstDir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dstDir, err)
	}
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			return fmt.Errorf("reading %s: %w", m, err)
		}
		if err := os.WriteFile(filepath.Join(dstDir, filepath.Base(m)), data, 0o600); err != nil {
			return fmt.Errorf("writing copy of %s: %w", m, err)
		}
	}
	return nil
}

// Diagnostic is one error or warning terraform reported.
type Diagnostic struct {
	Severity string
	Summary  string
	// Variable is the input the diagnostic points at, when it points at a
	// variable block.
	Variable string
	// Message is the validation's error_message (the detail without the
	// "This was checked by the validation rule at ..." trailer).
	Message string
	// Rule is FILE:LINE of the validation block that failed, from that
	// trailer; empty for other diagnostics.
	Rule string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s %s: %s", d.Severity, d.Variable, d.Message)
}

var (
	variableBlock = regexp.MustCompile(`^variable "([^"]+)"`)
	ruleTrailer   = regexp.MustCompile(`^\n\nThis was checked by the validation rule at ([^:]+):(\d+),`)
)

// PlanDiagnostics runs `terraform plan -json` in dir (no init is needed for a
// configuration without providers or modules) and returns the diagnostics and
// the raw JSON stream (to check what the plan prints). A plan that fails
// without reporting a diagnostic is an error.
func PlanDiagnostics(t testing.TB, ctx context.Context, opts *terraform.Options) ([]Diagnostic, string, error) {
	t.Helper()
	args := terraform.FormatArgs(opts, "plan", "-input=false", "-lock=false", "-json")
	stdout, stderr, exit, runErr := terraform.RunTerraformCommandAndGetStdOutErrCodeContextE(t, ctx, opts, args...)
	diags, err := parseDiagnostics(stdout)
	if err != nil {
		return nil, stdout, fmt.Errorf("parsing plan output: %w", err)
	}
	if runErr != nil && len(Errors(diags)) == 0 {
		return nil, stdout, fmt.Errorf("plan failed (exit %d) without diagnostics: %w\nstderr: %s", exit, runErr, stderr)
	}
	return diags, stdout, nil
}

func parseDiagnostics(stdout string) ([]Diagnostic, error) {
	type jsonDiag struct {
		Type       string `json:"type"`
		Diagnostic *struct {
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			Detail   string `json:"detail"`
			Snippet  *struct {
				Code string `json:"code"`
			} `json:"snippet"`
		} `json:"diagnostic"`
	}
	var out []Diagnostic
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var jd jsonDiag
		if err := json.Unmarshal([]byte(line), &jd); err != nil {
			return nil, fmt.Errorf("line %q: %w", line, err)
		}
		if jd.Type != "diagnostic" || jd.Diagnostic == nil {
			continue
		}
		d := Diagnostic{Severity: jd.Diagnostic.Severity, Summary: jd.Diagnostic.Summary}
		d.Message = jd.Diagnostic.Detail
		if i := strings.Index(d.Message, "\n\nThis was checked by the validation rule"); i >= 0 {
			if m := ruleTrailer.FindStringSubmatch(d.Message[i:]); m != nil {
				d.Rule = filepath.Base(m[1]) + ":" + m[2]
			}
			d.Message = d.Message[:i]
		}
		if jd.Diagnostic.Snippet != nil {
			if m := variableBlock.FindStringSubmatch(jd.Diagnostic.Snippet.Code); m != nil {
				d.Variable = m[1]
			}
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Errors keeps the error diagnostics.
func Errors(diags []Diagnostic) []Diagnostic {
	var out []Diagnostic
	for _, d := range diags {
		if d.Severity == "error" {
			out = append(out, d)
		}
	}
	return out
}

// ApplyOutputs runs init and apply in dir and returns every output decoded
// from `terraform output -json`.
func ApplyOutputs(t testing.TB, ctx context.Context, opts *terraform.Options) (map[string]json.RawMessage, error) {
	t.Helper()
	if out, err := terraform.InitAndApplyContextE(t, ctx, opts); err != nil {
		return nil, fmt.Errorf("init and apply: %w\n%s", err, out)
	}
	raw, err := terraform.OutputJSONContextE(t, ctx, opts, "")
	if err != nil {
		return nil, fmt.Errorf("terraform output -json: %w", err)
	}
	var all map[string]struct {
		Value     json.RawMessage `json:"value"`
		Sensitive bool            `json:"sensitive"`
	}
	if err := json.Unmarshal([]byte(raw), &all); err != nil {
		return nil, fmt.Errorf("decoding outputs: %w", err)
	}
	out := make(map[string]json.RawMessage, len(all))
	for name, o := range all {
		out[name] = o.Value
	}
	return out, nil
}

// ModuleHarness writes a root configuration (main.tf.json) into a fresh
// temporary directory that calls a copy of the module at moduleDir once per
// instance, with that instance's inputs, and exposes each instance's outputs
// as an output of the same name. One init and apply then evaluates every
// instance. The module is copied so the repository is never written to.
func ModuleHarness(t testing.TB, moduleDir string, instances map[string]map[string]any) string {
	t.Helper()
	dir := t.TempDir()
	if err := copyTF(moduleDir, filepath.Join(dir, "module")); err != nil {
		t.Fatal(err)
	}
	modules := map[string]any{}
	outputs := map[string]any{}
	for name, inputs := range instances {
		block := map[string]any{"source": "./module"}
		for k, v := range inputs {
			block[k] = v
		}
		modules[name] = block
		outputs[name] = map[string]any{"value": "${module." + name + "}"}
	}
	doc, err := json.MarshalIndent(map[string]any{"module": modules, "output": outputs}, "", "  ")
	if err != nil {
		t.Fatalf("encoding harness: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), doc, 0o600); err != nil {
		t.Fatalf("writing harness: %v", err)
	}
	return dir
}

// ValidationRules lists FILE:LINE of every validation block in a
// variables.tf, keyed to the variable it belongs to, in the form terraform
// names a failing rule.
func ValidationRules(path string) (map[string]string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	file, diags := hclsyntax.ParseConfig(src, filepath.Base(path), hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("parsing %s: %s", path, diags.Error())
	}
	rules := map[string]string{}
	for _, b := range file.Body.(*hclsyntax.Body).Blocks {
		if b.Type != "variable" || len(b.Labels) != 1 {
			continue
		}
		for _, v := range b.Body.Blocks {
			if v.Type == "validation" {
				rules[fmt.Sprintf("%s:%d", filepath.Base(path), v.TypeRange.Start.Line)] = b.Labels[0]
			}
		}
	}
	return rules, nil
}
