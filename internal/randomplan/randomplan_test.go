package randomplan

import (
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/zclconf/go-cty/cty"
)

var passwordType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"id": tftypes.String, "result": tftypes.String, "bcrypt_hash": tftypes.String,
	"keepers": tftypes.Map{ElementType: tftypes.String}, "length": tftypes.Number,
	"lower": tftypes.Bool, "upper": tftypes.Bool, "special": tftypes.Bool, "numeric": tftypes.Bool, "number": tftypes.Bool,
	"min_lower": tftypes.Number, "min_upper": tftypes.Number, "min_numeric": tftypes.Number, "min_special": tftypes.Number,
	"override_special": tftypes.String,
}}

// password builds a random_password object: unset attributes are null.
func password(set map[string]any) tftypes.Value {
	attrs := map[string]tftypes.Value{}
	for name, typ := range passwordType.AttributeTypes {
		v, ok := set[name]
		switch {
		case !ok:
			attrs[name] = tftypes.NewValue(typ, nil)
		case v == tftypes.UnknownValue:
			attrs[name] = tftypes.NewValue(typ, tftypes.UnknownValue)
		default:
			if n, isInt := v.(int); isInt {
				v = big.NewFloat(float64(n))
			}
			attrs[name] = tftypes.NewValue(typ, v)
		}
	}
	return tftypes.NewValue(passwordType, attrs)
}

// stored is a prior state as the provider wrote it for length 64 and an
// override set: every default filled in.
func stored(over map[string]any) tftypes.Value {
	m := map[string]any{
		"id": "none", "result": "s3cr3t", "bcrypt_hash": "$2a$10$x", "length": 64, "override_special": "!#$%",
		"lower": true, "upper": true, "special": true, "numeric": true, "number": true,
		"min_lower": 0, "min_upper": 0, "min_numeric": 0, "min_special": 0,
	}
	for k, v := range over {
		m[k] = v
	}
	return password(m)
}

func attr(t *testing.T, v tftypes.Value, name string) tftypes.Value {
	t.Helper()
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		t.Fatal(err)
	}
	return m[name]
}

func paths(ps []*tftypes.AttributePath) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, ",")
}

func TestPlan(t *testing.T) {
	null := tftypes.NewValue(passwordType, nil)
	tests := []struct {
		name        string
		prior       tftypes.Value
		config      map[string]any
		wantReplace string
		wantResult  string // "" means unknown
		check       func(t *testing.T, planned tftypes.Value)
	}{
		{
			name:   "create: defaults filled in, results unknown",
			prior:  null,
			config: map[string]any{"length": 40},
			check: func(t *testing.T, planned tftypes.Value) {
				if v := attr(t, planned, "special"); !v.Equal(boolTrue) {
					t.Errorf("special = %v, want the default true", v)
				}
				if v := attr(t, planned, "min_upper"); !v.Equal(zero) {
					t.Errorf("min_upper = %v, want the default 0", v)
				}
				if v := attr(t, planned, "override_special"); !v.IsNull() {
					t.Errorf("override_special = %v, want null (no default)", v)
				}
			},
		},
		{
			name:       "same arguments: no replacement, result kept",
			prior:      stored(nil),
			config:     map[string]any{"length": 64, "special": true, "override_special": "!#$%"},
			wantResult: "s3cr3t",
		},
		{
			name:        "another length replaces",
			prior:       stored(nil),
			config:      map[string]any{"length": 40, "override_special": "!#$%"},
			wantReplace: `AttributeName("length")`,
		},
		{
			name:        "a default the prior state does not have replaces",
			prior:       stored(map[string]any{"special": false}),
			config:      map[string]any{"length": 64, "override_special": "!#$%"},
			wantReplace: `AttributeName("special")`,
		},
		{
			name:        "numeric follows number",
			prior:       stored(nil),
			config:      map[string]any{"length": 64, "override_special": "!#$%", "number": false},
			wantReplace: `AttributeName("number"),AttributeName("numeric")`,
		},
		{
			name:        "keepers added replace",
			prior:       stored(nil),
			config:      map[string]any{"length": 64, "override_special": "!#$%", "keepers": map[string]tftypes.Value{"k": tftypes.NewValue(tftypes.String, "v")}},
			wantReplace: `AttributeName("keepers")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			config := password(tt.config)
			planned, replace, err := Planner{}.Plan("random_password", passwordType, tt.prior, config, config)
			if err != nil {
				t.Fatal(err)
			}
			if got := paths(replace); got != tt.wantReplace {
				t.Errorf("RequiresReplace = %s, want %s", got, tt.wantReplace)
			}
			result := attr(t, planned, "result")
			if tt.wantResult == "" {
				if result.IsKnown() {
					t.Errorf("result = %v, want unknown", result)
				}
			} else if !result.Equal(tftypes.NewValue(tftypes.String, tt.wantResult)) {
				t.Errorf("result = %v, want %q", result, tt.wantResult)
			}
			if tt.check != nil {
				tt.check(t, planned)
			}
		})
	}
}

func TestPlanRefusesWhatIsNotModelled(t *testing.T) {
	v := tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})
	if _, _, err := (Planner{}).Plan("random_uuid", tftypes.Object{}, v, v, v); err == nil || !strings.Contains(err.Error(), "random_uuid is not modelled") {
		t.Fatalf("Plan(random_uuid) error = %v", err)
	}
}

func TestAdjustSchema(t *testing.T) {
	str, b := cty.String, cty.Bool
	s := &tfschema.Schema{Block: &tfschema.Block{Attributes: map[string]*tfschema.Attribute{
		"id": {Type: &str, Computed: true}, "length": {Type: &str, Required: true}, "separator": {Type: &str, Optional: true},
		"prefix": {Type: &str, Optional: true}, "keepers": {Type: &str, Optional: true},
	}}}
	if err := (Planner{}).AdjustSchema("random_pet", s); err != nil {
		t.Fatal(err)
	}
	// length is optional in random_pet; the test schema says required, and
	// AdjustSchema only adds computed to arguments that have defaults.
	if !s.Block.Attributes["separator"].Computed || !s.Block.Attributes["length"].Computed || s.Block.Attributes["prefix"].Computed {
		t.Errorf("computed flags after AdjustSchema: separator %v, length %v, prefix %v",
			s.Block.Attributes["separator"].Computed, s.Block.Attributes["length"].Computed, s.Block.Attributes["prefix"].Computed)
	}
	missing := &tfschema.Schema{Block: &tfschema.Block{Attributes: map[string]*tfschema.Attribute{"id": {Type: &b, Computed: true}}}}
	if err := (Planner{}).AdjustSchema("random_pet", missing); err == nil {
		t.Fatal("AdjustSchema accepted a schema without the arguments the model has defaults for")
	}
}
