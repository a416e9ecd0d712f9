// Package deploy is the third test layer: one Terratest test per example
// (TestDeployMinimal, TestDeployBasicAWSManaged, TestDeployBasicEKS) that
// applies it to a real AWS account, checks what it built with aws-sdk-go-v2
// and HTTP probes (the checks live in test/verify), and always
// destroys it.
//
// Each test skips with a one-line reason when it cannot run: no AWS
// credentials, the Terraform registry unreachable, or a go test -timeout too
// short to apply, check and destroy (run `make test-aws`, which passes
// -timeout 90m). See README.md in this directory.
//
// The non-test files hold the logic the tests gate and report with, so it is
// unit-tested offline like the checks.
package deploy
