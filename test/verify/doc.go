// Package verify holds the checks the deploy tests run against a stack that
// Terraform has just applied: Batch queue and compute environment, a smoke job,
// the database (CheckDatabase: instance or Aurora, engine, major version,
// subnets), S3, the Step Functions table and role trust, every value of the
// Metaflow profile (CheckProfileResources), the metadata API over HTTP (ping,
// a flow/run round trip as the client makes it, refusal without the key,
// GetWithBackoff while it warms up), the UI (its page, its /api backend,
// unreachable from outside the allow list), EKS and the Helm releases
// recorded in Terraform state, and, end to end, real Metaflow flows
// (RunE2EFlow with --with batch or --with kubernetes, RunArgoE2EFlow on Argo
// Workflows with the kubeconfig WriteKubeconfig writes and, outside the VPC,
// a kubectl PortForward to the metadata service). BatchJobReasons,
// ECSStoppedTaskReasons and LogTail collect what a human reads first when a
// check fails.
//
// Every check takes the smallest interface of the AWS client (or HTTP client)
// it needs, so the same code that runs against a real account is unit-tested
// offline with fakes. A check returns an error that says what it saw; errors
// that mean "not there yet" wrap ErrNotReady so callers can wait with
// WaitFor instead of failing on eventual consistency.
//
// Nothing here logs secrets: callers pass secret header values separately and
// every error built from a response body has them masked out.
package verify
