// Package examples checks the Terraform examples written in a README: every
// fenced hcl/terraform block that calls this repository's module (by its
// registry address, optionally //modules/NAME, or by a relative path) must
// pass only declared inputs, set every required input, and reference only
// declared outputs through module.NAME.X.
package examples

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-config-inspect/tfconfig"
	"github.com/zclconf/go-cty/cty"
)

// Registry is the registry address of this repository's root module.
const Registry = "outerbounds/metaflow/aws"

// Problem is one finding, printed as FILE:LINE: MESSAGE.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// Interface is what an example can use of a module.
type Interface struct {
	Inputs  map[string]bool // name -> required
	Outputs map[string]bool
}

// LoadInterface reads a module's variables and outputs with
// terraform-config-inspect; errors name the offending file and line.
func LoadInterface(dir string) (*Interface, error) {
	mod, diags := tfconfig.LoadModule(dir)
	if diags.HasErrors() {
		var msgs []string
		for _, d := range diags {
			if d.Severity != tfconfig.DiagError {
				continue
			}
			where := dir
			if d.Pos != nil {
				where = fmt.Sprintf("%s:%d", d.Pos.Filename, d.Pos.Line)
			}
			msgs = append(msgs, strings.TrimSuffix(where+": "+d.Summary+"; "+d.Detail, "; "))
		}
		return nil, fmt.Errorf("%s", strings.Join(msgs, "\n"))
	}
	iface := &Interface{Inputs: map[string]bool{}, Outputs: map[string]bool{}}
	for name, v := range mod.Variables {
		iface.Inputs[name] = v.Required
	}
	for name := range mod.Outputs {
		iface.Outputs[name] = true
	}
	return iface, nil
}

// Checker checks README examples. It caches module interfaces by directory.
type Checker struct {
	// RepoRoot is the directory the registry address stands for.
	RepoRoot string
	// Load returns a module's interface; LoadInterface when nil.
	Load func(dir string) (*Interface, error)

	cache map[string]*Interface
}

func (c *Checker) iface(dir string) (*Interface, error) {
	if i, ok := c.cache[dir]; ok {
		return i, nil
	}
	load := c.Load
	if load == nil {
		load = LoadInterface
	}
	i, err := load(dir)
	if err != nil {
		return nil, err
	}
	if c.cache == nil {
		c.cache = map[string]*Interface{}
	}
	c.cache[dir] = i
	return i, nil
}

// block is one fenced code block: its content and the README line of the
// content's first line.
type block struct {
	src  []byte
	line int
}

// fence opens a fenced code block; any indentation is accepted so that
// blocks inside list items count too.
var fence = regexp.MustCompile("^([ \t]*)(`{3,}|~{3,})\\s*([A-Za-z0-9_+-]*)")

// codeBlocks returns the fenced blocks whose info string is hcl, terraform
// or tf, with the opening fence's indentation removed from their lines.
func codeBlocks(src []byte) []block {
	var out []block
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var (
		open     string // fence character, "" outside a block
		fenceLen int
		indent   int
		keep     bool
		cur      bytes.Buffer
		startAt  int
		lineNo   int
	)
	for sc.Scan() {
		lineNo++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if open == "" {
			if m := fence.FindStringSubmatch(line); m != nil {
				indent = len(m[1])
				open = m[2][:1]
				fenceLen = len(m[2])
				lang := strings.ToLower(m[3])
				keep = lang == "hcl" || lang == "terraform" || lang == "tf"
				cur.Reset()
				startAt = lineNo + 1
			}
			continue
		}
		trimmed := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(trimmed, strings.Repeat(open, fenceLen)) && strings.Trim(trimmed, open+" \t") == "" {
			if keep {
				out = append(out, block{src: bytes.Clone(cur.Bytes()), line: startAt})
			}
			open = ""
			continue
		}
		for i := 0; i < indent && len(line) > 0 && (line[0] == ' ' || line[0] == '\t'); i++ {
			line = line[1:]
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
	}
	return out
}

var metaArgs = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true,
}

// mentionsUs finds module sources that point at this repository, to report
// a block that does not parse only when it is one of our examples.
var mentionsUs = regexp.MustCompile(`source\s*=\s*"(` + regexp.QuoteMeta(Registry) + `|\.{1,2}/)`)

