package deploy

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-config-inspect/tfconfig"
)

// These run offline in `make test`: they keep the deploy tests in step with
// the examples and the root module, so a deploy run does not discover a
// renamed output or input an hour in. Each is also run on a broken fixture
// under testdata/ to show it fails.

func loadModule(dir string) (*tfconfig.Module, error) {
	mod, diags := tfconfig.LoadModule(dir)
	if diags.HasErrors() {
		return nil, fmt.Errorf("loading %s: %w", dir, diags.Err())
	}
	return mod, nil
}

func hasTerraformFiles(dir string) bool {
	matches, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	return len(matches) > 0
}

// injectedOutputProblems parses src (the file the deploy tests add to each
// example copy) and lists every module.metaflow.X it reads that rootOutputs
// lacks, sensitivity mismatches, and structural surprises.
func injectedOutputProblems(src string, rootOutputs map[string]*tfconfig.Output) []string {
	file, diags := hclsyntax.ParseConfig([]byte(src), InjectedOutputsFile, hcl.InitialPos)
	if diags.HasErrors() {
		return []string{fmt.Sprintf("%s does not parse: %v", InjectedOutputsFile, diags)}
	}
	var problems []string
	seen := map[string]bool{}
	for _, block := range file.Body.(*hclsyntax.Body).Blocks {
		if block.Type != "output" || len(block.Labels) != 1 {
			problems = append(problems, fmt.Sprintf("unexpected %s block", block.Type))
			continue
		}
		name := block.Labels[0]
		seen[name] = true
		value, ok := block.Body.Attributes["value"]
		if !ok {
			problems = append(problems, fmt.Sprintf("output %s has no value", name))
			continue
		}
		sensitive := false
		if attr, ok := block.Body.Attributes["sensitive"]; ok {
			v, _ := attr.Expr.Value(nil)
			sensitive = v.True()
		}
		if wantSensitive := name == stackSecretOutput; sensitive != wantSensitive {
			problems = append(problems, fmt.Sprintf("output %s sensitive = %t, want %t", name, sensitive, wantSensitive))
		}
		refs := 0
		for _, tr := range value.Expr.Variables() {
			if tr.RootName() != "module" || len(tr) < 3 {
				problems = append(problems, fmt.Sprintf("output %s reads %s; only module.%s.X is expected", name, tr.RootName(), ModuleName))
				continue
			}
			mod, _ := tr[1].(hcl.TraverseAttr)
			out, _ := tr[2].(hcl.TraverseAttr)
			if mod.Name != ModuleName {
				problems = append(problems, fmt.Sprintf("output %s reads module.%s, want module.%s", name, mod.Name, ModuleName))
			}
			root, declared := rootOutputs[out.Name]
			switch {
			case !declared:
				problems = append(problems, fmt.Sprintf("output %s reads module.%s.%s, which the root module does not declare (renamed or removed?)", name, ModuleName, out.Name))
			case root.Sensitive && name != stackSecretOutput:
				problems = append(problems, fmt.Sprintf("root output %s is sensitive but read through the non-sensitive %s", out.Name, name))
			}
			refs++
		}
		if refs == 0 {
			problems = append(problems, fmt.Sprintf("output %s reads nothing", name))
		}
	}
	for _, want := range []string{stackOutput, stackSecretOutput} {
		if !seen[want] {
			problems = append(problems, fmt.Sprintf("%s lacks output %s", InjectedOutputsFile, want))
		}
	}
	return problems
}

