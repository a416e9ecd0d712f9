// Package deploy is the third test layer: one Terratest test per example
// (TestDeployMinimal, TestDeployBasicAWSManaged, TestDeployBasicEKS, the
// last only with METAFLOW_TEST_EKS=1) that applies it to a real AWS account
// with a unique run id, checks what it built with aws-sdk-go-v2 and HTTP
// probes (the checks live in test/verify), destroys it and audits the
// account for anything still carrying the run tag.
//
// The stages are Terratest's (test_structure.RunTestStage): deploy,
// validate, e2e (METAFLOW_TEST_E2E=1) and teardown, each skipped by
// SKIP_<stage>=1. With any SKIP_ set the workspace is stable
// (StableWorkspaceRoot) and the run is saved in it, so SKIP_teardown=1 leaves
// a stack up and a later SKIP_deploy=1 SKIP_validate=1 tears the same one down.
//
// Each test skips with a one-line reason when it cannot run: no AWS
// credentials, the Terraform registry unreachable, a go test -timeout too
// short to deploy, validate and always tear down (make test-aws passes
// -timeout 120m), or an opt-in variable unset. See README.md here.
//
// The non-test files hold the logic the tests gate, name, write and report
// with, so it is unit-tested offline like the checks.
package deploy
