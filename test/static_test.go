package test

// The static test layer: interface compatibility against the golden file,
// wiring of module calls and references, and hygiene of every module. Each
// check also runs on a broken fixture under testdata/ to prove it can fail.

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/static"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	update             = flag.Bool("update", false, "rewrite testdata/interface.json from the root module (an intentional interface change)")
	goldenFromContract = flag.Bool("golden-from-contract", false, "rewrite testdata/interface.json from the contract README tables")
)

const (
	goldenPath = "testdata/interface.json"
	// contractName is the README of the module we replace; the team keeps it
	// outside the repository (shared/spec). METAFLOW_CONTRACT overrides the path.
	contractName    = "000_b5345b08f7d9203b.txt"
	contractInputs  = 58
	contractOutputs = 21
)

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	return root
}

// contractPath finds the contract README, or returns "" when this machine
// does not have it.
func contractPath(root string) string {
	candidates := []string{
		os.Getenv("METAFLOW_CONTRACT"),
		filepath.Join(root, "..", "shared", "spec", contractName),
		filepath.Join("/work", "shared", "spec", contractName),
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if _, err := os.Stat(c); err == nil {
			return c
		}
	}
	return ""
}

func rootInterface(t *testing.T, root string) static.Interface {
	t.Helper()
	m, err := static.Load(root)
	require.NoError(t, err)
	in, err := static.InterfaceOf(m, root)
	require.NoError(t, err)
	return in
}

// TestContractGolden proves the golden cannot drift from the contract: every
// input (name, type, default, required) and output of the contract tables is
// in the golden unchanged. Entries the golden has beyond the contract are
// additions recorded by -update, and allowed.
func TestContractGolden(t *testing.T) {
	root := repoRoot(t)
	path := contractPath(root)
	if path == "" {
		t.Skipf("contract %s not found (set METAFLOW_CONTRACT to its path); the golden is still checked against the root module by TestInterfaceCompatibility", contractName)
	}
	text, err := os.ReadFile(path)
	require.NoError(t, err)
	contract, err := static.ParseContract(string(text), "contract: "+contractName+" (README of outerbounds/metaflow/aws, the module this one replaces)")
	require.NoError(t, err)
	require.Len(t, contract.Inputs, contractInputs, "inputs in the contract tables")
	require.Len(t, contract.Outputs, contractOutputs, "outputs in the contract tables")

	if *goldenFromContract {
		b, err := static.MarshalGolden(contract)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(goldenPath, b, 0o644))
		t.Logf("wrote %s from %s", goldenPath, path)
	}

	golden, err := static.ReadGolden(goldenPath)
	require.NoError(t, err)
	changes := static.Compare(contract, golden)
	for _, c := range changes {
		if c.Breaking {
			t.Errorf("golden %s drifted from the contract: %s", goldenPath, c)
		} else {
			t.Logf("golden records an addition to the contract: %s", c.Message)
		}
	}
}

// TestInterfaceCompatibility compares the root module with the golden file.
// `go test ./test/ -run Interface -update` rewrites the golden on purpose.
func TestInterfaceCompatibility(t *testing.T) {
	root := repoRoot(t)
	current := rootInterface(t, root)
	if *update {
		b, err := static.MarshalGolden(current)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(goldenPath, b, 0o644))
		t.Logf("rewrote %s from the root module: %d inputs, %d outputs", goldenPath, len(current.Inputs), len(current.Outputs))
		return
	}
	golden, err := static.ReadGolden(goldenPath)
	require.NoError(t, err)

	v := static.CheckCompatibility(golden, current)
	for _, c := range v.Additions {
		t.Logf("allowed %s", c)
	}
	for _, c := range v.Breaking {
		t.Errorf("%s", c)
	}
	if v.Incomplete != "" {
		t.Errorf("%s", v.Incomplete)
	}
	if !t.Failed() {
		t.Logf("root interface matches %s: all %d inputs and %d outputs, %d addition(s)", goldenPath, len(golden.Inputs), len(golden.Outputs), len(v.Additions))
	}
}

