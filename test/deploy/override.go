package deploy

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/outerbounds/terraform-aws-metaflow/internal/inventory"
)

// The deploy tests run each example as its README shows it, with two things
// changed for a test run: every resource carries the run tag, and the
// module's cost inputs are at their cheapest. Both go into OverrideFile, a
// Terraform override file written into the test's copy of the example
// (https://developer.hashicorp.com/terraform/language/files/override): it
// merges attribute by attribute into the example's `provider "aws"` and
// `module "metaflow"` blocks, so the examples' code stays what users copy.
const OverrideFile = "zz_deploy_test_override.tf"

// RunTagKey tags everything a deploy run creates; the leak audit and the
// janitor find leftovers by it, so there is one definition.
const RunTagKey = inventory.RunTagKey

// Input is one module argument the override sets.
type Input struct {
	Name  string
	Value cty.Value
	// IfDeclared: set it only when the root module declares it (an input
	// being added while the tests already exist).
	IfDeclared bool
}

// CostInputs are the root inputs that make a test stack cheap and quick to
// destroy.
func CostInputs() []Input {
	return []Input{
		// Single-AZ, smallest Graviton burstable class (PostgreSQL 14+ runs on
		// it; the metadata service needs little), one day of backups (the
		// root's minimum), no final snapshot or deletion protection.
		{Name: "db_multi_az", Value: cty.False},
		{Name: "db_instance_type", Value: cty.StringVal("db.t4g.micro")},
		{Name: "db_backup_retention_period", Value: cty.NumberIntVal(1)},
		{Name: "db_skip_final_snapshot", Value: cty.True},
		{Name: "db_deletion_protection", Value: cty.False},
		// Shortest windows the root allows: KMS 7 days; the password secret
		// deleted at once (0), so a rerun with the same names is not blocked.
		{Name: "kms_deletion_window_in_days", Value: cty.NumberIntVal(7)},
		{Name: "db_password_secret_recovery_window_in_days", Value: cty.NumberIntVal(0)},
		{Name: "force_destroy_s3_bucket", Value: cty.True},
		{Name: "log_retention_in_days", Value: cty.NumberIntVal(1), IfDeclared: true},
		// No idle instances: Batch starts one for the smoke job and scales
		// back to zero. 16 is the root's lowest allowed maximum.
		{Name: "compute_environment_min_vcpus", Value: cty.NumberIntVal(0)},
		{Name: "compute_environment_desired_vcpus", Value: cty.NumberIntVal(0)},
		{Name: "compute_environment_max_vcpus", Value: cty.NumberIntVal(16)},
		// AWS Batch does not launch burstable (t*) instances, so the cheapest
		// it can use are the 2-vCPU "large" sizes; c5.large (4 GiB) is offered
		// in every commercial region and fits the smoke job (0.25-1 vCPU,
		// 512 MB) and the E2E flow's steps (verify.DefaultE2EDecorator asks
		// for 2048 MB because Metaflow's default 4096 MB would not fit).
		{Name: "compute_environment_instance_types", Value: cty.ListVal([]cty.Value{cty.StringVal("c5.large")})},
	}
}

// Override is what OverrideHCL writes for one run.
type Override struct {
	RunID string
	// Example is what the example's own code holds (InspectExample).
	Example ExampleInfo
	// Inputs are module "metaflow" arguments: CostInputs plus the example's.
	Inputs []Input
}

// ExampleInfo is what the override must know of the example it merges into.
type ExampleInfo struct {
	// AWSProvider: the example configures provider "aws" (no alias); the run
	// tag goes into its default_tags.
	AWSProvider bool
	// ModuleTags are the literal tags of module "metaflow"; the override's
	// tags attribute replaces them, so it repeats them.
	ModuleTags map[string]string
	// ModuleLiterals are the string literal arguments of module "metaflow"
	// (db_engine_version, for one).
	ModuleLiterals map[string]string
}

