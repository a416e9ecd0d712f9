package deploy

import (
	"regexp"
	"testing"

	"github.com/gruntwork-io/terratest/modules/terraform"
)

// TestRetryableErrors: the messages AWS really returns for transient states
// match a pattern (so apply/destroy retries), and real configuration or
// permission errors do not (so they fail at once, not after minutes).
func TestRetryableErrors(t *testing.T) {
	all := RetryableErrors()
	for k := range terraform.DefaultRetryableTerraformErrors {
		if _, ok := all[k]; !ok {
			t.Errorf("Terratest's default %q dropped", k)
		}
	}
	var res []*regexp.Regexp
	for k := range all {
		res = append(res, regexp.MustCompile(k))
	}
	matches := func(msg string) bool {
		for _, re := range res {
			if re.MatchString(msg) {
				return true
			}
		}
		return false
	}
	retry := []string{
		"Error: creating Batch Compute Environment (mfdt-x-cpu): ClientException: arn:aws:iam::000000000000:role/mfdt-x-batch is not authorized to perform: sts:AssumeRole on resource",
		"Error: creating Lambda Function (mfdt-x-migrate): InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda.",
		"Error: deleting EC2 Subnet (subnet-0abc): DependencyViolation: The subnet 'subnet-0abc' has dependencies and cannot be deleted.",
		"Error: deleting EC2 Security Group (sg-0abc): DependencyViolation: resource sg-0abc has a dependent object",
		"Error: deleting RDS DB Subnet Group: InvalidParameterValue: Network interface eni-0abc is in use",
		"Error: creating Batch Job Queue: ClientException: computeEnvironment arn:aws:batch:us-west-2:000000000000:compute-environment/x is not VALID",
		"Error: updating Batch Compute Environment: ClientException: Cannot update, compute environment x is in INVALID state",
		"Error: reading IAM Role: ThrottlingException: Rate exceeded",
		"Error: creating EC2 VPC: RequestLimitExceeded: Request limit exceeded.",
	}
	final := []string{
		"Error: creating Batch Compute Environment: ClientException: Instance type can only be one of [...]",
		"Error: creating IAM Role: AccessDenied: User: arn:aws:sts::000000000000:assumed-role/ci is not authorized to perform: iam:CreateRole",
		"Error: creating RDS DB Instance: InvalidParameterCombination: RDS does not support creating a DB instance with the following combination",
		"Error: Invalid value for variable resource_suffix",
		"Error: creating ELBv2 Listener: CertificateNotFound: Certificate not found",
	}
	for _, m := range retry {
		if !matches(m) {
			t.Errorf("transient error not retried: %s", m)
		}
	}
	for _, m := range final {
		if matches(m) {
			t.Errorf("real error would be retried: %s", m)
		}
	}
	if tfMaxRetries < 1 || tfTimeBetweenRetries <= 0 {
		t.Fatalf("retry budget %d x %s", tfMaxRetries, tfTimeBetweenRetries)
	}
}