// TestInterfaceFailsOnAnIncompleteRoot proves the compatibility check does
// not pass an unfinished root: a root with no interface, or part of it,
// is incomplete and every missing entry is a breaking change.
func TestInterfaceFailsOnAnIncompleteRoot(t *testing.T) {
	golden := static.Interface{
		Inputs:  []static.Input{{Name: "a", Type: "string", Default: []byte(`"x"`)}, {Name: "b", Type: "number", Default: []byte(`1`)}},
		Outputs: []static.Output{{Name: "o"}},
	}
	empty := static.CheckCompatibility(golden, static.Interface{})
	assert.Equal(t, "root module interface incomplete: 0/2 inputs, 0/1 outputs present", empty.Incomplete)
	assert.Len(t, empty.Breaking, 3)

	partial := static.CheckCompatibility(golden, static.Interface{
		Inputs: []static.Input{{Name: "a", Type: "list(string)", Default: []byte(`[]`), File: "variables.tf", Line: 1}},
	})
	assert.Equal(t, "root module interface incomplete: 1/2 inputs, 0/1 outputs present", partial.Incomplete)
	var got []string
	for _, c := range partial.Breaking {
		got = append(got, c.String())
	}
	assert.ElementsMatch(t, []string{
		`variables.tf:1: breaking change: input "a" changed type from string to list(string)`,
		`variables.tf:1: breaking change: input "a" changed default from "x" to []`,
		`breaking change: input "b" was removed or renamed`,
		`breaking change: output "o" was removed or renamed`,
	}, got)
}

// TestInterfaceReleaseClassification runs when `make release` sets
// RELEASE_VERSION: a release that keeps the previous tag's major version
// must not break the interface recorded at that tag.
func TestInterfaceReleaseClassification(t *testing.T) {
	version := os.Getenv("RELEASE_VERSION")
	if version == "" {
		t.Skip("set RELEASE_VERSION=X.Y.Z to classify a release against the previous tag (make release does)")
	}
	root := repoRoot(t)
	prevTag, err := previousTag(root)
	require.NoError(t, err)
	baseline, err := static.ReadGolden(goldenPath)
	require.NoError(t, err)
	if prevTag != "" {
		// The interface as released: the golden at the previous tag, so an
		// -update since then cannot hide a break.
		b, err := exec.Command("git", "-C", root, "show", prevTag+":test/"+goldenPath).Output()
		if err == nil {
			baseline, err = static.ParseGolden(b)
			require.NoError(t, err, "golden at %s", prevTag)
		} else {
			t.Logf("%s has no %s; comparing with the current golden", prevTag, goldenPath)
		}
	}
	breaking := static.Breaking(static.Compare(baseline, rootInterface(t, root)))
	if err := static.CheckRelease(version, prevTag, breaking); err != nil {
		t.Fatal(err)
	}
	t.Logf("release %s: %d breaking change(s) since %q, allowed", version, len(breaking), prevTag)
}

// previousTag returns the newest vX.Y.Z tag, or "" when there is none.
func previousTag(root string) (string, error) {
	out, err := exec.Command("git", "-C", root, "tag", "--list", "v[0-9]*", "--sort=-v:refname").Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", errors.New("git tag: " + strings.TrimSpace(string(exit.Stderr)))
		}
		return "", err
	}
	for _, tag := range strings.Fields(string(out)) {
		if _, err := static.Major(tag); err == nil {
			return tag, nil
		}
	}
	return "", nil
}

func TestReleaseClassificationRules(t *testing.T) {
	brk := []static.Change{{Breaking: true, Message: `input "a" was removed or renamed`}}
	tests := []struct {
		name, version, prev string
		breaking            []static.Change
		wantErr             string
	}{
		{"first release", "1.0.0", "", brk, ""},
		{"minor without break", "1.1.0", "v1.0.0", nil, ""},
		{"minor with break", "1.1.0", "v1.0.0", brk, "breaking change"},
		{"patch with break", "1.0.1", "v1.0.0", brk, "release 2.0.0 instead"},
		{"major with break", "2.0.0", "v1.4.2", brk, ""},
		{"not semver", "1.0", "v1.0.0", nil, "not a semantic version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := static.CheckRelease(tt.version, tt.prev, tt.breaking)
			if tt.wantErr == "" {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, tt.wantErr)
			}
		})
	}
}

// TestWiring checks module calls and references in every module and example.
func TestWiring(t *testing.T) {
	runOnRepo(t, static.CheckWiring)
}

// TestHygiene checks types, descriptions and version pins in every module
// and example.
func TestHygiene(t *testing.T) {
	runOnRepo(t, static.CheckHygiene)
}

func runOnRepo(t *testing.T, check func(base, dir string) ([]static.Finding, error)) {
	root := repoRoot(t)
	dirs, err := static.Discover(root)
	require.NoError(t, err)
	require.Contains(t, dirs, ".", "the root module must be among the checked directories")
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			findings, err := check(root, dir)
			require.NoError(t, err)
			for _, f := range findings {
				t.Errorf("%s", f)
			}
		})
	}
}

