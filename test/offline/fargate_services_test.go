package offline

// The sizes of the ECS Fargate services are checked in one place,
// modules/common's fargate_services: Fargate's CPU sizes and CPU/memory
// pairs, its ephemeral storage range and the desired count range. The root,
// modules/metadata-service and modules/ui hand their size inputs to it in
// their module "common" call, keyed by the start of the inputs' names, so an
// error names the input the caller set. TestValidation covers the rules on
// modules/common's own variables.tf; this test covers what a caller sees:
// each caller's variables.tf with its real fargate_services argument (read
// from its main.tf) passed to a copy of modules/common, planned with bad
// values of the caller's inputs, must fail with exactly the messages naming
// those inputs. It also holds the argument to var.KEY_ATTRIBUTE for every
// key and attribute, the rule the messages rely on.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gruntwork-io/terratest/modules/terraform"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/outerbounds/terraform-aws-metaflow/test/internal/tfoffline"
)

// fargatePairs is the list of Fargate's CPU/memory pairs that ends every
// memory error of modules/common.
const fargatePairs = "Fargate's CPU/memory pairs: 256 takes 512/1024/2048; 512 takes 1024-4096, 1024 takes 2048-8192, 2048 takes 4096-16384, 4096 takes 8192-30720 (steps of 1024); 8192 takes 16384-61440 (steps of 4096); 16384 takes 32768-122880 (steps of 8192)."

func fargateCPUMessage(key, got string) string {
	return key + "_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384; got " + got + "."
}

// fargateMemoryMessage is the one memory error for every offending service,
// each given as key, memory, cpu (in key order, as terraform lists a map).
func fargateMemoryMessage(offenders ...[3]string) string {
	var parts []string
	for _, o := range offenders {
		parts = append(parts, o[0]+"_memory "+o[1]+" is not offered by Fargate with "+o[0]+"_cpu "+o[2]+".")
	}
	return strings.Join(parts, " ") + " " + fargatePairs
}

func fargateEphemeralMessage(key, got string) string {
	return key + "_ephemeral_storage must be a whole number of GiB from 21 to 200 (what Fargate offers), or 20 for Fargate's default; got " + got + "."
}

func fargateCountMessage(key, got string) string {
	return key + "_desired_count must be a whole number of tasks from 1 to 10; got " + got + "."
}

type fargateCase struct {
	name   string
	vars   map[string]any
	errors []string // exact messages; none means the plan must succeed
}

type fargateCaller struct {
	dir   string              // relative to the repository root
	base  map[string]any      // values that make its variables.tf valid
	keys  map[string][]string // the key and attributes its argument must hold
	cases []fargateCase
	// passOn: module calls that get the checked sizes, and the keys whose
	// inputs (KEY_ATTRIBUTE) they get, each from module.common.fargate_services.
	passOn map[string][]string
}

func fargateCallers() []fargateCaller {
	metadataAll := []string{"cpu", "desired_count", "ephemeral_storage", "memory"}
	cpuAndMemory := []string{"cpu", "memory"}
	return []fargateCaller{
		{
			dir:    ".",
			base:   rootBase,
			keys:   map[string][]string{"metadata_service": metadataAll, "ui_backend": cpuAndMemory, "ui_static": cpuAndMemory},
			passOn: map[string][]string{"metadata_service": {"metadata_service"}, "ui": {"ui_backend", "ui_static"}},
			cases: []fargateCase{
				{name: "defaults"},
				{name: "old_ui_backend_size", vars: map[string]any{"ui_backend_cpu": 2048, "ui_backend_memory": 16384}},
				{name: "largest", vars: map[string]any{
					"metadata_service_cpu": 16384, "metadata_service_memory": 122880, "metadata_service_ephemeral_storage": 200, "metadata_service_desired_count": 10,
					"ui_backend_cpu": 8192, "ui_backend_memory": 61440, "ui_static_cpu": 4096, "ui_static_memory": 30720,
				}},
				{name: "every_rule_broken", vars: map[string]any{
					"metadata_service_cpu": 256, "metadata_service_memory": 4096, "metadata_service_ephemeral_storage": 201, "metadata_service_desired_count": 0,
					"ui_backend_cpu": 1024, "ui_backend_memory": 1024, "ui_static_cpu": 300,
				}, errors: []string{
					fargateMemoryMessage([3]string{"metadata_service", "4096", "256"}, [3]string{"ui_backend", "1024", "1024"}),
					fargateEphemeralMessage("metadata_service", "201"),
					fargateCountMessage("metadata_service", "0"),
					fargateCPUMessage("ui_static", "300"),
				}},
			},
		},
		{
			dir:  "modules/metadata-service",
			base: metadataServiceCases().base,
			keys: map[string][]string{"metadata_service": metadataAll},
			cases: []fargateCase{
				{name: "defaults"},
				{name: "bad_cpu", vars: map[string]any{"metadata_service_cpu": 300}, errors: []string{fargateCPUMessage("metadata_service", "300")}},
				{name: "bad_pair", vars: map[string]any{"metadata_service_cpu": 512, "metadata_service_memory": 5120},
					errors: []string{fargateMemoryMessage([3]string{"metadata_service", "5120", "512"})}},
				{name: "ephemeral_19_and_count_11", vars: map[string]any{"metadata_service_ephemeral_storage": 19, "metadata_service_desired_count": 11},
					errors: []string{fargateEphemeralMessage("metadata_service", "19"), fargateCountMessage("metadata_service", "11")}},
			},
		},
		{
			dir:  "modules/ui",
			base: uiCases().base,
			keys: map[string][]string{"ui_backend": cpuAndMemory, "ui_static": cpuAndMemory},
			cases: []fargateCase{
				{name: "defaults"},
				{name: "bad_cpu_and_pair", vars: map[string]any{"ui_backend_cpu": 3000, "ui_static_cpu": 256, "ui_static_memory": 4096},
					errors: []string{fargateCPUMessage("ui_backend", "3000"), fargateMemoryMessage([3]string{"ui_static", "4096", "256"})}},
			},
		},
	}
}

