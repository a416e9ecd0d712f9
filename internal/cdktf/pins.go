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
// upstream; their successors, CDK Terrain's @cdktn/provider-*, are taken
// where they exist (npm view, 2026-12-03: aws, archive, random). hashicorp/aws
// is pinned at 6.25.0, older than the module's `>= 6.28` floor (the
// dev_overrides installation ignores version constraints), and validated
// against AWSNewest as well, so both ends of the range we can reach are
// checked (see CONTRIBUTING.md "Offline validation").
var Pins = []Pin{
	{Name: "aws", Package: "@cdktf/provider-aws", Version: "21.22.1", Source: "registry.terraform.io/hashicorp/aws", ProviderVersion: "6.25.0"},
	{Name: "archive", Package: "@cdktn/provider-archive", Version: "14.0.1", Source: "registry.terraform.io/hashicorp/archive", ProviderVersion: "2.8.1"},
	{Name: "helm", Package: "@cdktf/provider-helm", Version: "12.1.2", Source: "registry.terraform.io/hashicorp/helm", ProviderVersion: "3.1.1", NestedAttributes: true},
	{Name: "kubernetes", Package: "@cdktf/provider-kubernetes", Version: "12.1.1", Source: "registry.terraform.io/hashicorp/kubernetes", ProviderVersion: "2.38.0"},
	{Name: "local", Package: "@cdktf/provider-local", Version: "11.1.1", Source: "registry.terraform.io/hashicorp/local", ProviderVersion: "2.6.1"},
	{Name: "null", Package: "@cdktf/provider-null", Version: "11.0.1", Source: "registry.terraform.io/hashicorp/null", ProviderVersion: "3.2.4"},
	{Name: "random", Package: "@cdktn/provider-random", Version: "15.0.1", Source: "registry.terraform.io/hashicorp/random", ProviderVersion: "3.9.1"},
	{Name: "time", Package: "@cdktf/provider-time", Version: "11.0.1", Source: "registry.terraform.io/hashicorp/time", ProviderVersion: "0.13.1"},
	{Name: "tls", Package: "@cdktf/provider-tls", Version: "11.0.1", Source: "registry.terraform.io/hashicorp/tls", ProviderVersion: "4.1.0"},
}

// AWSNewest is the newest generated hashicorp/aws schema: `make
// validate-offline` validates every configuration against it too.
var AWSNewest = Pin{Name: "aws", Package: "@cdktn/provider-aws", Version: "25.7.0", Source: "registry.terraform.io/hashicorp/aws", ProviderVersion: "6.66.0"}

// allPins is every schema EnsureAll fetches.
func allPins() []Pin { return append(append([]Pin{}, Pins...), AWSNewest) }

// PinFor returns the pin of a local provider name.
func PinFor(name string) (Pin, bool) {
	for _, p := range Pins {
		if p.Name == name {
			return p, true
		}
	}
	return Pin{}, false
}
