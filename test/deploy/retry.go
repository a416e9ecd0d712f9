package deploy

import (
	"maps"
	"time"

	"github.com/gruntwork-io/terratest/modules/terraform"
)

// Terraform errors worth another apply or destroy: AWS eventual consistency
// and races the provider does not retry itself. Keys are regular expressions
// matched against terraform's output (Terratest's RetryableTerraformErrors);
// values say why a retry is expected to help. Everything else fails at once.
var awsRetryableErrors = map[string]string{
	// IAM: a new role or policy takes seconds to reach every service.
	`is not authorized to perform: sts:AssumeRole`:                                          "IAM eventual consistency: a new role is not yet assumable.",
	`The role defined for the function cannot be assumed by Lambda`:                         "IAM eventual consistency: Lambda cannot assume the new role yet.",
	`InvalidParameterValueException: The provided execution role does not have permissions`: "IAM eventual consistency: Lambda does not see the role's new policy yet.",
	// VPC teardown: Lambda and ECS ENIs release their subnets and security
	// groups minutes after the function or service is gone.
	`DependencyViolation`: "A subnet or security group is still held by an ENI being released.",
	`InvalidParameterValue:.*(is in use|currently in use)`:            "An ENI or address is still attached while its owner shuts down.",
	`InvalidNetworkInterfaceID.NotFound|InvalidAttachmentID.NotFound`: "An ENI disappeared between listing and detaching it.",
	// RDS: the subnet group or instance is between states.
	`InvalidDBSubnetGroupStateFault|InvalidDBInstanceState|InvalidDBClusterStateFault`: "RDS resource busy with another operation.",
	// Batch: the compute environment is updated/validated asynchronously and
	// a queue or a second update racing it is refused.
	`(?i:compute ?environment).*(INVALID|UPDATING|is not (in a )?VALID)`: "Batch compute environment still settling.",
	`(?i)cannot delete, found existing JobQueue relationship`:            "Batch job queue still detaching from the compute environment.",
	// ECS: a service still draining when its cluster is deleted.
	`ClusterContainsServicesException|ClusterContainsTasksException`: "ECS tasks still stopping.",
	// Throttling anywhere.
	`ThrottlingException|Throttling: Rate exceeded|RequestLimitExceeded|TooManyRequestsException|Rate exceeded`: "AWS API rate limiting.",
}

// Retry budget for terraform apply/destroy: enough for IAM (seconds) and ENI
// release (up to ~20 minutes for Lambda ENIs) without hiding real errors.
const (
	tfMaxRetries         = 4
	tfTimeBetweenRetries = 90 * time.Second
)

// RetryableErrors is Terratest's default set (provider download hiccups,
// inconsistent results after apply) plus awsRetryableErrors.
func RetryableErrors() map[string]string {
	all := maps.Clone(terraform.DefaultRetryableTerraformErrors)
	maps.Copy(all, awsRetryableErrors)
	return all
}
