// Package security runs the security scanner over every deployment shape,
// not only over each configuration with its defaults as `make security`
// does: a finding that only a shape's inputs switch on (a Spot queue's
// launch template, the VPC endpoints, a private-only VPC) shows up here.
package security

import (
	"fmt"
	"os"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Shape is one run of a terraform test file: its name and the input values
// it plans with (the file's variables, overridden by the run's).
type Shape struct {
	Name   string
	Inputs map[string]cty.Value
}

// ReadShapes reads the runs of a .tftest.hcl file. Every variable value must
// be a literal (no references, no functions): the scanner gets them as a
// tfvars file, and a value that cannot be written there would be scanned
// as something else than what the test plans.
func ReadShapes(path string) ([]Shape, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading shapes: %w", err)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("parsing %s: %s", path, diags.Error())
	}
	body := f.Body.(*hclsyntax.Body)
	common := map[string]cty.Value{}
	var shapes []Shape
	for _, b := range body.Blocks {
		switch b.Type {
		case "variables":
			if err := literals(b.Body, common); err != nil {
				return nil, fmt.Errorf("%s: file variables: %w", path, err)
			}
		case "run":
			if len(b.Labels) != 1 {
				return nil, fmt.Errorf("%s:%d: run block without a name", path, b.DefRange().Start.Line)
			}
			inputs := map[string]cty.Value{}
			for _, inner := range b.Body.Blocks {
				if inner.Type == "variables" {
					if err := literals(inner.Body, inputs); err != nil {
						return nil, fmt.Errorf("%s: run %q: %w", path, b.Labels[0], err)
					}
				}
			}
			shapes = append(shapes, Shape{Name: b.Labels[0], Inputs: inputs})
		}
	}
	for i := range shapes {
		merged := make(map[string]cty.Value, len(common)+len(shapes[i].Inputs))
		for k, v := range common {
			merged[k] = v
		}
		for k, v := range shapes[i].Inputs {
			merged[k] = v
		}
		shapes[i].Inputs = merged
	}
	return shapes, nil
}

func literals(body *hclsyntax.Body, into map[string]cty.Value) error {
	names := make([]string, 0, len(body.Attributes))
	for n := range body.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := body.Attributes[n]
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			return fmt.Errorf("variable %s (line %d) is not a literal value: %s", n, a.SrcRange.Start.Line, diags.Error())
		}
		into[n] = v
	}
	return nil
}
