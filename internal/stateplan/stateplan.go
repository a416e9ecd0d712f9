// Package stateplan runs `terraform plan -refresh=false` of a configuration
// against a state it is given and reports, per resource instance, what the
// plan does: create, update in place (and which attributes), replace (and
// the arguments that force it, as Terraform prints them), delete, or
// nothing, and whether it moved from another address.
package stateplan

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfworkspace"
)

// Action is what a plan does to one resource instance.
type Action string

// The actions, as counted in a plan's summary.
const (
	Create  Action = "create"
	Update  Action = "update"
	Replace Action = "replace"
	Delete  Action = "delete"
	NoOp    Action = "no-op"
	Read    Action = "read"
	Forget  Action = "forget"
)

// Change is the planned change of one managed resource instance.
type Change struct {
	Address         string
	PreviousAddress string // the address it moved from; "" if it did not move
	Type            string
	Action          Action
	// ReplacePaths are the arguments whose change forces a replacement
	// (compute_resources[0].instance_type), for Replace.
	ReplacePaths []string
	// Changed are the top-level attributes an Update or Replace changes.
	Changed []string
}

// Moved reports whether the instance moved from another address.
func (c Change) Moved() bool { return c.PreviousAddress != "" && c.PreviousAddress != c.Address }

// Report is a whole plan.
type Report struct {
	Changes []Change
	// Outputs are the planned values of the root module's outputs; unknown
	// ones are missing, and OutputsUnknown names them.
	Outputs        map[string]any
	OutputsUnknown []string
	// PriorOutputs are the outputs the given state held.
	PriorOutputs map[string]any
	// JSON is the plan as `terraform show -json` printed it.
	JSON []byte
}

// Count returns how many changes have the action.
func (r *Report) Count(a Action) int {
	n := 0
	for _, c := range r.Changes {
		if c.Action == a {
			n++
		}
	}
	return n
}

// MovedCount returns how many instances moved.
func (r *Report) MovedCount() int {
	n := 0
	for _, c := range r.Changes {
		if c.Moved() {
			n++
		}
	}
	return n
}

// Summary is Terraform's plan line, with replacements and moves counted:
// "Plan: 12 to add, 30 to change, 4 to destroy (4 replaced); 60 moved".
func (r *Report) Summary() string {
	add, destroy := r.Count(Create)+r.Count(Replace), r.Count(Delete)+r.Count(Replace)
	return fmt.Sprintf("Plan: %d to add, %d to change, %d to destroy (%d replaced); %d moved",
		add, r.Count(Update), destroy, r.Count(Replace), r.MovedCount())
}

// Find returns the change of an address (current or previous).
func (r *Report) Find(address string) (Change, bool) {
	for _, c := range r.Changes {
		if c.Address == address || c.PreviousAddress == address {
			return c, true
		}
	}
	return Change{}, false
}

// Runner runs terraform in a directory (relative to its workspace);
// *tfworkspace.Workspace is one.
type Runner interface {
	Terraform(ctx context.Context, dir string, extraEnv []string, args ...string) (tfworkspace.Result, error)
}

