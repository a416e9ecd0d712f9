// Package versiongap finds what of a provider's schema our HCL uses and how
// two versions of that schema differ on it, and rewrites a copy of the HCL
// across the differences listed in one table (Renames).
//
// It exists for one purpose: the only real hashicorp/aws binary reachable
// here is 5.x, while the module requires 6.x. Planning with 5.x is useful
// only if every difference it meets is one we meant: a listed rename is
// applied to a temporary copy, anything else fails naming the resource and
// argument.
package versiongap

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Kind is what a schema element belongs to.
type Kind string

// The kinds of schema elements HCL uses.
const (
	Resource Kind = "resource"
	Data     Kind = "data"
	Provider Kind = "provider"
)

// Use is one place our HCL uses a schema element: an argument or nested
// block it writes, or an attribute it reads.
type Use struct {
	Kind Kind
	Type string // aws_lb; for Provider, the provider's local name
	// Path is the element inside the resource: nested block names then the
	// attribute ("compute_resources.launch_template.version"), or just the
	// block for a block written without arguments.
	Path string
	Read bool // a reference (data.aws_region.current.region), not an argument
	// Name is where the last element's name stands in the source: what a
	// rename replaces.
	Name hcl.Range
}

func (u Use) String() string {
	what := "argument"
	if u.Read {
		what = "attribute read"
	}
	kind := string(u.Kind)
	if u.Kind == Data {
		kind = "data source"
	}
	return fmt.Sprintf("%s:%d: %s %s: %s %s", u.Name.Filename, u.Name.Start.Line, kind, u.Type, what, u.Path)
}

// Collect returns every use of a schema element of the provider with local
// name provider (its types start with provider_) in the .tf files of the
// configuration directories dirs (relative to root). File names in the
// result are relative to root.
func Collect(root string, dirs []string, provider string) ([]Use, error) {
	var uses []Use
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.tf"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", f, err)
			}
			rel, _ := filepath.Rel(root, f)
			file, diags := hclsyntax.ParseConfig(src, rel, hcl.InitialPos)
			if diags.HasErrors() {
				return nil, fmt.Errorf("parse %s: %s", rel, diags.Error())
			}
			c := collector{provider: provider}
			c.file(file.Body.(*hclsyntax.Body))
			uses = append(uses, c.uses...)
		}
	}
	return uses, nil
}

type collector struct {
	provider string
	uses     []Use
}

func (c *collector) ours(typ string) bool { return strings.HasPrefix(typ, c.provider+"_") }

func (c *collector) file(body *hclsyntax.Body) {
	for _, b := range body.Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2 && c.ours(b.Labels[0]):
			c.body(Resource, b.Labels[0], "", b.Body)
		case b.Type == "data" && len(b.Labels) == 2 && c.ours(b.Labels[0]):
			c.body(Data, b.Labels[0], "", b.Body)
		case b.Type == "provider" && len(b.Labels) == 1 && b.Labels[0] == c.provider:
			c.body(Provider, c.provider, "", b.Body)
		}
	}
	// References can stand anywhere: locals, outputs, module arguments, other
	// providers' resources.
	hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			c.reference(e.Traversal)
		case *hclsyntax.RelativeTraversalExpr:
			// aws_lb.this[count.index].arn: an index by expression, then .arn
			if ix, ok := e.Source.(*hclsyntax.IndexExpr); ok {
				c.relative(ix.Collection, e.Traversal)
			}
		case *hclsyntax.SplatExpr:
			// aws_lb.this[*].arn
			if rel, ok := e.Each.(*hclsyntax.RelativeTraversalExpr); ok {
				c.relative(e.Source, rel.Traversal)
			}
		}
		return nil
	})
}

// relative records the first attribute read after an index or splat on a
// resource (source is aws_lb.this or data.aws_x.y).
func (c *collector) relative(source hclsyntax.Expression, tr hcl.Traversal) {
	st, ok := source.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(tr) == 0 {
		return
	}
	attr, ok := tr[0].(hcl.TraverseAttr)
	if !ok {
		return
	}
	full := append(append(hcl.Traversal{}, st.Traversal...), attr)
	if n := len(st.Traversal); (st.Traversal.RootName() == "data" && n == 3) || (st.Traversal.RootName() != "data" && n == 2) {
		c.reference(full)
	}
}