// TestIAMGuardRails holds every IAM role and instance profile of the module
// tree (the root and modules/*), and every call of the EKS registry module,
// to the path and permissions boundary modules/common checked: no role
// escapes iam_path and iam_permissions_boundary in any shape, since the check
// reads the configuration, not one plan of it.
func TestIAMGuardRails(t *testing.T) {
	root := repoRoot(t)
	findings, guarded, err := static.CheckIAMGuardRails(root)
	require.NoError(t, err)
	for _, f := range findings {
		t.Errorf("%s", f)
	}
	// The tree's roles as of this check: a count that drops means the
	// check stopped seeing some (a new role only adds to it).
	require.GreaterOrEqual(t, len(guarded), 20, "roles, instance profiles and module calls held to the guard rails: %v", guarded)
	if !t.Failed() {
		t.Logf("%d roles, instance profiles and module calls get iam_path and iam_permissions_boundary from modules/common:\n  %s", len(guarded), strings.Join(guarded, "\n  "))
	}
}

// TestStaticChecksFailOnBrokenFixtures proves each check finds what it is
// meant to find, at the right file and line, and nothing on a correct fixture.
func TestStaticChecksFailOnBrokenFixtures(t *testing.T) {
	tests := []struct {
		name    string // the check
		fixture string
		check   func(base, dir string) ([]static.Finding, error)
		want    []string
	}{
		{
			name:    "wiring",
			fixture: "testdata/wiring/broken",
			check:   static.CheckWiring,
			want: []string{
				`main.tf:2: wiring: module "child" does not pass required variable "size" of ./modules/child`,
				`main.tf:6: wiring: module "child" passes "nmae", which is not a variable of ./modules/child`,
				`main.tf:7: wiring: var.tagz is not a declared variable of this module`,
				`main.tf:8: wiring: module "child" passes "extra_arg", which is not a variable of ./modules/child`,
				`main.tf:12: wiring: module.child.arn: ./modules/child has no output "arn"`,
				`main.tf:12: wiring: module.missing refers to a module call that does not exist`,
			},
		},
		{name: "wiring", fixture: "testdata/wiring/ok", check: static.CheckWiring},
		{
			name:    "hygiene",
			fixture: "testdata/hygiene/broken",
			check:   static.CheckHygiene,
			want: []string{
				`main.tf:1: hygiene: registry module "vpc_unversioned" (terraform-aws-modules/vpc/aws) has no version constraint`,
				`main.tf:5: hygiene: registry module "vpc_unpinned" (terraform-aws-modules/vpc/aws) version ">= 6.0" is not pinned (use an exact version, ~> or an upper bound)`,
				`main.tf:19: hygiene: null_resource.undeclared_provider uses provider "null", which versions.tf does not list in required_providers`,
				`outputs.tf:1: hygiene: output "undescribed" has no description`,
				`variables.tf:2: hygiene: variable "untyped" has no type`,
				`variables.tf:6: hygiene: variable "undescribed" has no description`,
				`versions.tf:1: hygiene: terraform block has no required_version`,
				`versions.tf:3: hygiene: required_providers.aws version ">= 6.28" is not pinned (use ~>, an exact version or an upper bound)`,
				`versions.tf:7: hygiene: required_providers.random has no version constraint`,
			},
		},
		{
			name:    "hygiene",
			fixture: "testdata/hygiene/no-versions",
			check:   static.CheckHygiene,
			want:    []string{`.: hygiene: module has no versions.tf`},
		},
		{name: "hygiene", fixture: "testdata/wiring/ok", check: static.CheckHygiene},
		{
			name:    "iam-guard-rails",
			fixture: "testdata/iam/broken",
			check:   iamGuardRails,
			want: []string{
				`main.tf:2: iam-guard-rails: module "common" (modules/common) is not given iam_permissions_boundary: pass iam_permissions_boundary = var.iam_permissions_boundary, so the caller's value is checked and reaches the roles`,
				`main.tf:4: iam-guard-rails: module "common" (modules/common) gets iam_path = "/fixed/"; it must be var.iam_path, the caller's own value`,
				`main.tf:12: iam-guard-rails: aws_iam_role.no_rails has no path argument: set path = module.common.iam_path (the value modules/common checked)`,
				`main.tf:12: iam-guard-rails: aws_iam_role.no_rails has no permissions_boundary argument: set permissions_boundary = module.common.iam_permissions_boundary (the value modules/common checked)`,
				`main.tf:20: iam-guard-rails: aws_iam_role.escapes sets path = local.not_a_path, which is not fed from modules/common's iam_path: set it to module.common.iam_path`,
				`main.tf:21: iam-guard-rails: aws_iam_role.escapes sets permissions_boundary = var.iam_permissions_boundary, which is not fed from modules/common's iam_permissions_boundary: set it to module.common.iam_permissions_boundary`,
				`main.tf:31: iam-guard-rails: aws_iam_instance_profile.no_path has no path argument: set path = module.common.iam_path (the value modules/common checked)`,
				`main.tf:36: iam-guard-rails: module.eks has no encryption_policy_path argument: set encryption_policy_path = module.common.iam_path (the value modules/common checked)`,
				`main.tf:41: iam-guard-rails: module.eks sets iam_role_permissions_boundary = "arn:aws:iam::123456789012:policy/Other", which is not fed from modules/common's iam_permissions_boundary: set it to module.common.iam_permissions_boundary`,
				`main.tf:45: iam-guard-rails: module.eks: eks_managed_node_groups does not carry module.common.iam_permissions_boundary into its entries (merge module.common.iam_permissions_boundary into every node group, last, so none escapes it)`,
				`main.tf:48: iam-guard-rails: module.child has no iam_permissions_boundary argument: set iam_permissions_boundary = module.common.iam_permissions_boundary (the value modules/common checked)`,
				`main.tf:51: iam-guard-rails: module.child sets iam_path = var.iam_path, which is not fed from modules/common's iam_path: set it to module.common.iam_path`,
				`modules/leaky: iam-guard-rails: the module creates IAM roles but neither calls modules/common nor declares variable "iam_path"`,
				`modules/leaky: iam-guard-rails: the module creates IAM roles but neither calls modules/common nor declares variable "iam_permissions_boundary"`,
				`modules/leaky/main.tf:2: iam-guard-rails: aws_iam_role.this has no permissions_boundary argument: set permissions_boundary = var.iam_permissions_boundary (the caller's value, checked by its modules/common)`,
				`modules/leaky/main.tf:5: iam-guard-rails: aws_iam_role.this sets path = "/", which is not fed from modules/common's iam_path: set it to var.iam_path`,
			},
		},
		{name: "iam-guard-rails", fixture: "testdata/iam/ok", check: iamGuardRails},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.fixture, func(t *testing.T) {
			findings, err := tt.check(tt.fixture, ".")
			require.NoError(t, err)
			got := make([]string, len(findings))
			for i, f := range findings {
				got[i] = f.String()
			}
			assert.ElementsMatch(t, tt.want, got)
			if len(tt.want) > 0 {
				t.Logf("fixture %s fails the %s check as expected with %d findings", tt.fixture, tt.name, len(got))
			} else {
				t.Logf("fixture %s passes the %s check (no false positives)", tt.fixture, tt.name)
			}
		})
	}
}

