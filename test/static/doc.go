// Package static holds the checks of the static test layer: they read the
// Terraform configuration with terraform-config-inspect and hcl/v2 only, so
// they run in milliseconds and need neither a provider nor the network.
//
// Each check returns Findings that name the file and line of the problem;
// the tests in the parent package run them on the repository and prove each
// one fails on a broken fixture under test/testdata.
package static
