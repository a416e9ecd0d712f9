// Package verify holds the checks the deploy tests run against a stack that
// Terraform has just applied: Batch queue and compute environment, a smoke job,
// RDS, S3, the metadata API over HTTP, the UI load balancer, EKS and the Helm
// releases recorded in Terraform state.
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
