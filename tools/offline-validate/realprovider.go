package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/outerbounds/terraform-aws-metaflow/internal/realprovider"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfworkspace"
	"github.com/zclconf/go-cty/cty"
)

// The real-provider layer plans the runs of the shape and example test files
// with the real hashicorp/aws provider instead of its mock, so the
// provider's own validators and plan-time checks run on our values. Each
// test file is turned into a copy under tests/real-provider/ in the
// workspace: mock_provider "aws" becomes a provider block with fake
// credentials and the skip_* settings, the data sources that would call AWS
// get override_data blocks (their values from the file's mock_data, or
// realProviderData), runs become plans without assertions, and runs that
// expect failures (validation cases, whose place is test/offline) are left
// out. Every other provider stays mocked.

// realProviderTestDir is where the generated files go, relative to a configuration.
const realProviderTestDir = "tests/real-provider"

// localDataSources compute their result in the provider, from its
// configuration, without calling AWS.
var localDataSources = map[string]bool{
	"aws_iam_policy_document": true,
	"aws_partition":           true,
	"aws_region":              true,
}

// realProviderData are the values override_data gives the data sources that
// would call AWS, where the mock file has no mock_data for them.
var realProviderData = map[string]string{
	"aws_caller_identity":               `{ account_id = "123456789012", arn = "arn:aws:iam::123456789012:user/terraform", user_id = "AIDAEXAMPLEEXAMPLE0001" }`,
	"aws_availability_zones":            `{ names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"], zone_ids = ["euw1-az1", "euw1-az2", "euw1-az3"] }`,
	"aws_secretsmanager_secret_version": `{ secret_string = "example-password" }`,
	"aws_eks_cluster_auth":              `{ token = "k8s-aws-v1.example" }`,
}

// realProviderConfigs are the configurations of a whole tree whose tests
// the layer plans: the root's shapes and every example.
func realProviderConfigs(configs []string) []string {
	var out []string
	for _, c := range configs {
		if c == "." || strings.HasPrefix(filepath.ToSlash(c), "examples/") {
			out = append(out, c)
		}
	}
	return out
}

func (r *runner) runRealProviderTests(ctx context.Context, configs []string, bin realprovider.Binary) (int, error) {
	var withTests []string
	for _, dir := range configs {
		if len(tfworkspace.TestFiles(filepath.Join(r.ws.Tree, dir))) > 0 {
			withTests = append(withTests, dir)
		}
	}
	type outcome struct{ files, passed, runs, resources int }
	outcomes := make([]outcome, len(withTests))
	err := r.forEach(ctx, withTests, func(ctx context.Context, i int, dir string, p *report) error {
		t0 := time.Now()
		files, err := r.writeRealProviderTests(dir)
		if err != nil {
			p.logf("%s: error: %v", r.displayPath(dir), err)
			outcomes[i] = outcome{files: 1}
			return nil
		}
		if err := r.get(ctx, dir); err != nil {
			p.logf("%s: error: %v", r.displayPath(dir), err)
			outcomes[i] = outcome{files: len(files)}
			return nil
		}
		stdout, stderr, _, err := r.terraform(ctx, dir, "test", "-json", "-verbose", "-no-color", "-test-directory="+realProviderTestDir)
		if err != nil {
			return err
		}
		o := outcome{files: len(files)}
		status, planned := map[string]string{}, map[string]int{}
		var order []string
		sc := bufio.NewScanner(strings.NewReader(stdout))
		sc.Buffer(make([]byte, 1024*1024), 256*1024*1024)
		for sc.Scan() {
			var ev struct {
				testEvent
				Run      string `json:"@testrun"`
				File     string `json:"@testfile"`
				TestPlan *struct {
					ResourceChanges []struct {
						Mode   string `json:"mode"`
						Change struct {
							Actions []string `json:"actions"`
						} `json:"change"`
					} `json:"resource_changes"`
				} `json:"test_plan"`
			}
			if json.Unmarshal(sc.Bytes(), &ev) != nil {
				continue
			}
			switch {
			case ev.Type == "test_file" && ev.TestFile != nil && ev.TestFile.Status != "":
				status[ev.TestFile.Path] = ev.TestFile.Status
			case ev.Type == "test_plan" && ev.TestPlan != nil:
				n := 0
				for _, rc := range ev.TestPlan.ResourceChanges {
					if rc.Mode == "managed" && !slices.Equal(rc.Change.Actions, []string{"no-op"}) {
						n++
					}
				}
				key := ev.File + ":" + ev.Run
				planned[key] = n
				order = append(order, key)
			case ev.Type == "test_run" && ev.TestRun != nil && ev.TestRun.Progress == "complete" && ev.TestRun.Status != "pass":
				p.logf("%s: run %q: %s", r.displayPath(filepath.Join(dir, ev.TestRun.Path)), ev.TestRun.Run, ev.TestRun.Status)
			case ev.Diagnostic != nil && !ignoredSummaries[ev.Diagnostic.Summary]:
				p.diag(r.formatDiag(dir, *ev.Diagnostic))
			}
		}
		if len(status) == 0 && strings.TrimSpace(stderr) != "" {
			p.logf("%s: error: terraform test: %s", r.displayPath(dir), oneLine(stderr))
		}
		for _, key := range order {
			file, run, _ := strings.Cut(key, ":")
			p.logf("%s: run %q: %d resources planned by hashicorp/aws %s", r.displayPath(filepath.Join(dir, file)), run, planned[key], bin.Version)
			o.runs++
			o.resources += planned[key]
		}
		for _, f := range files {
			st := status[f]
			if st == "" {
				st = "not run"
			}
			if st == "pass" {
				o.passed++
			}
			p.logf("%s: %s", r.displayPath(filepath.Join(dir, f)), st)
		}
		p.logf("   %s: %d runs, %d resources planned (%.1fs)", r.displayPath(dir), o.runs, o.resources, time.Since(t0).Seconds())
		outcomes[i] = o
		return nil
	})
	if err != nil {
		return 2, err
	}
	var total outcome
	for _, o := range outcomes {
		total.files += o.files
		total.passed += o.passed
		total.runs += o.runs
		total.resources += o.resources
	}
	r.logf("offline-validate: %d/%d test files planned by the real hashicorp/aws %s: %d runs, %d resources (%.1fs)",
		total.passed, total.files, bin.Version, total.runs, total.resources, time.Since(r.start).Seconds())
	if total.passed != total.files {
		return 1, nil
	}
	return 0, nil
}