// InspectExample reads the example's .tf files (override files excluded).
func InspectExample(dir string) (ExampleInfo, error) {
	info := ExampleInfo{ModuleTags: map[string]string{}, ModuleLiterals: map[string]string{}}
	paths, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return info, err
	}
	foundModule := false
	for _, p := range paths {
		if base := filepath.Base(p); base == "override.tf" || strings.HasSuffix(base, "_override.tf") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return info, err
		}
		file, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos)
		if diags.HasErrors() {
			return info, fmt.Errorf("parsing %s: %w", p, diags)
		}
		for _, b := range file.Body.(*hclsyntax.Body).Blocks {
			switch {
			case b.Type == "provider" && len(b.Labels) == 1 && b.Labels[0] == "aws":
				if _, aliased := b.Body.Attributes["alias"]; !aliased {
					info.AWSProvider = true
				}
			case b.Type == "module" && len(b.Labels) == 1 && b.Labels[0] == ModuleName:
				foundModule = true
				for name, attr := range b.Body.Attributes {
					if v, diags := attr.Expr.Value(nil); !diags.HasErrors() && v.IsKnown() && v.Type() == cty.String && !v.IsNull() {
						info.ModuleLiterals[name] = v.AsString()
					}
				}
				if attr, ok := b.Body.Attributes["tags"]; ok {
					tags, err := literalStringMap(attr.Expr)
					if err != nil {
						return info, fmt.Errorf("%s: module %q tags: %w", p, ModuleName, err)
					}
					info.ModuleTags = tags
				}
			}
		}
	}
	if !foundModule {
		return info, fmt.Errorf("%s: no module %q to override", dir, ModuleName)
	}
	return info, nil
}

func literalStringMap(expr hclsyntax.Expression) (map[string]string, error) {
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		return nil, fmt.Errorf("not a literal map of strings (the override could not keep them)")
	}
	out := map[string]string{}
	for k, val := range v.AsValueMap() {
		if val.Type() != cty.String {
			return nil, fmt.Errorf("tag %s is not a string", k)
		}
		out[k] = val.AsString()
	}
	return out, nil
}

// OverrideHCL renders OverrideFile.
func OverrideHCL(o Override) string {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	runTag := map[string]cty.Value{RunTagKey: cty.StringVal(o.RunID)}
	if o.Example.AWSProvider {
		p := body.AppendNewBlock("provider", []string{"aws"}).Body()
		p.AppendNewBlock("default_tags", nil).Body().SetAttributeValue("tags", cty.MapVal(runTag))
		body.AppendNewline()
	}
	m := body.AppendNewBlock("module", []string{ModuleName}).Body()
	tags := maps.Clone(runTag)
	for k, v := range o.Example.ModuleTags {
		tags[k] = cty.StringVal(v)
	}
	tags[RunTagKey] = cty.StringVal(o.RunID)
	m.SetAttributeValue("tags", cty.MapVal(tags))
	inputs := slices.Clone(o.Inputs)
	slices.SortFunc(inputs, func(a, b Input) int { return strings.Compare(a.Name, b.Name) })
	for _, in := range inputs {
		m.SetAttributeValue(in.Name, in.Value)
	}
	return "# Written by test/deploy into its copy of the example (run " + o.RunID + "); not part of the example.\n" +
		"# Terraform merges it into the blocks of the same name: run tag and cheapest settings.\n\n" +
		string(hclwrite.Format(f.Bytes()))
}

// DeclaredInputs keeps the inputs the root declares, dropping IfDeclared ones
// it does not; an undeclared required input is returned as an error.
func DeclaredInputs(inputs []Input, declared func(string) bool) ([]Input, error) {
	var out []Input
	var missing []string
	for _, in := range inputs {
		switch {
		case declared(in.Name):
			out = append(out, in)
		case !in.IfDeclared:
			missing = append(missing, in.Name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the root module does not declare %s", strings.Join(missing, ", "))
	}
	return out, nil
}
