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
	"github.com/zclconf/go-cty/cty"
)

// overrideProblems checks an override file against the root module: only
// provider "aws" (default_tags with the run tag) and module "metaflow"
// blocks, every module argument a declared root input, the run tag in the
// module's tags. Terraform would reject an undeclared argument only at
// deploy time, an hour into a nightly run.
func overrideProblems(src string, rootVars map[string]*tfconfig.Variable) []string {
	file, diags := hclsyntax.ParseConfig([]byte(src), OverrideFile, hcl.InitialPos)
	if diags.HasErrors() {
		return []string{fmt.Sprintf("%s does not parse: %v", OverrideFile, diags)}
	}
	var problems []string
	sawModule := false
	for _, b := range file.Body.(*hclsyntax.Body).Blocks {
		switch {
		case b.Type == "provider" && len(b.Labels) == 1 && b.Labels[0] == "aws":
			problems = append(problems, providerProblems(b)...)
		case b.Type == "module" && len(b.Labels) == 1 && b.Labels[0] == ModuleName:
			sawModule = true
			for _, name := range slices.Sorted(maps.Keys(b.Body.Attributes)) {
				if _, ok := rootVars[name]; !ok {
					problems = append(problems, fmt.Sprintf("module %q argument %s is not an input of the root module", ModuleName, name))
				}
			}
			if !hasRunTag(b.Body.Attributes["tags"]) {
				problems = append(problems, fmt.Sprintf("module %q tags lack %s", ModuleName, RunTagKey))
			}
		default:
			problems = append(problems, fmt.Sprintf("unexpected %s %v block (only provider \"aws\" and module %q are overridden)", b.Type, b.Labels, ModuleName))
		}
	}
	if !sawModule {
		problems = append(problems, fmt.Sprintf("no module %q block", ModuleName))
	}
	return problems
}

func providerProblems(b *hclsyntax.Block) []string {
	var problems []string
	for name := range b.Body.Attributes {
		problems = append(problems, fmt.Sprintf("provider \"aws\" sets %s; the override only adds default_tags", name))
	}
	tagged := false
	for _, nb := range b.Body.Blocks {
		if nb.Type == "default_tags" && hasRunTag(nb.Body.Attributes["tags"]) {
			tagged = true
		}
	}
	if !tagged {
		problems = append(problems, fmt.Sprintf("provider \"aws\" default_tags lack %s", RunTagKey))
	}
	return problems
}

func hasRunTag(attr *hclsyntax.Attribute) bool {
	if attr == nil {
		return false
	}
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() || !(v.Type().IsMapType() || v.Type().IsObjectType()) {
		return false
	}
	tag, ok := v.AsValueMap()[RunTagKey]
	return ok && tag.Type() == cty.String && tag.AsString() != ""
}

// renderOverride renders the override a run of ex would write.
func renderOverride(t *testing.T, ex example, rootVars map[string]*tfconfig.Variable) string {
	t.Helper()
	info, err := InspectExample(filepath.Join(repoRoot, ex.dir))
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := DeclaredInputs(append(CostInputs(), ex.inputs...), func(n string) bool { _, ok := rootVars[n]; return ok })
	if err != nil {
		t.Fatal(err)
	}
	return OverrideHCL(Override{RunID: "mfdt-abc123-" + ex.short, Example: info, Inputs: inputs})
}

func TestOverrideMatchesRootModule(t *testing.T) {
	root, err := loadModule(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range deployExamples() {
		t.Run(ex.name, func(t *testing.T) {
			src := renderOverride(t, ex, root.Variables)
			for _, p := range overrideProblems(src, root.Variables) {
				t.Error(p)
			}
			// Every cost input reaches the file (log_retention_in_days is declared now).
			for _, in := range CostInputs() {
				if !strings.Contains(src, "\n  "+in.Name+" ") {
					t.Errorf("override lacks %s:\n%s", in.Name, src)
				}
			}
			for _, want := range []string{`provider "aws"`, `metaflow-test-run = "mfdt-abc123-` + ex.short + `"`, `managedBy`} {
				if !strings.Contains(src, want) {
					t.Errorf("override lacks %s (provider default_tags, run tag, the example's own tags):\n%s", want, src)
				}
			}
		})
	}
}

func TestOverrideCheckFailsOnBrokenFixture(t *testing.T) {
	root, err := loadModule(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/broken-override/" + OverrideFile)
	if err != nil {
		t.Fatal(err)
	}
	problems := overrideProblems(string(src), root.Variables)
	for _, want := range []string{
		`argument db_multi_azz is not an input of the root module`,
		`argument compute_environment_min_cpus is not an input`,
		`module "metaflow" tags lack metaflow-test-run`,
		`provider "aws" sets region`,
		`provider "aws" default_tags lack metaflow-test-run`,
		`unexpected module [vpc] block`,
	} {
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("problems %q lack %q", problems, want)
		}
	}
	if got := overrideProblems("module \"metaflow\" {", root.Variables); len(got) != 1 || !strings.Contains(got[0], "does not parse") {
		t.Errorf("unparsable override: %q", got)
	}
}

func TestDeclaredInputs(t *testing.T) {
	declared := func(n string) bool { return n != "log_retention_in_days" && n != "db_multi_az" }
	_, err := DeclaredInputs(CostInputs(), declared)
	if err == nil || !strings.Contains(err.Error(), "db_multi_az") || strings.Contains(err.Error(), "log_retention_in_days") {
		t.Fatalf("error %v, want db_multi_az named (required) and log_retention_in_days not (IfDeclared)", err)
	}
	got, err := DeclaredInputs(CostInputs(), func(n string) bool { return n != "log_retention_in_days" })
	if err != nil || slices.ContainsFunc(got, func(in Input) bool { return in.Name == "log_retention_in_days" }) || len(got) != len(CostInputs())-1 {
		t.Fatalf("got %v, %v; want every input but log_retention_in_days", got, err)
	}
}

func TestInspectExample(t *testing.T) {
	info, err := InspectExample(filepath.Join(repoRoot, "examples/minimal"))
	if err != nil {
		t.Fatal(err)
	}
	if !info.AWSProvider || info.ModuleTags["managedBy"] != "terraform" {
		t.Fatalf("info %+v: want provider \"aws\" found and the module's literal tags read", info)
	}
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", "module \"metaflow\" {\n  source = \"../..\"\n  tags = var.tags\n}\n")
	if _, err := InspectExample(dir); err == nil || !strings.Contains(err.Error(), "not a literal map") {
		t.Fatalf("computed tags: error %v, want a refusal (the override would drop them)", err)
	}
	write("main.tf", "module \"other\" {\n  source = \"../..\"\n}\nprovider \"aws\" {\n  alias = \"east\"\n}\n")
	if _, err := InspectExample(dir); err == nil || !strings.Contains(err.Error(), `no module "metaflow"`) {
		t.Fatalf("no module: error %v", err)
	}
	write("main.tf", "module \"metaflow\" {\n  source = \"../..\"\n}\nprovider \"aws\" {\n  alias = \"east\"\n}\n")
	write(OverrideFile, "provider \"aws\" {\n}\n")
	if info, err := InspectExample(dir); err != nil || info.AWSProvider {
		t.Fatalf("aliased provider and override files must not count: %+v %v", info, err)
	}
}