// Check returns the problems of the examples in the README at path (as it
// should be printed) whose content is src.
func (c *Checker) Check(path string, src []byte) ([]Problem, error) {
	var problems []Problem
	readmeDir := filepath.Dir(path)
	for _, b := range codeBlocks(src) {
		file, diags := hclsyntax.ParseConfig(b.src, path, hcl.Pos{Line: b.line, Column: 1, Byte: 0})
		if diags.HasErrors() {
			if mentionsUs.Match(b.src) {
				d := diags[0]
				line := b.line
				if d.Subject != nil {
					line = d.Subject.Start.Line
				}
				problems = append(problems, Problem{path, line, "example does not parse: " + d.Summary + ": " + d.Detail})
			}
			continue
		}
		body := file.Body.(*hclsyntax.Body)
		calls := map[string]*Interface{}
		for _, blk := range body.Blocks {
			if blk.Type != "module" || len(blk.Labels) != 1 {
				continue
			}
			ps, iface, err := c.checkCall(path, readmeDir, blk)
			if err != nil {
				return nil, err
			}
			problems = append(problems, ps...)
			if iface != nil {
				calls[blk.Labels[0]] = iface
			}
		}
		if len(calls) > 0 {
			problems = append(problems, checkRefs(path, body, calls)...)
		}
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
	return problems, nil
}

// checkCall checks one module block; a nil Interface means the block does
// not call this repository.
func (c *Checker) checkCall(path, readmeDir string, blk *hclsyntax.Block) ([]Problem, *Interface, error) {
	srcAttr, ok := blk.Body.Attributes["source"]
	if !ok {
		return nil, nil, nil
	}
	v, diags := srcAttr.Expr.Value(nil)
	if diags.HasErrors() || !v.Type().Equals(cty.String) || v.IsNull() {
		return nil, nil, nil
	}
	source := v.AsString()
	dir, ours := c.resolve(readmeDir, source)
	if !ours {
		return nil, nil, nil
	}
	name := blk.Labels[0]
	if !isModuleDir(dir) {
		line := srcAttr.SrcRange.Start.Line
		return []Problem{{path, line, fmt.Sprintf("module %q: source %q is not a module directory of this repository", name, source)}}, nil, nil
	}
	iface, err := c.iface(dir)
	if err != nil {
		return nil, nil, err
	}
	var problems []Problem
	for _, attr := range sortedAttrs(blk.Body.Attributes) {
		if metaArgs[attr.Name] {
			continue
		}
		if _, ok := iface.Inputs[attr.Name]; !ok {
			msg := fmt.Sprintf("module %q: %q is not an input of %s", name, attr.Name, source)
			if s := suggest(attr.Name, iface.Inputs); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			problems = append(problems, Problem{path, attr.SrcRange.Start.Line, msg})
		}
	}
	for _, nested := range blk.Body.Blocks {
		problems = append(problems, Problem{path, nested.TypeRange.Start.Line,
			fmt.Sprintf("module %q: unexpected block %q in a module call", name, nested.Type)})
	}
	var missing []string
	for input, required := range iface.Inputs {
		if _, set := blk.Body.Attributes[input]; required && !set {
			missing = append(missing, input)
		}
	}
	sort.Strings(missing)
	for _, input := range missing {
		problems = append(problems, Problem{path, blk.TypeRange.Start.Line,
			fmt.Sprintf("module %q: required input %q is not set", name, input)})
	}
	return problems, iface, nil
}

// resolve maps a module source to a directory of this repository. A
// relative path is read from the README's directory, else from the
// repository root (a submodule README often shows the call as written in a
// root configuration); one that leads to no module is someone else's.
func (c *Checker) resolve(readmeDir, source string) (string, bool) {
	if strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../") {
		for _, base := range []string{readmeDir, c.RepoRoot} {
			if dir := filepath.Join(base, filepath.FromSlash(source)); isModuleDir(dir) {
				return dir, true
			}
		}
		return "", false
	}
	addr, sub, _ := strings.Cut(source, "//")
	addr = strings.TrimPrefix(addr, "registry.terraform.io/")
	if !strings.EqualFold(addr, Registry) {
		return "", false
	}
	return filepath.Join(c.RepoRoot, filepath.FromSlash(sub)), true
}

func isModuleDir(dir string) bool {
	info, err := os.Stat(dir)
	return err == nil && info.IsDir() && tfconfig.IsModuleDir(dir)
}

// checkRefs checks every module.NAME.X traversal of the block against the
// outputs of the module calls it declares.
func checkRefs(path string, body *hclsyntax.Body, calls map[string]*Interface) []Problem {
	var problems []Problem
	_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		expr, ok := n.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return nil
		}
		tr := expr.Traversal
		if tr.RootName() != "module" || len(tr) < 2 {
			return nil
		}
		callAttr, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			return nil
		}
		iface, ok := calls[callAttr.Name]
		if !ok {
			return nil
		}
		rest := tr[2:]
		// module.NAME[0].X or module.NAME["key"].X with count/for_each
		if len(rest) > 0 {
			if _, isIndex := rest[0].(hcl.TraverseIndex); isIndex {
				rest = rest[1:]
			}
		}
		if len(rest) == 0 {
			return nil
		}
		out, ok := rest[0].(hcl.TraverseAttr)
		if !ok {
			return nil
		}
		if !iface.Outputs[out.Name] {
			msg := fmt.Sprintf("module.%s.%s: %q is not an output of module %q", callAttr.Name, out.Name, out.Name, callAttr.Name)
			if s := suggest(out.Name, iface.Outputs); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			problems = append(problems, Problem{path, out.SrcRange.Start.Line, msg})
		}
		return nil
	})
	return problems
}

func sortedAttrs(attrs hclsyntax.Attributes) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

// suggest returns the closest known name when it is plausibly a typo: at
// most two edits away, and fewer than half the name's length.
func suggest[V any](name string, known map[string]V) string {
	best, bestDist := "", 3
	for k := range known {
		d := levenshtein.Distance(name, k, nil)
		if 2*d >= len(name) {
			continue
		}
		if d < bestDist || (d == bestDist && k < best) {
			best, bestDist = k, d
		}
	}
	return best
}
