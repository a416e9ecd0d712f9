package verify

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/batch/types"
)

// BatchAPI is the part of the Batch client CheckJobQueue needs.
type BatchAPI interface {
	DescribeJobQueues(ctx context.Context, in *batch.DescribeJobQueuesInput, optFns ...func(*batch.Options)) (*batch.DescribeJobQueuesOutput, error)
	DescribeComputeEnvironments(ctx context.Context, in *batch.DescribeComputeEnvironmentsInput, optFns ...func(*batch.Options)) (*batch.DescribeComputeEnvironmentsOutput, error)
}

// ComputeEnvironment is what the deploy tests need to know about one compute
// environment behind the queue.
type ComputeEnvironment struct {
	Name string
	ARN  string
	// ResourceType is EC2, SPOT, FARGATE or FARGATE_SPOT.
	ResourceType types.CRType
}

// Fargate reports whether jobs on this environment need Fargate job definitions.
func (ce ComputeEnvironment) Fargate() bool {
	return ce.ResourceType == types.CRTypeFargate || ce.ResourceType == types.CRTypeFargateSpot
}

// QueueReport describes a healthy job queue.
type QueueReport struct {
	Name                string
	ComputeEnvironments []ComputeEnvironment
}

// CheckJobQueue checks that the queue (name or ARN) is ENABLED and VALID and that
// every compute environment it feeds is a MANAGED, ENABLED, VALID one.
// CREATING/UPDATING states wrap ErrNotReady.
func CheckJobQueue(ctx context.Context, api BatchAPI, queue string) (QueueReport, error) {
	if queue == "" {
		return QueueReport{}, fmt.Errorf("batch: job queue is empty (is METAFLOW_BATCH_JOB_QUEUE set by this example?)")
	}
	out, err := api.DescribeJobQueues(ctx, &batch.DescribeJobQueuesInput{JobQueues: []string{queue}})
	if err != nil {
		return QueueReport{}, fmt.Errorf("batch: describing job queue %s: %w", queue, err)
	}
	if len(out.JobQueues) != 1 {
		return QueueReport{}, fmt.Errorf("batch: job queue %s: found %d queues, want 1", queue, len(out.JobQueues))
	}
	q := out.JobQueues[0]
	name := aws.ToString(q.JobQueueName)
	switch q.Status {
	case types.JQStatusValid:
	case types.JQStatusCreating, types.JQStatusUpdating:
		return QueueReport{}, notReady("batch: job queue %s is %s", name, q.Status)
	default:
		return QueueReport{}, fmt.Errorf("batch: job queue %s status is %s (want VALID): %s", name, q.Status, aws.ToString(q.StatusReason))
	}
	if q.State != types.JQStateEnabled {
		return QueueReport{}, fmt.Errorf("batch: job queue %s state is %s, want ENABLED", name, q.State)
	}
	if len(q.ComputeEnvironmentOrder) == 0 {
		return QueueReport{}, fmt.Errorf("batch: job queue %s has no compute environment", name)
	}

	arns := make([]string, 0, len(q.ComputeEnvironmentOrder))
	for _, o := range q.ComputeEnvironmentOrder {
		arns = append(arns, aws.ToString(o.ComputeEnvironment))
	}
	ceOut, err := api.DescribeComputeEnvironments(ctx, &batch.DescribeComputeEnvironmentsInput{ComputeEnvironments: arns})
	if err != nil {
		return QueueReport{}, fmt.Errorf("batch: describing compute environments of %s: %w", name, err)
	}
	byARN := make(map[string]types.ComputeEnvironmentDetail, len(ceOut.ComputeEnvironments))
	for _, ce := range ceOut.ComputeEnvironments {
		byARN[aws.ToString(ce.ComputeEnvironmentArn)] = ce
	}

	report := QueueReport{Name: name}
	for _, arn := range arns {
		ce, ok := byARN[arn]
		if !ok {
			return QueueReport{}, fmt.Errorf("batch: compute environment %s of queue %s not found", arn, name)
		}
		ceName := aws.ToString(ce.ComputeEnvironmentName)
		switch ce.Status {
		case types.CEStatusValid:
		case types.CEStatusCreating, types.CEStatusUpdating:
			return QueueReport{}, notReady("batch: compute environment %s is %s", ceName, ce.Status)
		default:
			return QueueReport{}, fmt.Errorf("batch: compute environment %s status is %s (want VALID): %s", ceName, ce.Status, aws.ToString(ce.StatusReason))
		}
		if ce.State != types.CEStateEnabled {
			return QueueReport{}, fmt.Errorf("batch: compute environment %s state is %s, want ENABLED", ceName, ce.State)
		}
		if ce.Type != types.CETypeManaged {
			return QueueReport{}, fmt.Errorf("batch: compute environment %s type is %s, want MANAGED", ceName, ce.Type)
		}
		if ce.ComputeResources == nil {
			return QueueReport{}, fmt.Errorf("batch: compute environment %s has no compute resources", ceName)
		}
		report.ComputeEnvironments = append(report.ComputeEnvironments, ComputeEnvironment{
			Name:         ceName,
			ARN:          arn,
			ResourceType: ce.ComputeResources.Type,
		})
	}
	return report, nil
}
