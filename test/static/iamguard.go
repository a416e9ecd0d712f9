package static

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The IAM guard rails: every IAM role the module tree creates gets the path
// and permissions boundary the caller set (iam_path, iam_permissions_boundary),
// checked once in modules/common. A value is fed from modules/common when
// it is, exactly, one of:
//   - module.C.NAME, where C is a call of the module tree's modules/common;
//   - local.X, where local X is itself fed from modules/common;
//   - var.NAME, in a module that does not call modules/common (such as
//     modules/ecs-task-execution-role): its callers are then held to pass
//     NAME fed from their own modules/common.
//
// A conditional, a literal or a function of the value is not: each one is a
// way for a role to escape the rails in some shape.

const (
	iamPathInput     = "iam_path"
	iamBoundaryInput = "iam_permissions_boundary"
)

// eksRegistrySource is the registry module whose IAM roles the guard rails
// reach through its own inputs.
const eksRegistrySource = "terraform-aws-modules/eks/aws"

// eksRailInputs are the inputs of terraform-aws-modules/eks/aws 21.x that
// set the path or permissions boundary of what it creates, each with the
// guard rail that must feed it: the cluster role, the Auto Mode node role,
// and the path of the cluster encryption policy.
var eksRailInputs = []struct{ input, rail string }{
	{"encryption_policy_path", iamPathInput},
	{"iam_role_path", iamPathInput},
	{"iam_role_permissions_boundary", iamBoundaryInput},
	{"node_iam_role_path", iamPathInput},
	{"node_iam_role_permissions_boundary", iamBoundaryInput},
}

// eksNodeGroupInputs are the EKS module's maps of node groups (and Fargate
// profiles), whose entries each create a role: when passed, the expression
// must carry both guard rails into every entry.
var eksNodeGroupInputs = []string{"eks_managed_node_groups", "self_managed_node_groups", "fargate_profiles"}

// eksSubmoduleRailInputs are the inputs of the EKS module's own submodules
// (terraform-aws-modules/eks/aws//modules/...) for their role.
var eksSubmoduleRailInputs = []struct{ input, rail string }{
	{"iam_role_path", iamPathInput},
	{"iam_role_permissions_boundary", iamBoundaryInput},
}

// IAMGuarded is what CheckIAMGuardRails found to check: "file:line kind.name"
// of every role, instance profile and module call it held to the rails.
type IAMGuarded []string

// CheckIAMGuardRails walks the module tree under base (the root and every
// module below modules/; examples are callers, not part of the tree) and
// reports every IAM role, instance profile and EKS module call whose path or
// permissions boundary is not fed from modules/common, every module call
// that does not pass the rails on, and every modules/common call that is
// not given them.
func CheckIAMGuardRails(base string) ([]Finding, IAMGuarded, error) {
	dirs, err := Discover(base)
	if err != nil {
		return nil, nil, err
	}
	var out []Finding
	var guarded IAMGuarded
	for _, dir := range dirs {
		if dir != "." && !strings.HasPrefix(dir, "modules/") {
			continue
		}
		fs, g, err := checkIAMModule(base, dir)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, fs...)
		guarded = append(guarded, g...)
	}
	slices.Sort(guarded)
	return sortFindings(out), guarded, nil
}

// iamModule is one module of the tree as the guard-rail check reads it.
type iamModule struct {
	m           *Module
	base        string
	locals      map[string]hclsyntax.Expression
	commonCalls map[string]bool // names of the module's calls of modules/common
	out         []Finding
	guarded     IAMGuarded
	src         map[string][]byte // file contents, read for messages
}