// TestInterfaceCheckFailsOnBrokenFixture proves the compatibility check
// flags each kind of breaking change (with the file:line of the current
// declaration where there is one) and lists additions without failing.
func TestInterfaceCheckFailsOnBrokenFixture(t *testing.T) {
	const fixture = "testdata/interface/broken"
	baseline, err := static.ReadGolden(filepath.Join(fixture, "baseline.json"))
	require.NoError(t, err)
	m, err := static.Load(fixture)
	require.NoError(t, err)
	current, err := static.InterfaceOf(m, fixture)
	require.NoError(t, err)

	var got []string
	for _, c := range static.Compare(baseline, current) {
		got = append(got, c.String())
	}
	assert.ElementsMatch(t, []string{
		`breaking change: input "a" was removed or renamed`,
		`breaking change: input "e" was removed or renamed`,
		`variables.tf:4: breaking change: input "b" changed type from number to string`,
		`variables.tf:4: breaking change: input "b" changed default from 1 to "1"`,
		`variables.tf:10: breaking change: input "c" changed default from [] to ["x"]`,
		`variables.tf:16: breaking change: input "d" changed required from true to false`,
		`variables.tf:28: breaking change: new input "f" is required (existing callers do not pass it)`,
		`breaking change: output "o1" was removed or renamed`,
		`variables.tf:22: addition: new optional input "e2"`,
		`variables.tf:41: addition: new optional input "h"`,
		`outputs.tf:6: addition: new output "o3"`,
	}, got)
	t.Logf("fixture %s fails the interface check with %d breaking changes", fixture, len(static.Breaking(static.Compare(baseline, current))))
}

// iamGuardRails runs the guard-rail check over a whole fixture tree, as
// TestIAMGuardRails does over the repository.
func iamGuardRails(base, _ string) ([]static.Finding, error) {
	findings, _, err := static.CheckIAMGuardRails(base)
	return findings, err
}
