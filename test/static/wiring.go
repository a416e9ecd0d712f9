package static

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// moduleMetaArgs are the arguments of a module block that are not inputs of
// the called module.
var moduleMetaArgs = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true,
}

// addressOnlyBlocks are top-level blocks whose arguments are resource
// addresses rather than expressions.
var addressOnlyBlocks = map[string]bool{"moved": true, "removed": true}

// CheckWiring checks how the module in dir (relative to base) is wired:
//   - every argument of a local module call is a variable of the callee;
//   - every required variable of the callee is passed;
//   - every module.NAME.OUTPUT names a declared module call and, for local
//     callees, a declared output;
//   - every var.X is a declared variable of the module.
func CheckWiring(base, dir string) ([]Finding, error) {
	m, err := Load(filepath.Join(base, dir))
	if err != nil {
		return nil, err
	}
	var out []Finding
	add := func(r hcl.Range, format string, args ...any) {
		file, line := relPos(base, r)
		out = append(out, Finding{File: file, Line: line, Check: "wiring", Message: fmt.Sprintf(format, args...)})
	}

	// Callees of local module calls, loaded once.
	callees := map[string]*Module{}
	calls := map[string]bool{}
	for _, b := range m.blocks("module") {
		if len(b.Labels) != 1 {
			continue
		}
		name := b.Labels[0]
		calls[name] = true
		call := m.Config.ModuleCalls[name]
		if call == nil || !isLocalSource(call.Source) {
			continue
		}
		calleeDir := filepath.Join(m.Dir, filepath.FromSlash(call.Source))
		callee, err := Load(calleeDir)
		if err != nil {
			add(b.DefRange(), "module %q: cannot load local source %q: %v", name, call.Source, err)
			continue
		}
		callees[name] = callee
		for _, argName := range sortedAttrNames(b.Body) {
			if moduleMetaArgs[argName] {
				continue
			}
			if _, ok := callee.Config.Variables[argName]; !ok {
				add(b.Body.Attributes[argName].SrcRange, "module %q passes %q, which is not a variable of %s", name, argName, call.Source)
			}
		}
		var missing []string
		for vname, v := range callee.Config.Variables {
			if _, passed := b.Body.Attributes[vname]; v.Required && !passed {
				missing = append(missing, vname)
			}
		}
		sort.Strings(missing)
		for _, vname := range missing {
			add(b.DefRange(), "module %q does not pass required variable %q of %s", name, vname, call.Source)
		}
	}

	for _, fname := range m.sortedFiles() {
		body := m.Files[fname]
		visit := func(expr hclsyntax.Expression) {
			for _, tr := range expr.Variables() {
				checkTraversal(tr, m, calls, callees, add)
			}
		}
		for _, name := range sortedAttrNames(body) {
			visit(body.Attributes[name].Expr)
		}
		for _, b := range body.Blocks {
			// moved and removed name resource addresses, not values:
			// module.NAME.aws_x.y there is a resource inside the call.
			if addressOnlyBlocks[b.Type] {
				continue
			}
			walkExprs(b.Body, visit)
		}
	}
	return sortFindings(out), nil
}

func checkTraversal(tr hcl.Traversal, m *Module, calls map[string]bool, callees map[string]*Module, add func(hcl.Range, string, ...any)) {
	root := tr.RootName()
	if root != "var" && root != "module" {
		return
	}
	if len(tr) < 2 {
		return
	}
	first, ok := tr[1].(hcl.TraverseAttr)
	if !ok {
		return
	}
	switch root {
	case "var":
		if _, declared := m.Config.Variables[first.Name]; !declared {
			add(tr.SourceRange(), "var.%s is not a declared variable of this module", first.Name)
		}
	case "module":
		if !calls[first.Name] {
			add(tr.SourceRange(), "module.%s refers to a module call that does not exist", first.Name)
			return
		}
		callee := callees[first.Name]
		if callee == nil {
			return // registry module: its outputs are checked by make validate-offline
		}
		// Skip an index step (count / for_each) to reach the output name.
		rest := tr[2:]
		if len(rest) > 0 {
			if _, isIndex := rest[0].(hcl.TraverseIndex); isIndex {
				rest = rest[1:]
			}
		}
		if len(rest) == 0 {
			return
		}
		attr, ok := rest[0].(hcl.TraverseAttr)
		if !ok {
			return
		}
		if _, declared := callee.Config.Outputs[attr.Name]; !declared {
			add(tr.SourceRange(), "module.%s.%s: %s has no output %q", first.Name, attr.Name, m.Config.ModuleCalls[first.Name].Source, attr.Name)
		}
	}
}

// walkExprs calls fn for the expression of every attribute in body and in
// all nested blocks.
func walkExprs(body *hclsyntax.Body, fn func(hclsyntax.Expression)) {
	for _, name := range sortedAttrNames(body) {
		fn(body.Attributes[name].Expr)
	}
	for _, b := range body.Blocks {
		walkExprs(b.Body, fn)
	}
}

func sortedAttrNames(body *hclsyntax.Body) []string {
	names := make([]string, 0, len(body.Attributes))
	for n := range body.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