// writeRealProviderTests writes the real-provider copy of each test file of
// the configuration dir and returns their paths relative to it.
func (r *runner) writeRealProviderTests(dir string) ([]string, error) {
	cfg := filepath.Join(r.ws.Tree, dir)
	targets, err := dataSourceAddresses(cfg, "")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, rel := range tfworkspace.TestFiles(cfg) {
		src, err := os.ReadFile(filepath.Join(cfg, rel))
		if err != nil {
			return nil, err
		}
		gen, runs, err := realProviderTestFile(src, rel, targets)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, rel), err)
		}
		if runs == 0 {
			continue // only validation cases: nothing to plan
		}
		name := filepath.Join(realProviderTestDir, filepath.Base(rel))
		if err := os.MkdirAll(filepath.Join(cfg, realProviderTestDir), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(cfg, name), gen, 0o644); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, nil
}

// dataAddress is one aws data source instance a plan of the configuration reads.
type dataAddress struct {
	Type, Address string
}

// dataSourceAddresses lists the aws data source instances of the
// configuration in dir and of the local modules it calls, as override_data
// targets (module.x[0].data.t.n: instance keys included, which overrides
// need). Modules and data sources with count get key 0: ours exist once
// when they exist at all; for_each cannot be guessed and fails.
func dataSourceAddresses(dir, prefix string) ([]dataAddress, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	sort.Strings(files)
	var out []dataAddress
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		file, diags := hclsyntax.ParseConfig(src, f, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("parse %s: %s", f, diags.Error())
		}
		for _, b := range file.Body.(*hclsyntax.Body).Blocks {
			key, err := instanceKey(b)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", f, b.DefRange().Start.Line, err)
			}
			switch {
			case b.Type == "data" && len(b.Labels) == 2 && strings.HasPrefix(b.Labels[0], "aws_"):
				out = append(out, dataAddress{Type: b.Labels[0], Address: fmt.Sprintf("%sdata.%s.%s%s", prefix, b.Labels[0], b.Labels[1], key)})
			case b.Type == "module" && len(b.Labels) == 1:
				source, ok := b.Body.Attributes["source"]
				if !ok {
					continue
				}
				v, d := source.Expr.Value(nil)
				if d.HasErrors() || v.Type() != cty.String || !strings.HasPrefix(v.AsString(), ".") {
					continue // a registry module: stood in, no data sources
				}
				inner, err := dataSourceAddresses(filepath.Join(dir, v.AsString()), fmt.Sprintf("%smodule.%s%s.", prefix, b.Labels[0], key))
				if err != nil {
					return nil, err
				}
				out = append(out, inner...)
			}
		}
	}
	return out, nil
}