func TestFargateServicesThroughCallers(t *testing.T) {
	t.Parallel()
	root := tfoffline.RepoRoot(t)
	for _, caller := range fargateCallers() {
		t.Run(strings.ReplaceAll(strings.TrimPrefix(caller.dir, "modules/"), ".", "root"), func(t *testing.T) {
			t.Parallel()
			src := filepath.Join(root, caller.dir)
			expr := fargateArgument(t, src, caller.keys)
			checkPassOn(t, src, caller.keys, caller.passOn)
			if t.Failed() {
				return
			}
			// The caller's variables with its argument, calling a copy of
			// modules/common; one init for every case.
			dir := tfoffline.ModuleHarness(t, filepath.Join(root, "modules", "common"), map[string]map[string]any{
				"common": {"resource_prefix": "metaflow", "fargate_services": "${" + expr + "}"},
			})
			vars, err := os.ReadFile(filepath.Join(src, "variables.tf"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "variables.tf"), vars, 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), deadline)
			defer cancel()
			if out, err := terraform.InitContextE(t, ctx, tfoffline.Options(t, dir, nil)); err != nil {
				t.Fatalf("init: %v\n%s", err, out)
			}
			for _, tc := range caller.cases {
				t.Run(tc.name, func(t *testing.T) {
					ctx, cancel := context.WithTimeout(t.Context(), deadline)
					defer cancel()
					diags, _, err := tfoffline.PlanDiagnostics(t, ctx, tfoffline.Options(t, dir, with(caller.base, tc.vars)))
					if err != nil {
						t.Fatal(err)
					}
					var got []string
					for _, d := range tfoffline.Errors(diags) {
						got = append(got, d.Message)
					}
					slices.Sort(got)
					want := slices.Clone(tc.errors)
					slices.Sort(want)
					if !slices.Equal(got, want) {
						t.Errorf("plan errors differ\n got: %q\nwant: %q", got, want)
					}
				})
			}
		})
	}
}

// fargateArgument returns the source of the fargate_services argument of the
// module "common" call in dir, after checking it is an object of the given
// keys whose attributes are exactly var.KEY_ATTRIBUTE.
func fargateArgument(t *testing.T, dir string, keys map[string][]string) string {
	t.Helper()
	rc := loadRootConfig(t, dir)
	call := rc.block("module", "common")
	if call == nil {
		t.Fatalf("%s has no module \"common\" call", dir)
	}
	attr, ok := call.Body.Attributes["fargate_services"]
	if !ok {
		t.Fatalf("%s: module \"common\" gets no fargate_services", dir)
	}
	outer, ok := attr.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		t.Fatalf("%s: fargate_services must be an object written out, key by key; got %s", dir, rc.text(attr.Expr.Range()))
	}
	seen := map[string][]string{}
	for _, item := range outer.Items {
		key := rc.text(item.KeyExpr.Range())
		inner, ok := item.ValueExpr.(*hclsyntax.ObjectConsExpr)
		if !ok {
			t.Errorf("%s: fargate_services.%s must be an object written out; got %s", dir, key, rc.text(item.ValueExpr.Range()))
			continue
		}
		for _, field := range inner.Items {
			name := rc.text(field.KeyExpr.Range())
			if got, want := rc.text(field.ValueExpr.Range()), "var."+key+"_"+name; got != want {
				t.Errorf("%s: fargate_services.%s.%s = %s, want %s (modules/common's errors name the input %s_%s)", dir, key, name, got, want, key, name)
			}
			seen[key] = append(seen[key], name)
		}
		slices.Sort(seen[key])
	}
	for key, want := range keys {
		if !slices.Equal(seen[key], want) {
			t.Errorf("%s: fargate_services.%s sets %v, want %v", dir, key, seen[key], want)
		}
	}
	for key := range seen {
		if _, ok := keys[key]; !ok {
			t.Errorf("%s: fargate_services has key %s this test does not know; add it", dir, key)
		}
	}
	return rc.text(attr.Expr.Range())
}

// checkPassOn holds each module call of passOn to taking every size input of
// its keys from module.common.fargate_services (the checked values), so the
// sizes a service gets are the ones checked, under the caller's names.
func checkPassOn(t *testing.T, dir string, keys map[string][]string, passOn map[string][]string) {
	t.Helper()
	rc := loadRootConfig(t, dir)
	for call, callKeys := range passOn {
		block := rc.block("module", call)
		if block == nil {
			t.Errorf("%s has no module %q call", dir, call)
			continue
		}
		for _, key := range callKeys {
			for _, field := range keys[key] {
				input := key + "_" + field
				attr, ok := block.Body.Attributes[input]
				want := "module.common.fargate_services." + key + "." + field
				switch {
				case !ok:
					t.Errorf("%s: module %q gets no %s; want %s", dir, call, input, want)
				case rc.text(attr.Expr.Range()) != want:
					t.Errorf("%s: module %q %s = %s, want %s", dir, call, input, rc.text(attr.Expr.Range()), want)
				}
			}
		}
	}
}
