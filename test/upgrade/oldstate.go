package upgrade

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/outerbounds/terraform-aws-metaflow/internal/stateplan"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
)

// OldState is the state an old stack's apply left, as far as the facts and
// the old line's HCL tell: every address the stack holds, with its identity
// values and the other arguments the old HCL set.
type OldState struct {
	State     *stateplan.State
	Addresses []string          // the old addresses in it, relative to the module
	Values    map[string]string // what the kept outputs held (see keptOutputs)
}

// caller is where the caller's module block puts the old module.
const caller = "module.metaflow."

const (
	awsSource    = "registry.terraform.io/hashicorp/aws"
	randomSource = "registry.terraform.io/hashicorp/random"
)

// randomVersions are the schema versions of hashicorp/random 3.x's
// resources (internal/randomplan serves the same).
var randomVersions = map[string]int64{"random_password": 3, "random_string": 2, "random_pet": 0}

// BuildOldState builds the state of stack s from the facts and the old
// line's arguments (oldAttributes), completed from the real provider's
// schema: every attribute the schema has and the old arguments do not set
// is null, every nested block list empty.
func BuildOldState(facts *Facts, schema *tfschema.Provider, s Stack) (*OldState, error) {
	line := facts.Lines[s.Line]
	w := newWorld(s, line)
	out := &OldState{State: stateplan.NewState(), Values: map[string]string{}}
	for _, r := range line.Resources {
		if r.IsModuleCall() {
			continue
		}
		ok, err := s.Exists(r)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		attrs, err := w.attributes(r)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", s.Line, r.Address, err)
		}
		source, version := awsSource, int64(0)
		var sensitive []string
		if v, ok := randomVersions[r.Type]; ok {
			source, version = randomSource, v
			if r.Type == "random_password" {
				sensitive = []string{"bcrypt_hash", "result"}
			}
		} else {
			rs, ok := schema.Resources[r.Type]
			if !ok {
				return nil, fmt.Errorf("%s: the real provider has no resource type %s", r.Address, r.Type)
			}
			version = rs.Version
			attrs = complete(rs.Block, attrs)
			for name, a := range rs.Block.Attributes {
				if a.Sensitive && attrs[name] != nil {
					sensitive = append(sensitive, name)
				}
			}
			sort.Strings(sensitive)
		}
		if err := out.State.Add(caller+r.Address, source, version, attrs, sensitive...); err != nil {
			return nil, err
		}
		out.Addresses = append(out.Addresses, r.Address)
	}
	for k, v := range w.outputs() {
		out.Values[k] = v
	}
	return out, nil
}

// complete fills in every attribute and nested block of the schema that
// attrs leaves out: attributes null, list and set blocks empty, single
// blocks null; nested blocks given are completed the same way.
func complete(b *tfschema.Block, attrs map[string]any) map[string]any {
	out := map[string]any{}
	for name := range b.Attributes {
		out[name] = nil
	}
	for name, bt := range b.BlockTypes {
		if bt.NestingMode == tfschema.NestingList || bt.NestingMode == tfschema.NestingSet {
			out[name] = []any{}
		} else {
			out[name] = nil
		}
	}
	for k, v := range attrs {
		bt, isBlock := b.BlockTypes[k]
		if items, ok := v.([]any); ok && isBlock {
			var done []any
			for _, it := range items {
				if m, ok := it.(map[string]any); ok {
					done = append(done, complete(bt.Block, m))
				}
			}
			if done == nil {
				done = []any{}
			}
			out[k] = done
			continue
		}
		out[k] = v
	}
	return out
}

// fakeID is a stable, well-formed id for a name: prefix plus 17 hex digits.
func fakeID(prefix, name string) string {
	sum := sha256.Sum256([]byte(name))
	return prefix + hex.EncodeToString(sum[:])[:17]
}

// fakeUUID is a stable UUID for a name.
func fakeUUID(name string) string {
	sum := sha256.Sum256([]byte(name))
	h := hex.EncodeToString(sum[:])
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-8" + h[17:20] + "-" + h[20:32]
}

// fakeToken is a stable lowercase alphanumeric string of length n.
func fakeToken(name string, n int) string {
	sum := sha256.Sum256([]byte(name))
	h := hex.EncodeToString(sum[:])
	for len(h) < n {
		h += h
	}
	return strings.ToLower(h[:n])
}

func arn(service, resource string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, Region, Account, resource)
}

func iamARN(resource string) string { return fmt.Sprintf("arn:aws:iam::%s:%s", Account, resource) }