// exampleProblems checks an example against what its deploy test does: it
// calls the root module as module "metaflow" from ../.., declares every
// input the test sets, requires no input the test leaves out, and has the
// outputs the profile check reads.
func exampleProblems(dir string, ex example) []string {
	mod, err := loadModule(dir)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	call, ok := mod.ModuleCalls[ModuleName]
	switch {
	case !ok:
		problems = append(problems, fmt.Sprintf("no module %q (the deploy test reads module.%s.* outputs)", ModuleName, ModuleName))
	case call.Source != "../..":
		problems = append(problems, fmt.Sprintf("module %q source is %q, want \"../..\" (the copy of this repository)", ModuleName, call.Source))
	}

	passed := exampleInputsSet(ex)
	for _, v := range passed {
		if _, ok := mod.Variables[v]; !ok {
			problems = append(problems, fmt.Sprintf("the deploy test sets input %q, which the example does not declare", v))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(mod.Variables)) {
		if mod.Variables[name].Required && !slices.Contains(passed, name) {
			problems = append(problems, fmt.Sprintf("the example requires input %q, which the deploy test does not set", name))
		}
	}
	for _, out := range []string{exampleProfileJSON, exampleProfilePath} {
		if _, ok := mod.Outputs[out]; !ok {
			problems = append(problems, fmt.Sprintf("no output %q (the profile check reads it)", out))
		}
	}
	for _, out := range []string{stackOutput, stackSecretOutput} {
		if _, ok := mod.Outputs[out]; ok {
			problems = append(problems, fmt.Sprintf("declares output %q, which the injected %s would duplicate", out, InjectedOutputsFile))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, InjectedOutputsFile)); err == nil {
		problems = append(problems, fmt.Sprintf("contains %s, which belongs only in the deploy tests' temporary copy", InjectedOutputsFile))
	}
	return problems
}

// exampleInputsSet lists the example inputs a run sets (its TF_VAR_
// variables), sorted.
func exampleInputsSet(ex example) []string {
	var names []string
	for k := range terraformOptions(&run{runConfig: runConfig{ex: ex}}).EnvVars {
		if name, ok := strings.CutPrefix(k, "TF_VAR_"); ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

func TestInjectedOutputsMatchRootModule(t *testing.T) {
	root, err := loadModule(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	if len(root.Outputs) == 0 {
		t.Skip("the root module declares no outputs yet")
	}
	for _, p := range injectedOutputProblems(InjectedOutputsHCL(), root.Outputs) {
		t.Error(p)
	}
}

func TestInjectedOutputsCheckFailsOnBrokenInput(t *testing.T) {
	root, err := loadModule("testdata/root-renamed-output")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  string
		want string
	}{
		{name: "root renamed an output (fixture)", src: InjectedOutputsHCL(), want: "module.metaflow.METAFLOW_SERVICE_URL, which the root module does not declare"},
		{name: "secrets not sensitive", src: strings.Replace(InjectedOutputsHCL(), "  sensitive   = true\n", "", 1), want: "deploy_test_secrets sensitive = false"},
		{name: "does not parse", src: "output \"x\" {", want: "does not parse"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			problems := injectedOutputProblems(tc.src, root.Outputs)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tc.want) }) {
				t.Fatalf("problems %q, want one containing %q", problems, tc.want)
			}
		})
	}
}

func TestExamplesProvideWhatDeployTestsRead(t *testing.T) {
	for _, ex := range deployExamples() {
		t.Run(ex.name, func(t *testing.T) {
			dir := filepath.Join(repoRoot, ex.dir)
			if !hasTerraformFiles(dir) {
				t.Skipf("%s has no .tf files yet", ex.dir)
			}
			for _, p := range exampleProblems(dir, ex) {
				t.Errorf("%s: %s", ex.dir, p)
			}
		})
	}
}

func TestExampleCheckFailsOnBrokenFixture(t *testing.T) {
	ex := basicAWSManagedExample()
	problems := exampleProblems("testdata/broken-example", ex)
	for _, want := range []string{
		`module "metaflow" source is "../../modules/wrong"`,
		`sets input "ui_certificate_arn", which the example does not declare`,
		`requires input "admin_email", which the deploy test does not set`,
		`no output "metaflow_profile_path"`,
		`declares output "deploy_test_stack"`,
	} {
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("problems %q lack %q", problems, want)
		}
	}
}

// TestEveryExampleHasADeployTest makes sure no example is left undeployed.
func TestEveryExampleHasADeployTest(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join(repoRoot, "examples"))
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, ex := range deployExamples() {
		tested[ex.dir] = true
	}
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !tested["examples/"+e.Name()] {
			t.Errorf("examples/%s has no deploy test", e.Name())
		}
	}
}
