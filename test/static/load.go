package static

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-config-inspect/tfconfig"
)

// Module is one Terraform module directory, loaded twice: through
// terraform-config-inspect for its interface, and as raw HCL syntax for what
// terraform-config-inspect does not expose (module call arguments, the
// expressions that reference var.* and module.*).
type Module struct {
	Dir    string // as given to Load
	Config *tfconfig.Module
	Files  map[string]*hclsyntax.Body // keyed by file path (Dir joined with file name)
}

// Load reads the module in dir. Parse errors are returned as an error: the
// static checks only make sense on syntactically valid configuration.
func Load(dir string) (*Module, error) {
	cfg, diags := tfconfig.LoadModule(dir)
	if diags.HasErrors() {
		return nil, fmt.Errorf("load module %s: %w", dir, diags.Err())
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	sort.Strings(names)
	parser := hclparse.NewParser()
	m := &Module{Dir: dir, Config: cfg, Files: make(map[string]*hclsyntax.Body, len(names))}
	for _, name := range names {
		f, diags := parser.ParseHCLFile(name)
		if diags.HasErrors() {
			return nil, fmt.Errorf("parse %s: %w", name, diags)
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			return nil, fmt.Errorf("parse %s: not native HCL syntax", name)
		}
		m.Files[name] = body
	}
	return m, nil
}

// sortedFiles returns the module's file names in a stable order.
func (m *Module) sortedFiles() []string {
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// blocks returns the top-level blocks of the given type across all files.
func (m *Module) blocks(typ string) []*hclsyntax.Block {
	var out []*hclsyntax.Block
	for _, name := range m.sortedFiles() {
		for _, b := range m.Files[name].Blocks {
			if b.Type == typ {
				out = append(out, b)
			}
		}
	}
	return out
}

// Discover lists the Terraform module directories of a repository: the root,
// and every directory below modules/ and examples/ that holds *.tf files.
// Hidden directories, .terraform and testdata are skipped. Paths are relative
// to root, slash-separated, "." for the root itself.
func Discover(root string) ([]string, error) {
	dirs := []string{}
	if has, err := hasTF(root); err != nil {
		return nil, err
	} else if has {
		dirs = append(dirs, ".")
	}
	for _, top := range []string{"modules", "examples"} {
		base := filepath.Join(root, top)
		if _, err := os.Stat(base); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return nil
			}
			name := d.Name()
			if path != base && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			has, err := hasTF(path)
			if err != nil {
				return err
			}
			if has {
				rel, err := filepath.Rel(root, path)
				if err != nil {
					return err
				}
				dirs = append(dirs, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("discover modules under %s: %w", base, err)
		}
	}
	return dirs, nil
}

func hasTF(dir string) (bool, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return false, fmt.Errorf("list %s: %w", dir, err)
	}
	return len(names) > 0, nil
}

// relPos turns an HCL position into the File/Line of a Finding, relative to base.
func relPos(base string, r hcl.Range) (string, int) {
	return relFile(base, r.Filename), r.Start.Line
}

func relFile(base, file string) string {
	if rel, err := filepath.Rel(base, file); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// isLocalSource tells whether a module source is a local path.
func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")
}
