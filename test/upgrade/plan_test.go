package upgrade

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/internal/cdktf"
	"github.com/outerbounds/terraform-aws-metaflow/internal/fakests"
	"github.com/outerbounds/terraform-aws-metaflow/internal/realprovider"
	"github.com/outerbounds/terraform-aws-metaflow/internal/stateplan"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfworkspace"
)

// planEnv is what every upgrade plan needs: a workspace with the real
// hashicorp/aws provider, its schema, and a fake STS for the caller identity.
type planEnv struct {
	ws     *tfworkspace.Workspace
	schema *tfschema.Provider
	sts    string
	facts  *Facts
	listed []Listed
}

// preparePlans makes the workspace, skipping (with what is missing) when
// the machine has no real provider or no terraform.
func preparePlans(t *testing.T, edit func(tree string) error) *planEnv {
	t.Helper()
	root := repoRoot(t)
	bin, err := realprovider.FindAWS(root)
	if err != nil {
		t.Skipf("needs a real hashicorp/aws provider binary to plan the upgrade (the provider-free checks are TestEveryOldAddressHasAPath and TestUpgradedNamesAreTheOldOnes): %v", err)
	}
	tf := os.Getenv("TF_BINARY")
	if tf == "" {
		tf = "terraform"
	}
	if tf, err = exec.LookPath(tf); err != nil {
		t.Skip("needs terraform on PATH (or TF_BINARY)")
	}
	cache := filepath.Join(root, ".cache", "tfschema")
	ctx := t.Context()
	if _, err := cdktf.EnsureAll(ctx, cache, t.Logf); err != nil {
		t.Skipf("needs the npm registry once to fetch the provider schemas: %v", err)
	}
	server := filepath.Join(t.TempDir(), "offline-validate")
	build := exec.Command("go", "build", "-o", server, "./tools/offline-validate")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./tools/offline-validate (the schema-serving provider): %v\n%s", err, out)
	}
	ws, err := tfworkspace.Prepare(ctx, tfworkspace.Options{Root: root, CacheDir: cache, Terraform: tf, Server: server, RealAWS: &bin, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ws.Close)
	if edit != nil {
		if err := edit(ws.Tree); err != nil {
			t.Fatal(err)
		}
	}
	schema, err := realprovider.Schema(ctx, tf, bin, cache)
	if err != nil {
		t.Fatal(err)
	}
	sts := fakests.Start(fakests.Identity{Account: Account, Arn: iamARN("user/terraform"), UserID: "AIDAEXAMPLEEXAMPLE0001"})
	t.Cleanup(sts.Close)
	facts, err := LoadFacts()
	if err != nil {
		t.Fatal(err)
	}
	listed, err := ReadListed(filepath.Join(root, "UPGRADING.md"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("planning with the real %s %s; the copy is rewritten across %d 5.x/6.x differences", bin.Source, bin.Version, len(ws.Gap.Apply))
	return &planEnv{ws: ws, schema: schema, sts: sts.URL, facts: facts, listed: listed}
}

// Outcome is what the plan does to an old stack, by old address.
type Outcome struct {
	Kept, Moved, InPlace, Replaced, Deleted, Created int
	Problems                                         []string
}

// judge checks one upgrade plan: nothing protected is deleted or replaced,
// every other deletion or replacement is listed in UPGRADING.md with its
// reason, and every output deployed flows and clients hold is unchanged.
func (e *planEnv) judge(u *Upgrade) Outcome {
	var o Outcome
	line := e.facts.Lines[u.Stack.Line]
	seen := map[string]bool{}
	for _, addr := range u.State.Addresses {
		r, _ := line.Find(addr)
		c, ok := findChange(u.Report, caller+addr)
		if !ok {
			o.Problems = append(o.Problems, fmt.Sprintf("%s: not in the plan at all", addr))
			continue
		}
		seen[c.Address] = true
		if c.Moved() {
			o.Moved++
		}
		switch c.Action {
		case stateplan.Delete, stateplan.Replace:
			what := "destroyed"
			if c.Action == stateplan.Replace {
				what = "replaced (" + strings.Join(c.ReplacePaths, ", ") + " forces it)"
			}
			if c.Action == stateplan.Replace {
				o.Replaced++
			} else {
				o.Deleted++
			}
			if r.Protected {
				o.Problems = append(o.Problems, fmt.Sprintf("%s (protected: %s) is %s at %s", addr, r.DataBearing, what, c.Address))
			} else if _, listed := FindListed(e.listed, u.Stack.Line, addr); !listed {
				o.Problems = append(o.Problems, fmt.Sprintf("%s is %s at %s, and UPGRADING.md does not list it with a reason", addr, what, c.Address))
			}
		case stateplan.Update:
			o.InPlace++
		default:
			o.Kept++
		}
	}
	for _, c := range u.Report.Changes {
		if c.Action == stateplan.Create && !seen[c.Address] {
			o.Created++
		}
	}
	for name, want := range u.State.Values {
		got, known := plannedOutput(u.Report, name)
		switch {
		case !known:
			o.Problems = append(o.Problems, fmt.Sprintf("output %s is unknown until apply; it held %q", name, want))
		case fmt.Sprint(got) != want:
			o.Problems = append(o.Problems, fmt.Sprintf("output %s changes from %q to %q", name, want, fmt.Sprint(got)))
		}
	}
	return o
}

func findChange(r *stateplan.Report, oldAddress string) (stateplan.Change, bool) {
	for _, c := range r.Changes {
		if c.PreviousAddress == oldAddress || (c.PreviousAddress == "" && c.Address == oldAddress) {
			return c, true
		}
	}
	return stateplan.Change{}, false
}

// plannedOutput reads a kept output, or a key of the profile output
// ("profile.KEY").
func plannedOutput(r *stateplan.Report, name string) (any, bool) {
	if key, ok := strings.CutPrefix(name, "profile."); ok {
		p, ok := r.Outputs["profile"].(map[string]any)
		if !ok {
			return nil, false
		}
		v, ok := p[key]
		return v, ok
	}
	v, ok := r.Outputs[name]
	return v, ok
}

func (o Outcome) String() string {
	return fmt.Sprintf("%d old addresses moved; of the old resources %d unchanged, %d changed in place, %d replaced, %d destroyed; %d new resources",
		o.Moved, o.Kept, o.InPlace, o.Replaced, o.Deleted, o.Created)
}

// TestUpgradePlan plans every old stack of Stacks with this module against
// a state of the old line's addresses, with the real hashicorp/aws provider
// (its replace decisions are the point), and prints each plan's summary.
func TestUpgradePlan(t *testing.T) {
	e := preparePlans(t, nil)
	var mu sync.Mutex
	summaries := map[string]string{}
	t.Cleanup(func() {
		for _, s := range Stacks() {
			if line, ok := summaries[s.Name]; ok {
				t.Logf("%-24s %s", s.Name, line)
			}
		}
	})
	for _, s := range Stacks() {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
			defer cancel()
			u, err := PlanUpgrade(ctx, e.ws, e.facts, e.schema, s, e.sts)
			if err != nil {
				t.Fatal(err)
			}
			o := e.judge(u)
			for _, p := range o.Problems {
				t.Error(p)
			}
			for _, c := range u.Report.Changes {
				switch {
				case c.Action == stateplan.Replace:
					t.Logf("replaced: %s (from %s; %s)", c.Address, c.PreviousAddress, strings.Join(c.ReplacePaths, ", "))
				case c.Action == stateplan.Delete:
					t.Logf("destroyed: %s", c.Address)
				case c.Action == stateplan.Update && testing.Verbose():
					t.Logf("in place: %s (%s)", c.Address, strings.Join(c.Changed, ", "))
				}
			}
			mu.Lock()
			summaries[s.Name] = u.Report.Summary() + " | " + o.String()
			mu.Unlock()
			t.Logf("%s: %s", u.Report.Summary(), o)
		})
	}
}

