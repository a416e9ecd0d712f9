package cdktf

// Pin is one provider whose schema we extract: the exact npm package version
// and the provider version that package was generated from (its package.json
// `cdktf.provider.version`; extraction fails if they disagree).
type Pin struct {
	Name            string // local provider name: aws, random, ...
	Package         string // npm package
	Version         string // exact npm version
	Source          string // provider source address as Terraform writes it
	ProviderVersion string
	// NestedAttributes: see Options.NestedAttributes (plugin-framework
	// providers that use nested attributes instead of blocks).
	NestedAttributes bool
}

// Pins lists every provider the module, its submodules, its examples and the
// registry-module stand-ins use. @cdktf/provider-* packages are deprecated
// upstream; these are the newest published versions (npm view, 2026-11-25).
// hashicorp/aws 6.25.0 is older than the module's `>= 6.28` constraint: the
// dev_overrides installation ignores version constraints, and arguments added
// after 6.25.0 are reported as unknown (see README "Offline validation").
var Pins = []Pin{
	{Name: "aws", Package: "@cdktf/provider-aws", Version: "21.22.1", Source: "registry.terraform.io/hashicorp/aws", ProviderVersion: "6.25.0"},
	{Name: "archive", Package: "@cdktf/provider-archive", Version: "11.0.1", Source: "registry.terraform.io/hashicorp/archive", ProviderVersion: "2.7.1"},
	{Name: "helm", Package: "@cdktf/provider-helm", Version: "12.1.2", Source: "registry.terraform.io/hashicorp/helm", ProviderVersion: "3.1.1", NestedAttributes: true},
	{Name: "kubernetes", Package: "@cdktf/provider-kubernetes", Version: "12.1.1", Source: "registry.terraform.io/hashicorp/kubernetes", ProviderVersion: "2.38.0"},
	{Name: "local", Package: "@cdktf/provider-local", Version: "11.1.1", Source: "registry.terraform.io/hashicorp/local", ProviderVersion: "2.6.1"},
	{Name: "null", Package: "@cdktf/provider-null", Version: "11.0.1", Source: "registry.terraform.io/hashicorp/null", ProviderVersion: "3.2.4"},
	{Name: "random", Package: "@cdktf/provider-random", Version: "12.0.1", Source: "registry.terraform.io/hashicorp/random", ProviderVersion: "3.7.2"},
	{Name: "time", Package: "@cdktf/provider-time", Version: "11.0.1", Source: "registry.terraform.io/hashicorp/time", ProviderVersion: "0.13.1"},
	{Name: "tls", Package: "@cdktf/provider-tls", Version: "11.0.1", Source: "registry.terraform.io/hashicorp/tls", ProviderVersion: "4.1.0"},
}

// PinFor returns the pin of a local provider name.
func PinFor(name string) (Pin, bool) {
	for _, p := range Pins {
		if p.Name == name {
			return p, true
		}
	}
	return Pin{}, false
}
