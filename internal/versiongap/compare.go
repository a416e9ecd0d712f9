package versiongap

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
)

// Rename is one difference between two versions of a provider schema that a
// copy of our HCL may be rewritten across: the element at Path in the newer
// (target) schema is called To in the older one, same kind and type.
type Rename struct {
	Kind Kind
	Type string
	Path string // in the newer schema
	To   string // the last element's name in the older schema
	Why  string
}

func (r Rename) String() string {
	return fmt.Sprintf("%s %s: %s -> %s", r.Kind, r.Type, r.Path, r.To)
}

// Schema is one provider schema and the name it is reported by
// ("hashicorp/aws 6.25.0").
type Schema struct {
	Name     string
	Provider *tfschema.Provider
}

// Gap is the result of comparing what our HCL uses in two schemas.
type Gap struct {
	Uses     int       // uses compared
	Apply    []Applied // renames to apply to the copy
	Problems []string  // differences nothing accounts for: the copy must not be planned
	// Unused are listed renames no use needed: stale for the repository's own
	// tree (its test checks there are none), expected for a fixture tree.
	Unused []Rename
}

// Applied is a rename and a use it applies to.
type Applied struct {
	Use    Use
	Rename Rename
}

// OK reports whether the copy can be rewritten and planned with the older schema.
func (g Gap) OK() bool { return len(g.Problems) == 0 }

// Error lists the problems, one per line.
func (g Gap) Error() string { return strings.Join(g.Problems, "\n") }

// Stale names each unused rename, one per line.
func (g Gap) Stale() []string {
	var lines []string
	for _, r := range g.Unused {
		lines = append(lines, fmt.Sprintf("the rename table lists %s (%s), which no use needed", r, r.Why))
	}
	return lines
}

// Compare checks every use against the newer schema (the one the HCL is
// written for) and the older one (the one it will be planned with).
func Compare(uses []Use, newer, older Schema, renames []Rename) Gap {
	g := Gap{Uses: len(uses)}
	used := make([]bool, len(renames))
	for _, u := range uses {
		want, ok := lookupUse(newer.Provider, u, u.Path)
		if !ok {
			g.Problems = append(g.Problems, fmt.Sprintf("%s: not in %s", u, newer.Name))
			continue
		}
		got, ok := lookupUse(older.Provider, u, u.Path)
		if ok && sameShape(want, got) {
			continue
		}
		i := findRename(renames, u)
		if i < 0 {
			reason := "not in " + older.Name
			if ok {
				reason = fmt.Sprintf("%s in %s, %s in %s", want, newer.Name, got, older.Name)
			}
			g.Problems = append(g.Problems, fmt.Sprintf("%s: %s; list it in versiongap.Renames with what %s has instead, or stop using it", u, reason, older.Name))
			continue
		}
		r := renames[i]
		renamed := u.Path[:len(u.Path)-len(lastElem(u.Path))] + r.To
		got, ok = lookupUse(older.Provider, u, renamed)
		if !ok || !sameShape(want, got) {
			g.Problems = append(g.Problems, fmt.Sprintf("%s: versiongap.Renames says %s, but %s has no %s of the same shape (%s)", u, r, older.Name, renamed, want))
			continue
		}
		used[i] = true
		g.Apply = append(g.Apply, Applied{Use: u, Rename: r})
	}
	for i, r := range renames {
		if !used[i] {
			g.Unused = append(g.Unused, r)
		}
	}
	return g
}

func findRename(renames []Rename, u Use) int {
	for i, r := range renames {
		if r.Kind == u.Kind && r.Type == u.Type && r.Path == u.Path {
			return i
		}
	}
	return -1
}

func lastElem(path string) string { return path[strings.LastIndex(path, ".")+1:] }

// element is an attribute or a nested block type.
type element struct {
	attr  *tfschema.Attribute
	block *tfschema.BlockType
}

func (e element) String() string {
	if e.attr != nil {
		return "attribute of type " + e.attr.ImpliedType().FriendlyName()
	}
	return "block (" + e.block.NestingMode + ")"
}

func sameShape(a, b element) bool {
	switch {
	case a.attr != nil && b.attr != nil:
		return a.attr.ImpliedType().Equals(b.attr.ImpliedType())
	case a.block != nil && b.block != nil:
		return a.block.NestingMode == b.block.NestingMode
	}
	return false
}

func lookupUse(p *tfschema.Provider, u Use, path string) (element, bool) {
	var s *tfschema.Schema
	switch u.Kind {
	case Resource:
		s = p.Resources[u.Type]
	case Data:
		s = p.DataSources[u.Type]
	case Provider:
		s = p.Provider
	}
	if s == nil || s.Block == nil {
		return element{}, false
	}
	return lookup(s.Block, strings.Split(path, "."))
}

func lookup(b *tfschema.Block, path []string) (element, bool) {
	name := path[0]
	if len(path) == 1 {
		if a, ok := b.Attributes[name]; ok {
			return element{attr: a}, true
		}
		if bt, ok := b.BlockTypes[name]; ok {
			return element{block: bt}, true
		}
		return element{}, false
	}
	bt, ok := b.BlockTypes[name]
	if !ok || bt.Block == nil {
		return element{}, false
	}
	return lookup(bt.Block, path[1:])
}

// Rewrite applies the renames to the files under root (the copy), replacing
// each use's name in place.
func Rewrite(root string, apply []Applied) error {
	byFile := map[string][]Applied{}
	for _, a := range apply {
		byFile[a.Use.Name.Filename] = append(byFile[a.Use.Name.Filename], a)
	}
	for file, as := range byFile {
		path := filepath.Join(root, file)
		src, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("rewrite %s: %w", file, err)
		}
		// From the end, so earlier offsets stay valid.
		sort.Slice(as, func(i, j int) bool { return as[i].Use.Name.Start.Byte > as[j].Use.Name.Start.Byte })
		for _, a := range as {
			r := a.Use.Name
			old := lastElem(a.Use.Path)
			if r.End.Byte > len(src) || string(src[r.Start.Byte:r.End.Byte]) != old {
				return fmt.Errorf("rewrite %s: expected %q at %d:%d", file, old, r.Start.Line, r.Start.Column)
			}
			src = append(src[:r.Start.Byte], append([]byte(a.Rename.To), src[r.End.Byte:]...)...)
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return fmt.Errorf("rewrite %s: %w", file, err)
		}
	}
	return nil
}
