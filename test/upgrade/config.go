package upgrade

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Module is one configuration of the tree as the upgrade checks read it: its
// resources, module calls, moved blocks, and enough of its expressions to
// tell which root inputs a resource's existence depends on.
type Module struct {
	Dir       string
	Resources map[string]*Block // "type.name"
	Calls     map[string]*Call  // module call name
	Moves     []Move
	Locals    map[string]hclsyntax.Expression
}

// Block is a resource and the expression that counts it (nil: always one).
type Block struct {
	Address string
	Count   hclsyntax.Expression // count or for_each
	ForEach bool
}

// Call is a module call.
type Call struct {
	Name    string
	Source  string
	Count   hclsyntax.Expression
	Args    map[string]hclsyntax.Expression
	Module  *Module // nil for a registry module
	ForEach bool
}

// Move is one moved block, addresses relative to its module.
type Move struct {
	From, To string
	Pos      string // file:line
}

// LoadModule reads the configuration in dir and, recursively, every local
// module it calls.
func LoadModule(dir string) (*Module, error) {
	m := &Module{Dir: dir, Resources: map[string]*Block{}, Calls: map[string]*Call{}, Locals: map[string]hclsyntax.Expression{}}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		file, diags := hclsyntax.ParseConfig(src, f, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("parse %s: %s", f, diags.Error())
		}
		for _, b := range file.Body.(*hclsyntax.Body).Blocks {
			switch {
			case b.Type == "resource" && len(b.Labels) == 2:
				blk := &Block{Address: b.Labels[0] + "." + b.Labels[1]}
				blk.Count, blk.ForEach = counting(b.Body)
				m.Resources[blk.Address] = blk
			case b.Type == "module" && len(b.Labels) == 1:
				c := &Call{Name: b.Labels[0], Args: map[string]hclsyntax.Expression{}}
				c.Count, c.ForEach = counting(b.Body)
				for name, a := range b.Body.Attributes {
					c.Args[name] = a.Expr
				}
				if a, ok := b.Body.Attributes["source"]; ok {
					if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String {
						c.Source = v.AsString()
					}
				}
				if strings.HasPrefix(c.Source, ".") {
					if c.Module, err = LoadModule(filepath.Join(dir, c.Source)); err != nil {
						return nil, err
					}
				}
				m.Calls[c.Name] = c
			case b.Type == "moved":
				mv := Move{Pos: fmt.Sprintf("%s:%d", filepath.Base(f), b.DefRange().Start.Line)}
				for name, dst := range map[string]*string{"from": &mv.From, "to": &mv.To} {
					a, ok := b.Body.Attributes[name]
					if !ok {
						return nil, fmt.Errorf("%s: moved block without %s", mv.Pos, name)
					}
					*dst = strings.TrimSpace(string(a.Expr.Range().SliceBytes(src)))
				}
				m.Moves = append(m.Moves, mv)
			case b.Type == "locals":
				for name, a := range b.Body.Attributes {
					m.Locals[name] = a.Expr
				}
			}
		}
	}
	return m, nil
}

func counting(body *hclsyntax.Body) (hclsyntax.Expression, bool) {
	if a, ok := body.Attributes["count"]; ok {
		return a.Expr, false
	}
	if a, ok := body.Attributes["for_each"]; ok {
		return a.Expr, true
	}
	return nil, false
}

// step is one part of an instance address: module.NAME[KEY] or TYPE.NAME[KEY].
type step struct {
	Kind, Name, Key string // Kind "module" or a resource type
}

func (s step) String() string {
	if s.Key == "" {
		return s.Kind + "." + s.Name
	}
	return s.Kind + "." + s.Name + "[" + s.Key + "]"
}

var reStep = regexp.MustCompile(`^([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(\d+|"[^"]*")\])?`)

// parseAddress splits module.a[0].module.b.aws_x.y[1] into its steps.
func parseAddress(addr string) ([]step, error) {
	var out []step
	rest := addr
	for rest != "" {
		m := reStep.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("cannot read address %q at %q", addr, rest)
		}
		out = append(out, step{Kind: m[1], Name: m[2], Key: m[3]})
		rest = strings.TrimPrefix(rest[len(m[0]):], ".")
		if m[1] != "module" && rest != "" {
			return nil, fmt.Errorf("address %q: %s is not the last step", addr, m[0])
		}
	}
	return out, nil
}

func formatAddress(steps []step) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = s.String()
	}
	return strings.Join(parts, ".")
}

// Resolve follows the moved blocks of the tree from an old address (relative
// to the root) to where it lands, returning each address on the way.
func (m *Module) Resolve(addr string) ([]string, error) {
	path := []string{addr}
	for i := 0; i < 20; i++ {
		steps, err := parseAddress(path[len(path)-1])
		if err != nil {
			return path, err
		}
		next, ok := m.apply(steps)
		if !ok {
			return path, nil
		}
		path = append(path, formatAddress(next))
	}
	return path, fmt.Errorf("moved blocks from %s go round in circles: %s", addr, strings.Join(path, " -> "))
}