// Plan writes state as dir's local state (dir is relative to the runner's
// workspace, absDir the same directory on disk), plans without refreshing
// and reads the plan back.
func Plan(ctx context.Context, run Runner, dir, absDir string, state []byte, extraEnv []string) (*Report, error) {
	if err := os.WriteFile(filepath.Join(absDir, "terraform.tfstate"), state, 0o600); err != nil {
		return nil, fmt.Errorf("write state: %w", err)
	}
	if res, err := run.Terraform(ctx, dir, extraEnv, "get", "-no-color"); err != nil || res.Code != 0 {
		return nil, failure("terraform get", res, err)
	}
	res, err := run.Terraform(ctx, dir, extraEnv, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=plan.tfplan")
	if err != nil || res.Code != 0 {
		return nil, failure("terraform plan -refresh=false", res, err)
	}
	res, err = run.Terraform(ctx, dir, extraEnv, "show", "-json", "-no-color", "plan.tfplan")
	if err != nil || res.Code != 0 {
		return nil, failure("terraform show -json", res, err)
	}
	return Parse([]byte(res.Stdout))
}

func failure(what string, res tfworkspace.Result, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return fmt.Errorf("%s exited %d:\n%s", what, res.Code, errorPart(res.Stdout+res.Stderr))
}

// errorPart is terraform's output from its first error on: a failed plan
// prints the whole plan before the errors that matter.
func errorPart(out string) string {
	if i := strings.Index(out, "Error: "); i >= 0 {
		return out[i:]
	}
	return out
}

// Parse reads `terraform show -json` of a saved plan.
func Parse(planJSON []byte) (*Report, error) {
	var p tfjson.Plan
	if err := json.Unmarshal(planJSON, &p); err != nil {
		return nil, fmt.Errorf("parse plan: %w", err)
	}
	r := &Report{Outputs: map[string]any{}, PriorOutputs: map[string]any{}, JSON: planJSON}
	for _, rc := range p.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil || rc.DeposedKey != "" {
			continue
		}
		c := Change{Address: rc.Address, PreviousAddress: rc.PreviousAddress, Type: rc.Type, Action: action(rc.Change.Actions)}
		for _, path := range rc.Change.ReplacePaths {
			c.ReplacePaths = append(c.ReplacePaths, formatPath(path))
		}
		sort.Strings(c.ReplacePaths)
		if c.Action == Update || c.Action == Replace {
			c.Changed = changedAttributes(rc.Change)
		}
		r.Changes = append(r.Changes, c)
	}
	sort.Slice(r.Changes, func(i, j int) bool { return r.Changes[i].Address < r.Changes[j].Address })
	for name, oc := range p.OutputChanges {
		if unknown, _ := oc.AfterUnknown.(bool); unknown {
			r.OutputsUnknown = append(r.OutputsUnknown, name)
			continue
		}
		r.Outputs[name] = oc.After
	}
	sort.Strings(r.OutputsUnknown)
	if p.PriorState != nil && p.PriorState.Values != nil {
		for name, o := range p.PriorState.Values.Outputs {
			r.PriorOutputs[name] = o.Value
		}
	}
	return r, nil
}

func action(a tfjson.Actions) Action {
	switch {
	case a.Replace():
		return Replace
	case a.Create():
		return Create
	case a.Delete():
		return Delete
	case a.Update():
		return Update
	case a.Read():
		return Read
	case a.Forget():
		return Forget
	}
	return NoOp
}

// formatPath renders a replace path as Terraform prints it: a.b[0].c, m["k"].
func formatPath(path any) string {
	steps, ok := path.([]any)
	if !ok {
		return fmt.Sprint(path)
	}
	var b strings.Builder
	for i, s := range steps {
		switch v := s.(type) {
		case string:
			if i == 0 {
				b.WriteString(v)
			} else if isIdentifier(v) {
				b.WriteString("." + v)
			} else {
				b.WriteString("[" + strconv.Quote(v) + "]")
			}
		case float64:
			fmt.Fprintf(&b, "[%d]", int(v))
		default:
			fmt.Fprintf(&b, "[%v]", v)
		}
	}
	return b.String()
}

func isIdentifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '-')) {
			return false
		}
	}
	return s != ""
}

// changedAttributes are the top-level attributes whose value differs
// between before and after, or that become unknown.
func changedAttributes(c *tfjson.Change) []string {
	before, _ := c.Before.(map[string]any)
	after, _ := c.After.(map[string]any)
	unknown, _ := c.AfterUnknown.(map[string]any)
	seen := map[string]bool{}
	for k, v := range after {
		if !reflect.DeepEqual(before[k], v) {
			seen[k] = true
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok && before[k] != nil {
			seen[k] = true
		}
	}
	for k, v := range unknown {
		if u, ok := v.(bool); ok && u {
			seen[k] = true
		} else if !ok && v != nil && !isEmptyUnknown(v) {
			seen[k] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isEmptyUnknown: after_unknown holds nested objects of false/empty for
// attributes with no unknown leaf.
func isEmptyUnknown(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case []any:
		for _, e := range x {
			if !isEmptyUnknown(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !isEmptyUnknown(e) {
				return false
			}
		}
		return true
	}
	return v == nil
}
