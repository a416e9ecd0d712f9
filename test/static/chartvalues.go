package static

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"gopkg.in/yaml.v3"
)

// ChartKeys holds, per chart version, the value paths its templates read:
// leaves (scalars, lists, free-form maps such as annotations) written as
// dotted paths.
type ChartKeys struct {
	Charts []struct {
		Chart   string   `json:"chart"`
		Version string   `json:"version"`
		Source  string   `json:"source"`
		Keys    []string `json:"keys"`
	} `json:"charts"`
}

// LoadChartKeys reads a ChartKeys JSON file.
func LoadChartKeys(path string) (*ChartKeys, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ck ChartKeys
	if err := json.Unmarshal(b, &ck); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &ck, nil
}

func (ck *ChartKeys) lookup(chart, version string) ([]string, bool) {
	for _, c := range ck.Charts {
		if c.Chart == chart && c.Version == version {
			return c.Keys, true
		}
	}
	return nil, false
}

// CheckChartValues finds the helm_release resources of the module in dir and
// checks every value path the module itself writes (the object constructors
// under yamlencode in values, through locals, merge and filtering for
// expressions) against the key set of the pinned chart version. A chart
// shipped inside the module (chart = "${path.module}/...") is held against
// the leaves of its own values.yaml. Values documents built from input
// variables are the caller's and are not checked.
func CheckChartValues(base, dir string, ck *ChartKeys) ([]Finding, error) {
	releases, locals, ctx, err := helmReleases(base, dir)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, r := range releases {
		b := r.block
		add := func(format string, args ...any) { out = append(out, r.finding("chart-values", format, args...)) }
		valuesAttr, ok := b.Body.Attributes["values"]
		if !ok {
			continue
		}
		var known []string
		var what string
		if local, ok := localChartDir(b, dir); ok {
			known, err = valuesLeaves(filepath.Join(local, "values.yaml"))
			if err != nil {
				add("reading the module's own chart: %v", err)
				continue
			}
			what = "the module's chart " + filepath.Base(local)
		} else {
			chart, version := literalAttr(b, "chart", ctx), literalAttr(b, "version", ctx)
			if chart == "" || version == "" {
				add("chart or version is not a literal, so the values cannot be checked")
				continue
			}
			known, ok = ck.lookup(chart, version)
			if !ok {
				add("no key set is recorded for %s %s: record the value paths its templates read", chart, version)
				continue
			}
			what = chart + " " + version
		}
		docs, ok := valuesAttr.Expr.(*hclsyntax.TupleConsExpr)
		if !ok {
			add("values is not a list of documents, so it cannot be checked")
			continue
		}
		var paths []string
		for _, doc := range docs.Exprs {
			call, ok := doc.(*hclsyntax.FunctionCallExpr)
			if !ok || call.Name != "yamlencode" || len(call.Args) != 1 {
				continue
			}
			valuePaths(call.Args[0], "", locals, map[string]bool{}, &paths)
		}
		for _, p := range slices.Compact(slices.Sorted(slices.Values(paths))) {
			if !keyKnown(p, known) {
				add("%s is not a value %s reads", p, what)
			}
		}
	}
	return sortFindings(out), nil
}

// keyKnown: p is a recorded leaf, lies inside one (a free-form map), or is
// the parent of recorded leaves (a whole object given at once).
func keyKnown(p string, known []string) bool {
	for _, k := range known {
		if p == k || strings.HasPrefix(p, k+".") || strings.HasPrefix(k, p+".") {
			return true
		}
	}
	return false
}

func literalAttr(b *hclsyntax.Block, name string, ctx *hcl.EvalContext) string {
	a, ok := b.Body.Attributes[name]
	if !ok {
		return ""
	}
	v, d := a.Expr.Value(ctx)
	if d.HasErrors() || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
		return ""
	}
	return v.AsString()
}

// localChartDir recognises chart = "${path.module}/REL" with no repository
// and returns the chart's directory.
func localChartDir(b *hclsyntax.Block, dir string) (string, bool) {
	if _, ok := b.Body.Attributes["repository"]; ok {
		return "", false
	}
	a, ok := b.Body.Attributes["chart"]
	if !ok {
		return "", false
	}
	v, d := a.Expr.Value(&hcl.EvalContext{Variables: map[string]cty.Value{"path": cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(dir)})}})
	if d.HasErrors() || v.Type() != cty.String || !strings.HasPrefix(v.AsString(), dir+string(filepath.Separator)) {
		return "", false
	}
	return v.AsString(), true
}

// valuesLeaves lists the dotted paths of a values.yaml's leaves.
func valuesLeaves(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		m, ok := v.(map[string]any)
		if !ok || len(m) == 0 {
			out = append(out, prefix)
			return
		}
		for k, child := range m {
			walk(strings.TrimPrefix(prefix+"."+k, "."), child)
		}
	}
	walk("", doc)
	return out, nil
}

// valuePaths appends the dotted paths the expression writes below prefix.
// It follows object constructors, local.NAME, merge(...), for expressions
// (whose collection holds the keys) and both arms of a conditional; any other
// expression is a leaf.
func valuePaths(e hclsyntax.Expression, prefix string, locals map[string]hclsyntax.Expression, seen map[string]bool, out *[]string) {
	switch x := e.(type) {
	case *hclsyntax.ObjectConsExpr:
		if len(x.Items) == 0 && prefix != "" {
			*out = append(*out, prefix)
		}
		for _, item := range x.Items {
			key, ok := objectKey(item.KeyExpr)
			if !ok {
				if prefix != "" {
					*out = append(*out, prefix)
				}
				continue
			}
			valuePaths(item.ValueExpr, strings.TrimPrefix(prefix+"."+key, "."), locals, seen, out)
		}
	case *hclsyntax.FunctionCallExpr:
		if x.Name == "merge" {
			for _, arg := range x.Args {
				valuePaths(arg, prefix, locals, seen, out)
			}
			return
		}
		leaf(prefix, out)
	case *hclsyntax.ForExpr:
		valuePaths(x.CollExpr, prefix, locals, seen, out)
	case *hclsyntax.ConditionalExpr:
		valuePaths(x.TrueResult, prefix, locals, seen, out)
		valuePaths(x.FalseResult, prefix, locals, seen, out)
	case *hclsyntax.ScopeTraversalExpr:
		if name, ok := localName(x.Traversal); ok && !seen[name] {
			if def, ok := locals[name]; ok {
				seen[name] = true
				valuePaths(def, prefix, locals, seen, out)
				delete(seen, name)
				return
			}
		}
		leaf(prefix, out)
	default:
		leaf(prefix, out)
	}
}

func leaf(prefix string, out *[]string) {
	if prefix != "" {
		*out = append(*out, prefix)
	}
}

func localName(t hcl.Traversal) (string, bool) {
	if len(t) != 2 || t.RootName() != "local" {
		return "", false
	}
	a, ok := t[1].(hcl.TraverseAttr)
	return a.Name, ok
}

// objectKey is the literal key of an object item: a bare name or a quoted
// string.
func objectKey(e hclsyntax.Expression) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if name := hcl.ExprAsKeyword(k.Wrapped); name != "" && !k.ForceNonLiteral {
			return name, true
		}
		e = k.Wrapped
	}
	v, d := e.Value(nil)
	if d.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return "", false
	}
	return v.AsString(), true
}
