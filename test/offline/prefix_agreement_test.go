package offline

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/internal/tfoffline"
)

// TestPrefixRulesAgree: the root accepts a non-empty resource_prefix (and any
// resource_suffix) exactly when modules/common does, since the root hands
// them on to common. A value the root accepts and common rejects would fail
// late, inside a submodule; the reverse would refuse a usable value.
func TestPrefixRulesAgree(t *testing.T) {
	t.Parallel()
	root := tfoffline.RepoRoot(t)
	type probe struct{ input, value string }
	var probes []probe
	for _, p := range []string{
		"a", "metaflow", "metaflow-", "m-1", "abcdefghijklmnopqrstuvwxyz-01234", "abcdefghijklmnopqrstuvwxyz-012345",
		"Metaflow", "1abc", "-abc", "a_b", "a.b", "internal", "internal-x", "internals", "sthree-x", "sthreex", "amzn-s3-demo-x",
	} {
		probes = append(probes, probe{"resource_prefix", p})
	}
	for _, s := range []string{"", "prod", "-dev", "0123456789abcdef", "0123456789abcdefg", "s3alias", "x-s3alias", "s3aliasx", "UP", "a_b"} {
		probes = append(probes, probe{"resource_suffix", s})
	}
	accepts := func(t *testing.T, dir string, vars map[string]any) bool {
		t.Helper()
		src, err := tfoffline.CopyFiles(t, filepath.Join(root, dir), "variables.tf")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), deadline)
		defer cancel()
		diags, _, err := tfoffline.PlanDiagnostics(t, ctx, tfoffline.Options(t, src, vars))
		if err != nil {
			t.Fatal(err)
		}
		errs := tfoffline.Errors(diags)
		for _, d := range errs {
			if d.Variable != "resource_prefix" && d.Variable != "resource_suffix" {
				t.Fatalf("%s: unexpected error %s", dir, d)
			}
		}
		return len(errs) == 0
	}
	for _, p := range probes {
		t.Run(fmt.Sprintf("%s=%q", p.input, p.value), func(t *testing.T) {
			t.Parallel()
			rootVars := with(rootBase, map[string]any{p.input: p.value})
			commonVars := map[string]any{"resource_prefix": "metaflow", p.input: p.value}
			byRoot, byCommon := accepts(t, ".", rootVars), accepts(t, "modules/common", commonVars)
			if byRoot != byCommon {
				t.Errorf("root accepts %s %q: %v; modules/common accepts it: %v", p.input, p.value, byRoot, byCommon)
			}
			if strings.Contains(p.value, "_") && byRoot {
				t.Errorf("%s %q accepted, but S3 bucket and load balancer names cannot hold _", p.input, p.value)
			}
		})
	}
}
