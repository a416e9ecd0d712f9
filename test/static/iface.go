package static

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// Interface is what callers of a module depend on: its inputs (name, type,
// default, required) and its output names. Descriptions are not part of it:
// rewording a description breaks nobody.
type Interface struct {
	Source  string   `json:"source,omitempty"`
	Inputs  []Input  `json:"inputs"`
	Outputs []Output `json:"outputs"`
}

// Input is one variable of a module's interface.
type Input struct {
	Name string `json:"name"`
	// Type is the canonical type constraint (typeexpr.TypeString), so
	// `list( string )` and `list(string)` compare equal.
	Type string `json:"type"`
	// Default is the canonical JSON of the default; nil when the input is
	// required (it has no default), the JSON literal null for `default = null`.
	Default  json.RawMessage `json:"default,omitempty"`
	Required bool            `json:"required"`

	// Pos is where the input is declared, when it comes from HCL.
	File string `json:"-"`
	Line int    `json:"-"`
}

// Output is one output of a module's interface.
type Output struct {
	Name string `json:"name"`
	File string `json:"-"`
	Line int    `json:"-"`
}

// InterfaceOf extracts the interface of a loaded module; file positions are
// made relative to base.
func InterfaceOf(m *Module, base string) (Interface, error) {
	var in Interface
	for _, v := range m.Config.Variables {
		typ, err := CanonicalType(v.Type)
		if err != nil {
			return Interface{}, fmt.Errorf("%s:%d: variable %q: %w", relFile(base, v.Pos.Filename), v.Pos.Line, v.Name, err)
		}
		input := Input{Name: v.Name, Type: typ, Required: v.Required, File: relFile(base, v.Pos.Filename), Line: v.Pos.Line}
		if !v.Required {
			raw, err := canonicalJSON(v.Default)
			if err != nil {
				return Interface{}, fmt.Errorf("variable %q default: %w", v.Name, err)
			}
			input.Default = raw
		}
		in.Inputs = append(in.Inputs, input)
	}
	for _, o := range m.Config.Outputs {
		in.Outputs = append(in.Outputs, Output{Name: o.Name, File: relFile(base, o.Pos.Filename), Line: o.Pos.Line})
	}
	in.sort()
	return in, nil
}

func (in *Interface) sort() {
	sort.Slice(in.Inputs, func(i, j int) bool { return in.Inputs[i].Name < in.Inputs[j].Name })
	sort.Slice(in.Outputs, func(i, j int) bool { return in.Outputs[i].Name < in.Outputs[j].Name })
}

// CanonicalType parses a type constraint as written in a variable block and
// prints it in Terraform's canonical form. An empty string means no type
// was given, which Terraform treats as `any`.
func CanonicalType(src string) (string, error) {
	if strings.TrimSpace(src) == "" {
		return "any", nil
	}
	expr, diags := hclsyntax.ParseExpression([]byte(src), "type", hcl.InitialPos)
	if diags.HasErrors() {
		return "", fmt.Errorf("parse type %q: %w", src, diags)
	}
	ty, _, diags := typeexpr.TypeConstraintWithDefaults(expr)
	if diags.HasErrors() {
		return "", fmt.Errorf("type %q: %w", src, diags)
	}
	return typeexpr.TypeString(ty), nil
}

// canonicalJSON re-encodes a decoded JSON value so equal values have equal
// bytes (object keys sorted, no whitespace).
func canonicalJSON(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %v: %w", v, err)
	}
	return b, nil
}

// hclValueJSON evaluates an HCL literal expression (as printed in a README
// table) and returns its canonical JSON.
func hclValueJSON(src string) (json.RawMessage, error) {
	expr, diags := hclsyntax.ParseExpression([]byte(src), "default", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("parse %q: %w", src, diags)
	}
	val, diags := expr.Value(nil)
	if diags.HasErrors() {
		return nil, fmt.Errorf("evaluate %q: %w", src, diags)
	}
	if val.IsNull() {
		return json.RawMessage("null"), nil
	}
	b, err := ctyjson.Marshal(val, val.Type())
	if err != nil {
		return nil, fmt.Errorf("encode %q: %w", src, err)
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		return nil, fmt.Errorf("decode %q: %w", src, err)
	}
	return canonicalJSON(generic)
}

// ReadGolden reads an interface golden file.
func ReadGolden(path string) (Interface, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Interface{}, fmt.Errorf("read golden: %w", err)
	}
	return ParseGolden(b)
}

// ParseGolden decodes the JSON of an interface golden file.
func ParseGolden(b []byte) (Interface, error) {
	var in Interface
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return Interface{}, fmt.Errorf("decode golden: %w", err)
	}
	for i := range in.Inputs {
		if in.Inputs[i].Default != nil {
			var generic any
			if err := json.Unmarshal(in.Inputs[i].Default, &generic); err != nil {
				return Interface{}, fmt.Errorf("golden input %q default: %w", in.Inputs[i].Name, err)
			}
			raw, err := canonicalJSON(generic)
			if err != nil {
				return Interface{}, err
			}
			in.Inputs[i].Default = raw
		}
	}
	in.sort()
	return in, nil
}