// meta are the arguments and blocks Terraform itself reads in a resource.
var meta = map[string]bool{
	"count": true, "for_each": true, "provider": true, "depends_on": true,
	"lifecycle": true, "provisioner": true, "connection": true,
}

// body records the arguments and nested blocks of a resource (or of a block
// nested in one, at path prefix).
func (c *collector) body(kind Kind, typ, prefix string, body *hclsyntax.Body) {
	join := func(name string) string {
		if prefix == "" {
			return name
		}
		return prefix + "." + name
	}
	for _, a := range body.Attributes {
		if prefix == "" && meta[a.Name] {
			continue
		}
		c.uses = append(c.uses, Use{Kind: kind, Type: typ, Path: join(a.Name), Name: a.NameRange})
	}
	for _, b := range body.Blocks {
		switch {
		case prefix == "" && b.Type == "lifecycle":
			c.lifecycle(kind, typ, b.Body)
		case prefix == "" && meta[b.Type]:
		case b.Type == "dynamic" && len(b.Labels) == 1:
			c.uses = append(c.uses, Use{Kind: kind, Type: typ, Path: join(b.Labels[0]), Name: b.LabelRanges[0]})
			for _, inner := range b.Body.Blocks {
				if inner.Type == "content" {
					c.body(kind, typ, join(b.Labels[0]), inner.Body)
				}
			}
		default:
			c.uses = append(c.uses, Use{Kind: kind, Type: typ, Path: join(b.Type), Name: b.TypeRange})
			c.body(kind, typ, join(b.Type), b.Body)
		}
	}
}

// lifecycle records the attributes ignore_changes names: a rename must reach
// them too.
func (c *collector) lifecycle(kind Kind, typ string, body *hclsyntax.Body) {
	a, ok := body.Attributes["ignore_changes"]
	if !ok {
		return
	}
	tuple, ok := a.Expr.(*hclsyntax.TupleConsExpr)
	if !ok {
		return // "all"
	}
	for _, e := range tuple.Exprs {
		st, ok := e.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			continue
		}
		var names []string
		var last hcl.Range
		for _, step := range st.Traversal {
			switch s := step.(type) {
			case hcl.TraverseRoot:
				names, last = append(names, s.Name), s.SrcRange
			case hcl.TraverseAttr:
				names, last = append(names, s.Name), nameRange(s.SrcRange, s.Name)
			}
		}
		c.uses = append(c.uses, Use{Kind: kind, Type: typ, Path: strings.Join(names, "."), Read: true, Name: last})
	}
}

// reference records the attribute a traversal like aws_lb.this[0].arn or
// data.aws_region.current.region reads (the first one after the name).
func (c *collector) reference(tr hcl.Traversal) {
	if len(tr) < 3 {
		return
	}
	kind, rest := Resource, tr
	if tr.RootName() == "data" {
		kind, rest = Data, tr[1:]
	}
	typ := stepName(rest[0])
	if !c.ours(typ) || len(rest) < 3 {
		return
	}
	if _, ok := rest[1].(hcl.TraverseAttr); !ok {
		return
	}
	for _, step := range rest[2:] {
		switch s := step.(type) {
		case hcl.TraverseIndex, hcl.TraverseSplat:
			continue
		case hcl.TraverseAttr:
			c.uses = append(c.uses, Use{Kind: kind, Type: typ, Path: s.Name, Read: true, Name: nameRange(s.SrcRange, s.Name)})
		}
		return
	}
}

func stepName(s hcl.Traverser) string {
	switch s := s.(type) {
	case hcl.TraverseRoot:
		return s.Name
	case hcl.TraverseAttr:
		return s.Name
	}
	return ""
}

// nameRange is the range of name at the end of an attribute step (".name").
func nameRange(step hcl.Range, name string) hcl.Range {
	r := step
	r.Start.Byte = r.End.Byte - len(name)
	r.Start.Column = r.End.Column - len(name)
	return r
}