func checkIAMModule(base, dir string) ([]Finding, IAMGuarded, error) {
	m, err := Load(filepath.Join(base, dir))
	if err != nil {
		return nil, nil, err
	}
	im := &iamModule{m: m, base: base, locals: map[string]hclsyntax.Expression{}, commonCalls: map[string]bool{}, src: map[string][]byte{}}
	for _, b := range m.blocks("locals") {
		for name, attr := range b.Body.Attributes {
			im.locals[name] = attr.Expr
		}
	}
	for _, b := range m.blocks("module") {
		if call := m.Config.ModuleCalls[b.Labels[0]]; call != nil && isLocalSource(call.Source) && path.Base(strings.TrimSuffix(call.Source, "/")) == "common" {
			im.commonCalls[b.Labels[0]] = true
		}
	}

	needsRails := false
	for _, b := range m.blocks("resource") {
		if len(b.Labels) != 2 {
			continue
		}
		switch b.Labels[0] {
		case "aws_iam_role":
			needsRails = true
			im.guard(b, b.Labels[0]+"."+b.Labels[1])
			im.requireArg(b, "path", iamPathInput)
			im.requireArg(b, "permissions_boundary", iamBoundaryInput)
		case "aws_iam_instance_profile":
			needsRails = true
			im.guard(b, b.Labels[0]+"."+b.Labels[1])
			im.requireArg(b, "path", iamPathInput)
		}
	}

	for _, b := range m.blocks("module") {
		name := b.Labels[0]
		call := m.Config.ModuleCalls[name]
		if call == nil || im.commonCalls[name] {
			continue
		}
		what := "module." + name
		src := strings.ToLower(call.Source)
		switch {
		case src == eksRegistrySource:
			needsRails = true
			im.guard(b, what)
			for _, in := range eksRailInputs {
				im.requireArg(b, in.input, in.rail)
			}
			for _, in := range eksNodeGroupInputs {
				attr, ok := b.Body.Attributes[in]
				if !ok {
					continue
				}
				for _, rail := range []string{iamPathInput, iamBoundaryInput} {
					if !im.carries(attr.Expr, rail, map[string]bool{}) {
						im.add(attr.SrcRange, "%s: %s does not carry %s into its entries (merge %s into every node group, last, so none escapes it)", what, in, im.want(rail), im.want(rail))
					}
				}
			}
		case strings.HasPrefix(src, eksRegistrySource+"//"):
			needsRails = true
			im.guard(b, what)
			for _, in := range eksSubmoduleRailInputs {
				im.requireArg(b, in.input, in.rail)
			}
		case isLocalSource(call.Source):
			callee, err := Load(filepath.Join(m.Dir, filepath.FromSlash(call.Source)))
			if err != nil {
				return nil, nil, err
			}
			for _, rail := range []string{iamPathInput, iamBoundaryInput} {
				if _, declared := callee.Config.Variables[rail]; declared {
					needsRails = true
					im.guard(b, what)
					im.requireArg(b, rail, rail)
				}
			}
		}
	}

	// A module creating roles hands the caller's values to modules/common,
	// which checks them; a module without the call must take them as inputs.
	if needsRails {
		if len(im.commonCalls) == 0 {
			for _, rail := range []string{iamPathInput, iamBoundaryInput} {
				if _, declared := m.Config.Variables[rail]; !declared {
					im.add(hcl.Range{Filename: m.Dir}, "the module creates IAM roles but neither calls modules/common nor declares variable %q", rail)
				}
			}
		}
		for _, b := range m.blocks("module") {
			if !im.commonCalls[b.Labels[0]] {
				continue
			}
			for _, rail := range []string{iamPathInput, iamBoundaryInput} {
				attr, ok := b.Body.Attributes[rail]
				switch {
				case !ok:
					im.add(b.DefRange(), "module %q (modules/common) is not given %s: pass %s = var.%s, so the caller's value is checked and reaches the roles", b.Labels[0], rail, rail, rail)
				case !isVarTraversal(attr.Expr, rail):
					im.add(attr.SrcRange, "module %q (modules/common) gets %s = %s; it must be var.%s, the caller's own value", b.Labels[0], rail, im.text(attr.Expr), rail)
				}
			}
		}
	}
	return im.out, im.guarded, nil
}

func (im *iamModule) add(r hcl.Range, format string, args ...any) {
	file, line := relPos(im.base, r)
	im.out = append(im.out, Finding{File: file, Line: line, Check: "iam-guard-rails", Message: fmt.Sprintf(format, args...)})
}

func (im *iamModule) guard(b *hclsyntax.Block, what string) {
	file, line := relPos(im.base, b.DefRange())
	if entry := fmt.Sprintf("%s:%d %s", file, line, what); !slices.Contains(im.guarded, entry) {
		im.guarded = append(im.guarded, entry)
	}
}

