package static

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-config-inspect/tfconfig"
	"github.com/zclconf/go-cty/cty"
)

// CheckHygiene checks the module in dir (relative to base):
//   - every variable has a type and a description;
//   - every output has a description;
//   - versions.tf exists and its terraform block sets required_version;
//   - every provider the module uses is listed in required_providers with a
//     source and a pinned version (see Pinned);
//   - every registry module call has a pinned version.
func CheckHygiene(base, dir string) ([]Finding, error) {
	m, err := Load(filepath.Join(base, dir))
	if err != nil {
		return nil, err
	}
	var out []Finding
	add := func(file string, line int, format string, args ...any) {
		out = append(out, Finding{File: relFile(base, file), Line: line, Check: "hygiene", Message: fmt.Sprintf(format, args...)})
	}

	for _, b := range m.blocks("variable") {
		name := b.Labels[0]
		if _, ok := b.Body.Attributes["type"]; !ok {
			add(b.DefRange().Filename, b.DefRange().Start.Line, "variable %q has no type", name)
		}
		if !hasNonEmptyString(b.Body, "description") {
			add(b.DefRange().Filename, b.DefRange().Start.Line, "variable %q has no description", name)
		}
	}
	for _, b := range m.blocks("output") {
		if !hasNonEmptyString(b.Body, "description") {
			add(b.DefRange().Filename, b.DefRange().Start.Line, "output %q has no description", b.Labels[0])
		}
	}

	versionsPath := filepath.Join(m.Dir, "versions.tf")
	declared := map[string]bool{}
	if _, err := os.Stat(versionsPath); err != nil {
		add(m.Dir, 0, "module has no versions.tf")
	} else {
		checkVersionsFile(m.Files[versionsPath], versionsPath, declared, add)
	}

	// Providers used by resources but missing from required_providers.
	for _, rs := range []map[string]*resourceRef{managed(m), data(m)} {
		for _, key := range slices.Sorted(maps.Keys(rs)) {
			r := rs[key]
			// terraform_data and friends come from the built-in provider.
			if r.provider != "terraform" && !declared[r.provider] {
				add(r.file, r.line, "%s uses provider %q, which versions.tf does not list in required_providers", key, r.provider)
				declared[r.provider] = true // report each provider once
			}
		}
	}

	for _, b := range m.blocks("module") {
		call := m.Config.ModuleCalls[b.Labels[0]]
		if call == nil || !isRegistrySource(call.Source) {
			continue
		}
		r := b.DefRange()
		if call.Version == "" {
			add(r.Filename, r.Start.Line, "registry module %q (%s) has no version constraint", call.Name, call.Source)
		} else if !Pinned(call.Version) {
			add(r.Filename, r.Start.Line, "registry module %q (%s) version %q is not pinned (use an exact version, ~> or an upper bound)", call.Name, call.Source, call.Version)
		}
	}
	return sortFindings(out), nil
}

func checkVersionsFile(body *hclsyntax.Body, path string, declared map[string]bool, add func(string, int, string, ...any)) {
	var tf *hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type == "terraform" {
			tf = b
			break
		}
	}
	if tf == nil {
		add(path, 1, "versions.tf has no terraform block")
		return
	}
	if _, ok := tf.Body.Attributes["required_version"]; !ok {
		add(path, tf.DefRange().Start.Line, "terraform block has no required_version")
	}
	for _, rp := range tf.Body.Blocks {
		if rp.Type != "required_providers" {
			continue
		}
		for _, name := range sortedAttrNames(rp.Body) {
			attr := rp.Body.Attributes[name]
			declared[name] = true
			line := attr.SrcRange.Start.Line
			val, diags := attr.Expr.Value(nil)
			if diags.HasErrors() || !val.Type().IsObjectType() {
				add(path, line, "required_providers.%s must be an object with source and version", name)
				continue
			}
			source, version := objString(val, "source"), objString(val, "version")
			if source == "" {
				add(path, line, "required_providers.%s has no source", name)
			}
			switch {
			case version == "":
				add(path, line, "required_providers.%s has no version constraint", name)
			case !Pinned(version):
				add(path, line, "required_providers.%s version %q is not pinned (use ~>, an exact version or an upper bound)", name, version)
			}
		}
	}
}

var exactVersion = regexp.MustCompile(`^=?\s*v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// Pinned tells whether a version constraint bounds the major version: an
// exact version, a pessimistic ~> constraint, or an upper bound with <.
func Pinned(constraint string) bool {
	for _, part := range strings.Split(constraint, ",") {
		part = strings.TrimSpace(part)
		if strings.HasPrefix(part, "~>") || strings.HasPrefix(part, "<") || exactVersion.MatchString(part) {
			return true
		}
	}
	return false
}

// isRegistrySource tells whether a module source is a registry address
// (NAMESPACE/NAME/PROVIDER, optionally prefixed by a hostname).
func isRegistrySource(src string) bool {
	if isLocalSource(src) || strings.Contains(src, "::") || strings.Contains(src, "://") {
		return false
	}
	if strings.HasPrefix(src, "github.com/") || strings.HasPrefix(src, "bitbucket.org/") {
		return false // Terraform's shorthands for Git repositories
	}
	parts := strings.Split(strings.SplitN(src, "//", 2)[0], "/")
	switch len(parts) {
	case 3: // NAMESPACE/NAME/PROVIDER; a namespace has no dot
		return !strings.Contains(parts[0], ".")
	case 4: // HOSTNAME/NAMESPACE/NAME/PROVIDER
		return strings.Contains(parts[0], ".")
	}
	return false
}

func hasNonEmptyString(body *hclsyntax.Body, name string) bool {
	attr, ok := body.Attributes[name]
	if !ok {
		return false
	}
	val, diags := attr.Expr.Value(nil)
	if diags.HasErrors() || val.IsNull() || !val.IsKnown() {
		return true // an expression we cannot evaluate statically still counts as given
	}
	return !val.Type().Equals(cty.String) || strings.TrimSpace(val.AsString()) != ""
}

func objString(obj cty.Value, name string) string {
	if !obj.Type().HasAttribute(name) {
		return ""
	}
	v := obj.GetAttr(name)
	if v.IsNull() || !v.IsKnown() || !v.Type().Equals(cty.String) {
		return ""
	}
	return strings.TrimSpace(v.AsString())
}

type resourceRef struct {
	provider string
	file     string
	line     int
}

func managed(m *Module) map[string]*resourceRef { return resources(m.Config.ManagedResources) }
func data(m *Module) map[string]*resourceRef    { return resources(m.Config.DataResources) }

func resources(in map[string]*tfconfig.Resource) map[string]*resourceRef {
	out := make(map[string]*resourceRef, len(in))
	for key, r := range in {
		out[key] = &resourceRef{provider: r.Provider.Name, file: r.Pos.Filename, line: r.Pos.Line}
	}
	return out
}