// apply makes the first move that matches steps, in this module or the
// child module the steps lead into.
func (m *Module) apply(steps []step) ([]step, bool) {
	for _, mv := range m.Moves {
		from, err1 := parseAddress(mv.From)
		to, err2 := parseAddress(mv.To)
		if err1 != nil || err2 != nil || len(from) != 1 || len(to) != 1 {
			continue // moves across module boundaries are not used here
		}
		f, t, s := from[0], to[0], steps[0]
		if f.Kind != s.Kind || f.Name != s.Name {
			continue
		}
		if f.Kind != "module" && len(steps) != 1 {
			continue
		}
		switch {
		case f.Key == "" && t.Key == "": // the whole module call or resource: keys stay
			t.Key = s.Key
		case f.Key != s.Key:
			continue
		}
		return append([]step{t}, steps[1:]...), true
	}
	if len(steps) > 1 && steps[0].Kind == "module" {
		if c, ok := m.Calls[steps[0].Name]; ok && c.Module != nil {
			if rest, ok := c.Module.apply(steps[1:]); ok {
				return append([]step{steps[0]}, rest...), true
			}
		}
	}
	return nil, false
}

// Lookup returns the resource (or, for a module call address, nil) at an
// instance address, checking each step's key against its count: an address
// with [N] needs count, one without needs none.
func (m *Module) Lookup(addr string) (*Block, *Module, error) {
	steps, err := parseAddress(addr)
	if err != nil {
		return nil, nil, err
	}
	mod := m
	for i, s := range steps {
		if s.Kind == "module" {
			c, ok := mod.Calls[s.Name]
			if !ok {
				return nil, nil, fmt.Errorf("%s: no module call %q in %s", addr, s.Name, mod.Dir)
			}
			if err := keyFits(addr, s, c.Count != nil, c.ForEach); err != nil {
				return nil, nil, err
			}
			if i == len(steps)-1 {
				return nil, mod, nil
			}
			if c.Module == nil {
				return nil, nil, fmt.Errorf("%s: %s is a registry module (%s): its resources are not ours to check", addr, s.Name, c.Source)
			}
			mod = c.Module
			continue
		}
		b, ok := mod.Resources[s.Kind+"."+s.Name]
		if !ok {
			return nil, nil, fmt.Errorf("%s: no resource %s.%s in %s", addr, s.Kind, s.Name, mod.Dir)
		}
		if err := keyFits(addr, s, b.Count != nil, b.ForEach); err != nil {
			return nil, nil, err
		}
		return b, mod, nil
	}
	return nil, nil, fmt.Errorf("empty address")
}

func keyFits(addr string, s step, counted, forEach bool) error {
	switch {
	case s.Key == "" && counted:
		return fmt.Errorf("%s: %s has count or for_each, the address has no instance key", addr, s.Kind+"."+s.Name)
	case s.Key != "" && !counted:
		return fmt.Errorf("%s: %s has no count, the address has an instance key", addr, s.Kind+"."+s.Name)
	case strings.HasPrefix(s.Key, `"`) != forEach && s.Key != "":
		return fmt.Errorf("%s: instance key %s does not fit %s's count/for_each", addr, s.Key, s.Kind+"."+s.Name)
	}
	return nil
}

// ConditionInputs returns the root inputs (variables of the root module)
// that the existence of the resource or module call at addr depends on: the
// count and for_each expressions of every step on its path, followed
// through locals and module arguments to the root's variables.
func (m *Module) ConditionInputs(addr string) ([]string, error) {
	steps, err := parseAddress(addr)
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	// scopes[i] maps a module's variables to their argument expressions in
	// the caller, so a var reference deep down resolves to the root.
	type scope struct {
		mod    *Module
		parent *scope
		args   map[string]hclsyntax.Expression
	}
	var refs func(e hclsyntax.Expression, sc *scope, seen map[string]bool)
	refs = func(e hclsyntax.Expression, sc *scope, seen map[string]bool) {
		if e == nil {
			return
		}
		for _, tr := range e.Variables() {
			root := tr.RootName()
			if len(tr) < 2 {
				continue
			}
			attr, ok := tr[1].(hcl.TraverseAttr)
			if !ok {
				continue
			}
			switch root {
			case "var":
				if sc.parent == nil {
					found[attr.Name] = true
				} else if arg, ok := sc.args[attr.Name]; ok {
					refs(arg, sc.parent, map[string]bool{})
				}
			case "local":
				key := sc.mod.Dir + "|" + attr.Name
				if !seen[key] {
					seen[key] = true
					refs(sc.mod.Locals[attr.Name], sc, seen)
				}
			}
		}
	}
	sc := &scope{mod: m}
	for _, s := range steps {
		if s.Kind == "module" {
			c, ok := sc.mod.Calls[s.Name]
			if !ok {
				return nil, fmt.Errorf("%s: no module call %q", addr, s.Name)
			}
			refs(c.Count, sc, map[string]bool{})
			if c.Module == nil {
				break
			}
			sc = &scope{mod: c.Module, parent: sc, args: c.Args}
			continue
		}
		b, ok := sc.mod.Resources[s.Kind+"."+s.Name]
		if !ok {
			return nil, fmt.Errorf("%s: no resource %s.%s", addr, s.Kind, s.Name)
		}
		refs(b.Count, sc, map[string]bool{})
	}
	out := make([]string, 0, len(found))
	for k := range found {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}