// TestUpgradePlanCatchesBreaks: the plan check fails when one moved block
// or one old name is gone from the module.
func TestUpgradePlanCatchesBreaks(t *testing.T) {
	breaks := []struct {
		name, file, old, new, want string
	}{
		{"the password's moved block", "modules/datastore/moved.tf", "from = random_password.this\n", "from = random_password.this_is_gone\n",
			"module.metaflow-datastore.random_password.this (protected: yes: DB master password) is destroyed"},
		{"the bucket's old name", "modules/common/names.tf", `legacy = "s3" }`, `legacy = "s3-data" }`,
			"module.metaflow-datastore.aws_s3_bucket.this (protected: yes: all Metaflow artifacts) is replaced (bucket forces it)"},
	}
	stack := Stacks()[0]
	for _, b := range breaks {
		t.Run(b.name, func(t *testing.T) {
			e := preparePlans(t, func(tree string) error {
				p := filepath.Join(tree, b.file)
				src, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				if !strings.Contains(string(src), b.old) {
					return fmt.Errorf("%s has no %q to break", b.file, b.old)
				}
				return os.WriteFile(p, []byte(strings.Replace(string(src), b.old, b.new, 1)), 0o644)
			})
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
			defer cancel()
			u, err := PlanUpgrade(ctx, e.ws, e.facts, e.schema, stack, e.sts)
			if err != nil {
				t.Fatal(err)
			}
			o := e.judge(u)
			found := false
			for _, p := range o.Problems {
				found = found || strings.HasPrefix(p, b.want)
			}
			if !found {
				t.Fatalf("with %s broken, the check must report %q; it reported %v", b.name, b.want, o.Problems)
			}
		})
	}
}
