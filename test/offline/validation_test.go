package offline

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/internal/tfoffline"
)

// wantError is one validation failure a case expects: the input it is
// reported on and the exact error_message text.
type wantError struct {
	variable string
	message  string
}

// validationCase plans a module's variables.tf alone with the module's base
// values plus vars. No errors wanted means the plan must succeed.
type validationCase struct {
	name   string
	vars   map[string]any
	errors []wantError
}

// moduleValidations groups the cases of one module. Some cases make several
// rules fail at once where the rules are independent (an input that fails
// its own rule hides it from the rules of other inputs, so those get cases
// of their own); TestValidation fails when a validation block has no failing
// case.
type moduleValidations struct {
	dir   string // module directory, relative to the repository root
	base  map[string]any
	cases []validationCase
}

// unset, as a value in a case's vars, removes that input from the base values
// (terraform cannot be given null on the command line).
type unset struct{}

// with returns base overlaid with each of the overrides, without changing base.
func with(base map[string]any, overrides ...map[string]any) map[string]any {
	out := make(map[string]any, len(base))
	for k, v := range base {
		out[k] = v
	}
	for _, o := range overrides {
		for k, v := range o {
			if _, drop := v.(unset); drop {
				delete(out, k)
				continue
			}
			out[k] = v
		}
	}
	return out
}

func TestValidation(t *testing.T) {
	t.Parallel()
	root := tfoffline.RepoRoot(t)
	for _, mod := range validationTable() {
		t.Run(strings.ReplaceAll(mod.dir, "/", "_"), func(t *testing.T) {
			t.Parallel()
			src := filepath.Join(root, mod.dir)
			rules, err := tfoffline.ValidationRules(filepath.Join(src, "variables.tf"))
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			hit := map[string]bool{}
			ran := 0
			// After every case has run: each validation block must have
			// failed in at least one case, or a broken rule could go unseen.
			t.Cleanup(func() {
				// Only meaningful when every case ran (not under a -run filter).
				if t.Skipped() || t.Failed() || ran < len(mod.cases) {
					return
				}
				for _, rule := range slices.Sorted(maps.Keys(rules)) {
					if !hit[rule] {
						t.Errorf("no case makes the validation of %s at %s/%s fail; add one", rules[rule], mod.dir, rule)
					}
				}
			})
			for _, tc := range mod.cases {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					rules := runValidationCase(t, src, with(mod.base, tc.vars), tc.errors)
					mu.Lock()
					defer mu.Unlock()
					ran++
					for _, rule := range rules {
						hit[rule] = true
					}
				})
			}
		})
	}
}

// runValidationCase plans one case and returns the validation rules
// (FILE:LINE) that failed.
func runValidationCase(t *testing.T, src string, vars map[string]any, want []wantError) []string {
	// The file is copied on its own: validations may only reference
	// variables, so if one reaches for a local, resource or data source the
	// plan fails here with an undeclared-reference error.
	dir, err := tfoffline.CopyFiles(t, src, "variables.tf")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	diags, raw, err := tfoffline.PlanDiagnostics(t, ctx, tfoffline.Options(t, dir, vars))
	if err != nil {
		t.Fatal(err)
	}
	var got []wantError
	var rules []string
	for _, d := range tfoffline.Errors(diags) {
		got = append(got, wantError{variable: d.Variable, message: d.Message})
		if d.Rule != "" {
			rules = append(rules, d.Rule)
		}
	}
	less := func(a, b wantError) int { return strings.Compare(a.variable+a.message, b.variable+b.message) }
	slices.SortFunc(got, less)
	want = slices.Clone(want)
	slices.SortFunc(want, less)
	if !slices.Equal(got, want) {
		t.Errorf("plan errors differ\n got: %s\nwant: %s", formatErrors(got), formatErrors(want))
	}
	// A sensitive input must never be echoed, whatever else fails.
	for _, name := range []string{"database_password", "ui_authentication_client_secret"} {
		if secret, ok := vars[name].(string); ok && secret != "" && strings.Contains(raw, secret) {
			t.Errorf("plan output contains the value of sensitive input %s", name)
		}
	}
	return rules
}

func formatErrors(errs []wantError) string {
	if len(errs) == 0 {
		return "(none)"
	}
	var b strings.Builder
	for _, e := range errs {
		b.WriteString("\n  " + e.variable + ": " + e.message)
	}
	return b.String()
}