// want names the value that must feed a guard rail in this module.
func (im *iamModule) want(rail string) string {
	for name := range im.commonCalls {
		return "module." + name + "." + rail
	}
	return "var." + rail
}

// wantWhy says where the value im.want names comes from.
func (im *iamModule) wantWhy() string {
	if len(im.commonCalls) == 0 {
		return "the caller's value, checked by its modules/common"
	}
	return "the value modules/common checked"
}

// requireArg reports the block unless it sets arg to a value fed from
// modules/common's rail.
func (im *iamModule) requireArg(b *hclsyntax.Block, arg, rail string) {
	what := b.Labels[0]
	if b.Type == "resource" {
		what = b.Labels[0] + "." + b.Labels[1]
	} else {
		what = "module." + what
	}
	attr, ok := b.Body.Attributes[arg]
	if !ok {
		im.add(b.DefRange(), "%s has no %s argument: set %s = %s (%s)", what, arg, arg, im.want(rail), im.wantWhy())
		return
	}
	if !im.fedFrom(attr.Expr, rail, map[string]bool{}) {
		im.add(attr.SrcRange, "%s sets %s = %s, which is not fed from modules/common's %s: set it to %s", what, arg, im.text(attr.Expr), rail, im.want(rail))
	}
}

// fedFrom tells whether expr is exactly a value fed from modules/common's
// rail (see the package comment above).
func (im *iamModule) fedFrom(expr hclsyntax.Expression, rail string, seen map[string]bool) bool {
	for {
		p, ok := expr.(*hclsyntax.ParenthesesExpr)
		if !ok {
			break
		}
		expr = p.Expression
	}
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return false
	}
	names := traversalNames(st.Traversal)
	if len(names) != len(st.Traversal) {
		return false // an index or a splat: not the value itself
	}
	switch {
	case len(names) == 3 && names[0] == "module" && im.commonCalls[names[1]] && names[2] == rail:
		return true
	case len(names) == 2 && names[0] == "local":
		def, ok := im.locals[names[1]]
		if !ok || seen[names[1]] {
			return false
		}
		seen[names[1]] = true
		return im.fedFrom(def, rail, seen)
	case len(names) == 2 && names[0] == "var" && names[1] == rail && len(im.commonCalls) == 0:
		_, declared := im.m.Config.Variables[rail]
		return declared
	}
	return false
}

// carries tells whether expr refers, directly or through locals, to a value
// fed from modules/common's rail: what a map of node groups built from the
// caller's groups can be held to.
func (im *iamModule) carries(expr hclsyntax.Expression, rail string, seen map[string]bool) bool {
	for _, tr := range expr.Variables() {
		names := traversalNames(tr)
		if len(names) < 2 {
			continue
		}
		ref := &hclsyntax.ScopeTraversalExpr{Traversal: tr[:len(names)]}
		if im.fedFrom(ref, rail, map[string]bool{}) {
			return true
		}
		if names[0] == "local" && !seen[names[1]] {
			seen[names[1]] = true
			if def, ok := im.locals[names[1]]; ok && im.carries(def, rail, seen) {
				return true
			}
		}
	}
	return false
}

// traversalNames returns the root and the attribute steps of a traversal up
// to its first index step.
func traversalNames(tr hcl.Traversal) []string {
	names := []string{tr.RootName()}
	for _, step := range tr[1:] {
		attr, ok := step.(hcl.TraverseAttr)
		if !ok {
			break
		}
		names = append(names, attr.Name)
	}
	return names
}

func isVarTraversal(expr hclsyntax.Expression, name string) bool {
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return false
	}
	names := traversalNames(st.Traversal)
	return len(names) == 2 && len(st.Traversal) == 2 && names[0] == "var" && names[1] == name
}

// text is the source of expr, for messages.
func (im *iamModule) text(expr hclsyntax.Expression) string {
	r := expr.Range()
	src, ok := im.src[r.Filename]
	if !ok {
		b, err := os.ReadFile(r.Filename)
		if err != nil {
			return "(expression)"
		}
		src = b
		im.src[r.Filename] = b
	}
	if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte >= r.End.Byte {
		return "(expression)"
	}
	return strings.Join(strings.Fields(string(src[r.Start.Byte:r.End.Byte])), " ")
}