func instanceKey(b *hclsyntax.Block) (string, error) {
	if _, ok := b.Body.Attributes["for_each"]; ok && (b.Type == "data" || b.Type == "module") {
		return "", fmt.Errorf("%s %q uses for_each: the real-provider layer cannot name its instances for override_data", b.Type, strings.Join(b.Labels, "."))
	}
	if _, ok := b.Body.Attributes["count"]; ok {
		return "[0]", nil
	}
	return "", nil
}

// realProviderTestFile rewrites one mock test file for the real provider
// and returns it with the number of runs it kept.
func realProviderTestFile(src []byte, name string, targets []dataAddress) ([]byte, int, error) {
	f, diags := hclwrite.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, 0, fmt.Errorf("parse: %s", diags.Error())
	}
	runs := 0
	body := f.Body()
	mockData := map[string]hclwrite.Tokens{}
	region := `"eu-west-1"`
	for _, b := range body.Blocks() {
		switch {
		case b.Type() == "mock_provider" && labelIs(b, "aws"):
			for _, md := range b.Body().Blocks() {
				if md.Type() != "mock_data" || len(md.Labels()) != 1 {
					continue
				}
				if a := md.Body().GetAttribute("defaults"); a != nil {
					mockData[md.Labels()[0]] = a.Expr().BuildTokens(nil)
					if md.Labels()[0] == "aws_region" {
						if v := objectField(a.Expr().BuildTokens(nil), "region"); v != "" {
							region = v
						}
					}
				}
			}
			body.RemoveBlock(b)
		case b.Type() == "override_resource" && targetsAWS(b):
			body.RemoveBlock(b)
		case b.Type() == "run":
			if b.Body().GetAttribute("expect_failures") != nil {
				body.RemoveBlock(b)
				continue
			}
			runs++
			b.Body().SetAttributeRaw("command", hclwrite.TokensForIdentifier("plan"))
			for _, inner := range b.Body().Blocks() {
				if inner.Type() == "assert" || (inner.Type() == "override_resource" && targetsAWS(inner)) {
					b.Body().RemoveBlock(inner)
				}
			}
		}
	}
	var head strings.Builder
	fmt.Fprintf(&head, "# Generated by tools/offline-validate -real-aws from %s: the same runs, planned by the real\n# hashicorp/aws provider (fake credentials, no network) instead of its mock.\n\n", filepath.Base(name))
	fmt.Fprintf(&head, "provider \"aws\" {\n  region                      = %s\n  access_key                  = \"AKIAIOSFODNN7EXAMPLE\"\n  secret_key                  = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n  skip_credentials_validation = true\n  skip_requesting_account_id  = true\n  skip_metadata_api_check     = true\n  skip_region_validation      = true\n}\n\n", region)
	for _, t := range targets {
		if localDataSources[t.Type] {
			continue
		}
		values := ""
		if tok, ok := mockData[t.Type]; ok {
			values = string(tok.Bytes())
		} else if v, ok := realProviderData[t.Type]; ok {
			values = v
		} else {
			return nil, 0, fmt.Errorf("%s would call AWS during the plan and has no values for override_data: add mock_data for %s to the test file or realProviderData", t.Address, t.Type)
		}
		fmt.Fprintf(&head, "override_data {\n  target = %s\n  values = %s\n}\n\n", t.Address, strings.TrimSpace(values))
	}
	out := append([]byte(head.String()), hclwrite.Format(f.Bytes())...)
	return hclwrite.Format(out), runs, nil
}

func labelIs(b *hclwrite.Block, label string) bool {
	return len(b.Labels()) == 1 && b.Labels()[0] == label
}

// targetsAWS: an override_resource whose target is an aws_ resource.
func targetsAWS(b *hclwrite.Block) bool {
	a := b.Body().GetAttribute("target")
	if a == nil {
		return false
	}
	for _, part := range strings.Split(strings.TrimSpace(string(a.Expr().BuildTokens(nil).Bytes())), ".") {
		if strings.HasPrefix(part, "aws_") {
			return true
		}
	}
	return false
}

// objectField returns the expression of one field of an object constructor.
func objectField(tokens hclwrite.Tokens, field string) string {
	expr, diags := hclsyntax.ParseExpression(tokens.Bytes(), "", hcl.InitialPos)
	if diags.HasErrors() {
		return ""
	}
	obj, ok := expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return ""
	}
	for _, item := range obj.Items {
		if k, d := item.KeyExpr.Value(nil); !d.HasErrors() && k.AsString() == field {
			r := item.ValueExpr.Range()
			return string(tokens.Bytes()[r.Start.Byte:r.End.Byte])
		}
	}
	return ""
}
