// Package randomplan plans random_* resources the way hashicorp/random 3.x
// does, so that a plan against a given state can run offline with the
// schema-serving provider of internal/schemaprovider (no random provider
// binary can be fetched here).
//
// What the real provider does, and this package with it:
//   - every argument forces replacement when its planned value differs from
//     the prior state's (all of them carry RequiresReplace);
//   - an argument with a default takes it when the configuration leaves it
//     null (the defaults below), which the extracted schema cannot say, so
//     AdjustSchema marks those arguments computed;
//   - number and numeric are one setting: one given alone sets the other;
//   - computed results (id, result, bcrypt_hash) are unknown on create and on
//     replace, and carried over from the prior state otherwise.
//
// Only the resource types this repository uses are modelled; Plan fails for
// any other one, naming it, rather than guessing.
package randomplan

import (
	"fmt"
	"maps"
	"math/big"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
)

// resource is what the real provider's schema says beyond what the extracted
// schema carries: the schema version, the defaults and the computed results.
type resource struct {
	version   int64
	defaults  map[string]tftypes.Value
	computed  []string // results: never configured
	sensitive []string
}

var (
	boolTrue = tftypes.NewValue(tftypes.Bool, true)
	zero     = tftypes.NewValue(tftypes.Number, big.NewFloat(0))
)

// stringDefaults are the defaults random_string and random_password share
// (terraform-provider-random docs/resources/string.md, password.md).
func stringDefaults() map[string]tftypes.Value {
	return map[string]tftypes.Value{
		"lower": boolTrue, "upper": boolTrue, "special": boolTrue, "numeric": boolTrue, "number": boolTrue,
		"min_lower": zero, "min_upper": zero, "min_numeric": zero, "min_special": zero,
	}
}

var resources = map[string]resource{
	"random_password": {version: 3, defaults: stringDefaults(), computed: []string{"id", "result", "bcrypt_hash"}, sensitive: []string{"result", "bcrypt_hash"}},
	"random_string":   {version: 2, defaults: stringDefaults(), computed: []string{"id", "result"}},
	"random_pet": {version: 0, computed: []string{"id"}, defaults: map[string]tftypes.Value{
		"length":    tftypes.NewValue(tftypes.Number, big.NewFloat(2)),
		"separator": tftypes.NewValue(tftypes.String, "-"),
	}},
}

// Planner implements schemaprovider.Planner for the random provider.
type Planner struct{}

// Handles reports whether typeName is modelled.
func (Planner) Handles(typeName string) bool {
	_, ok := resources[typeName]
	return ok
}

// AdjustSchema gives a modelled resource the real provider's schema version,
// marks the arguments that have defaults as computed (a provider may only
// plan a value for a null argument that is computed) and the secrets as
// sensitive.
func (Planner) AdjustSchema(typeName string, s *tfschema.Schema) error {
	r, ok := resources[typeName]
	if !ok {
		return nil
	}
	if s == nil || s.Block == nil {
		return fmt.Errorf("%s: no schema to adjust", typeName)
	}
	s.Version = r.version
	for name := range r.defaults {
		a, ok := s.Block.Attributes[name]
		if !ok {
			return fmt.Errorf("%s: schema has no argument %q the model gives a default", typeName, name)
		}
		a.Computed = true
	}
	for _, name := range r.computed {
		a, ok := s.Block.Attributes[name]
		if !ok {
			return fmt.Errorf("%s: schema has no attribute %q", typeName, name)
		}
		a.Computed, a.Optional, a.Required = true, false, false
	}
	for _, name := range r.sensitive {
		s.Block.Attributes[name].Sensitive = true
	}
	return nil
}

// Plan returns the planned state of a create (prior null) or an update, and
// the arguments whose change forces a replacement. typ is the resource's
// object type; proposed null (a destroy) is returned as is.
func (Planner) Plan(typeName string, typ tftypes.Type, prior, config, proposed tftypes.Value) (tftypes.Value, []*tftypes.AttributePath, error) {
	r, ok := resources[typeName]
	if !ok {
		return tftypes.Value{}, nil, fmt.Errorf("randomplan: %s is not modelled (modelled: %v)", typeName, modelled())
	}
	if proposed.IsNull() {
		return proposed, nil, nil
	}
	var cfg map[string]tftypes.Value
	if err := config.As(&cfg); err != nil {
		return tftypes.Value{}, nil, fmt.Errorf("%s: read configuration: %w", typeName, err)
	}
	planned := map[string]tftypes.Value{}
	for name, v := range cfg {
		planned[name] = v
	}
	for name, def := range r.defaults {
		if v, ok := planned[name]; ok && v.IsNull() {
			planned[name] = def
		}
	}
	syncNumeric(cfg, planned)

	isComputed := map[string]bool{}
	for _, name := range r.computed {
		isComputed[name] = true
	}
	var priorAttrs map[string]tftypes.Value
	if !prior.IsNull() {
		if err := prior.As(&priorAttrs); err != nil {
			return tftypes.Value{}, nil, fmt.Errorf("%s: read prior state: %w", typeName, err)
		}
	}
	var replace []*tftypes.AttributePath
	if priorAttrs != nil {
		for _, name := range slices.Sorted(maps.Keys(planned)) {
			if isComputed[name] {
				continue
			}
			if !planned[name].Equal(priorAttrs[name]) {
				replace = append(replace, tftypes.NewAttributePath().WithAttributeName(name))
			}
		}
	}
	objType, ok := typ.(tftypes.Object)
	if !ok {
		return tftypes.Value{}, nil, fmt.Errorf("%s: object type expected, got %s", typeName, typ)
	}
	for _, name := range r.computed {
		if priorAttrs != nil && len(replace) == 0 {
			planned[name] = priorAttrs[name]
		} else {
			planned[name] = tftypes.NewValue(objType.AttributeTypes[name], tftypes.UnknownValue)
		}
	}
	return tftypes.NewValue(typ, planned), replace, nil
}

// syncNumeric: random 3.x keeps the deprecated number and its successor
// numeric equal; the one configured wins.
func syncNumeric(cfg, planned map[string]tftypes.Value) {
	num, hasNum := cfg["number"]
	numeric, hasNumeric := cfg["numeric"]
	if !hasNum || !hasNumeric {
		return
	}
	switch {
	case !numeric.IsNull() && num.IsNull():
		planned["number"] = numeric
	case !num.IsNull() && numeric.IsNull():
		planned["numeric"] = num
	}
}

func modelled() []string { return slices.Sorted(maps.Keys(resources)) }