// MarshalGolden encodes an interface as the golden file's JSON: one input
// per line-group, stable order, trailing newline.
func MarshalGolden(in Interface) ([]byte, error) {
	in.sort()
	if in.Inputs == nil {
		in.Inputs = []Input{}
	}
	if in.Outputs == nil {
		in.Outputs = []Output{}
	}
	b, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode golden: %w", err)
	}
	return append(b, '\n'), nil
}

// Change is one difference between a baseline interface and the current one.
type Change struct {
	Breaking bool
	Message  string
	File     string // where the current declaration is, when there is one
	Line     int
}

func (c Change) String() string {
	kind := "addition"
	if c.Breaking {
		kind = "breaking change"
	}
	if c.File != "" {
		return fmt.Sprintf("%s:%d: %s: %s", c.File, c.Line, kind, c.Message)
	}
	return fmt.Sprintf("%s: %s", kind, c.Message)
}

// Compare lists how current differs from baseline. Breaking: a baseline
// input missing (removed or renamed) or with another type, default or
// required-ness; a new required input (existing callers do not pass it); a
// baseline output missing. Non-breaking: new optional inputs, new outputs.
func Compare(baseline, current Interface) []Change {
	var changes []Change
	cur := map[string]Input{}
	for _, in := range current.Inputs {
		cur[in.Name] = in
	}
	base := map[string]Input{}
	for _, b := range baseline.Inputs {
		base[b.Name] = b
		c, ok := cur[b.Name]
		if !ok {
			changes = append(changes, Change{Breaking: true, Message: fmt.Sprintf("input %q was removed or renamed", b.Name)})
			continue
		}
		if b.Type != c.Type {
			changes = append(changes, Change{Breaking: true, File: c.File, Line: c.Line,
				Message: fmt.Sprintf("input %q changed type from %s to %s", b.Name, b.Type, c.Type)})
		}
		if b.Required != c.Required {
			changes = append(changes, Change{Breaking: true, File: c.File, Line: c.Line,
				Message: fmt.Sprintf("input %q changed required from %t to %t", b.Name, b.Required, c.Required)})
		} else if !b.Required && !bytes.Equal(b.Default, c.Default) {
			changes = append(changes, Change{Breaking: true, File: c.File, Line: c.Line,
				Message: fmt.Sprintf("input %q changed default from %s to %s", b.Name, b.Default, c.Default)})
		}
	}
	for _, c := range current.Inputs {
		if _, ok := base[c.Name]; ok {
			continue
		}
		if c.Required {
			changes = append(changes, Change{Breaking: true, File: c.File, Line: c.Line,
				Message: fmt.Sprintf("new input %q is required (existing callers do not pass it)", c.Name)})
		} else {
			changes = append(changes, Change{File: c.File, Line: c.Line, Message: fmt.Sprintf("new optional input %q", c.Name)})
		}
	}
	curOut := map[string]Output{}
	for _, o := range current.Outputs {
		curOut[o.Name] = o
	}
	baseOut := map[string]bool{}
	for _, o := range baseline.Outputs {
		baseOut[o.Name] = true
		if _, ok := curOut[o.Name]; !ok {
			changes = append(changes, Change{Breaking: true, Message: fmt.Sprintf("output %q was removed or renamed", o.Name)})
		}
	}
	for _, o := range current.Outputs {
		if !baseOut[o.Name] {
			changes = append(changes, Change{File: o.File, Line: o.Line, Message: fmt.Sprintf("new output %q", o.Name)})
		}
	}
	return changes
}

// Breaking filters the breaking changes.
func Breaking(changes []Change) []Change {
	var out []Change
	for _, c := range changes {
		if c.Breaking {
			out = append(out, c)
		}
	}
	return out
}

// Verdict is the outcome of comparing the root module with the golden.
type Verdict struct {
	Breaking   []Change
	Additions  []Change
	Incomplete string // set when golden inputs or outputs are missing
}

// CheckCompatibility compares the root module's interface with the golden.
func CheckCompatibility(golden, current Interface) Verdict {
	has := func(names []string, name string) bool {
		for _, n := range names {
			if n == name {
				return true
			}
		}
		return false
	}
	var curIn, curOut []string
	for _, c := range current.Inputs {
		curIn = append(curIn, c.Name)
	}
	for _, c := range current.Outputs {
		curOut = append(curOut, c.Name)
	}
	nIn, nOut := 0, 0
	for _, g := range golden.Inputs {
		if has(curIn, g.Name) {
			nIn++
		}
	}
	for _, g := range golden.Outputs {
		if has(curOut, g.Name) {
			nOut++
		}
	}
	counts := fmt.Sprintf("%d/%d inputs, %d/%d outputs", nIn, len(golden.Inputs), nOut, len(golden.Outputs))
	var v Verdict
	for _, c := range Compare(golden, current) {
		if c.Breaking {
			v.Breaking = append(v.Breaking, c)
		} else {
			v.Additions = append(v.Additions, c)
		}
	}
	if nIn < len(golden.Inputs) || nOut < len(golden.Outputs) {
		v.Incomplete = "root module interface incomplete: " + counts + " present"
	}
	return v
}
