package verify

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/batch/types"
)

type fakeBatch struct {
	queues   []types.JobQueueDetail
	ces      []types.ComputeEnvironmentDetail
	queueErr error
	ceErr    error
	ceAsked  []string
}

func (f *fakeBatch) DescribeJobQueues(_ context.Context, in *batch.DescribeJobQueuesInput, _ ...func(*batch.Options)) (*batch.DescribeJobQueuesOutput, error) {
	if f.queueErr != nil {
		return nil, f.queueErr
	}
	var out []types.JobQueueDetail
	for _, q := range f.queues {
		for _, want := range in.JobQueues {
			if aws.ToString(q.JobQueueArn) == want || aws.ToString(q.JobQueueName) == want {
				out = append(out, q)
			}
		}
	}
	return &batch.DescribeJobQueuesOutput{JobQueues: out}, nil
}

func (f *fakeBatch) DescribeComputeEnvironments(_ context.Context, in *batch.DescribeComputeEnvironmentsInput, _ ...func(*batch.Options)) (*batch.DescribeComputeEnvironmentsOutput, error) {
	f.ceAsked = append(f.ceAsked, in.ComputeEnvironments...)
	if f.ceErr != nil {
		return nil, f.ceErr
	}
	var out []types.ComputeEnvironmentDetail
	for _, ce := range f.ces {
		for _, want := range in.ComputeEnvironments {
			if aws.ToString(ce.ComputeEnvironmentArn) == want {
				out = append(out, ce)
			}
		}
	}
	return &batch.DescribeComputeEnvironmentsOutput{ComputeEnvironments: out}, nil
}

const (
	queueARN = "arn:aws:batch:us-west-2:000000000000:job-queue/mf-batch-queue"
	ceARN    = "arn:aws:batch:us-west-2:000000000000:compute-environment/mf-batch-1"
)

func goodQueue() types.JobQueueDetail {
	return types.JobQueueDetail{
		JobQueueArn:             aws.String(queueARN),
		JobQueueName:            aws.String("mf-batch-queue"),
		State:                   types.JQStateEnabled,
		Status:                  types.JQStatusValid,
		ComputeEnvironmentOrder: []types.ComputeEnvironmentOrder{{ComputeEnvironment: aws.String(ceARN), Order: aws.Int32(1)}},
	}
}

func goodCE(crType types.CRType) types.ComputeEnvironmentDetail {
	return types.ComputeEnvironmentDetail{
		ComputeEnvironmentArn:  aws.String(ceARN),
		ComputeEnvironmentName: aws.String("mf-batch-1"),
		State:                  types.CEStateEnabled,
		Status:                 types.CEStatusValid,
		Type:                   types.CETypeManaged,
		ComputeResources:       &types.ComputeResource{Type: crType},
	}
}

func TestCheckJobQueue(t *testing.T) {
	tests := []struct {
		name         string
		queue        string
		mutQueue     func(*types.JobQueueDetail)
		mutCE        func(*types.ComputeEnvironmentDetail)
		crType       types.CRType
		noCE         bool
		queueErr     error
		wantErr      string
		wantNotReady bool
		wantFargate  bool
	}{
		{name: "valid EC2 queue", queue: queueARN, crType: types.CRTypeEc2},
		{name: "valid Fargate queue by name", queue: "mf-batch-queue", crType: types.CRTypeFargate, wantFargate: true},
		{name: "Fargate Spot counts as Fargate", queue: queueARN, crType: types.CRTypeFargateSpot, wantFargate: true},
		{name: "empty queue output", queue: "", wantErr: "job queue is empty"},
		{name: "queue not found", queue: "arn:other", wantErr: "found 0 queues"},
		{name: "describe fails", queue: queueARN, queueErr: errors.New("AccessDenied"), wantErr: "AccessDenied"},
		{name: "queue still creating", queue: queueARN, mutQueue: func(q *types.JobQueueDetail) { q.Status = types.JQStatusCreating }, wantErr: "CREATING", wantNotReady: true},
		{name: "queue invalid says why", queue: queueARN, mutQueue: func(q *types.JobQueueDetail) {
			q.Status = types.JQStatusInvalid
			q.StatusReason = aws.String("CLIENT_ERROR - compute environment is INVALID")
		}, wantErr: "compute environment is INVALID"},
		{name: "queue disabled", queue: queueARN, mutQueue: func(q *types.JobQueueDetail) { q.State = types.JQStateDisabled }, wantErr: "want ENABLED"},
		{name: "queue without compute environment", queue: queueARN, mutQueue: func(q *types.JobQueueDetail) { q.ComputeEnvironmentOrder = nil }, wantErr: "no compute environment"},
		{name: "compute environment missing", queue: queueARN, noCE: true, wantErr: "not found"},
		{name: "compute environment updating", queue: queueARN, crType: types.CRTypeEc2, mutCE: func(c *types.ComputeEnvironmentDetail) { c.Status = types.CEStatusUpdating }, wantErr: "UPDATING", wantNotReady: true},
		{name: "compute environment invalid says why", queue: queueARN, crType: types.CRTypeEc2, mutCE: func(c *types.ComputeEnvironmentDetail) {
			c.Status = types.CEStatusInvalid
			c.StatusReason = aws.String("CLIENT_ERROR - The security group does not exist")
		}, wantErr: "security group does not exist"},
		{name: "compute environment disabled", queue: queueARN, crType: types.CRTypeEc2, mutCE: func(c *types.ComputeEnvironmentDetail) { c.State = types.CEStateDisabled }, wantErr: "DISABLED"},
		{name: "unmanaged compute environment", queue: queueARN, crType: types.CRTypeEc2, mutCE: func(c *types.ComputeEnvironmentDetail) { c.Type = types.CETypeUnmanaged }, wantErr: "want MANAGED"},
		{name: "compute environment without resources", queue: queueARN, mutCE: func(c *types.ComputeEnvironmentDetail) { c.ComputeResources = nil }, wantErr: "no compute resources"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := goodQueue()
			if tc.mutQueue != nil {
				tc.mutQueue(&q)
			}
			ce := goodCE(tc.crType)
			if tc.mutCE != nil {
				tc.mutCE(&ce)
			}
			f := &fakeBatch{queues: []types.JobQueueDetail{q}, queueErr: tc.queueErr}
			if !tc.noCE {
				f.ces = []types.ComputeEnvironmentDetail{ce}
			}
			report, err := CheckJobQueue(context.Background(), f, tc.queue)
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
			if tc.wantErr != "" {
				return
			}
			if len(report.ComputeEnvironments) != 1 {
				t.Fatalf("got %d compute environments, want 1", len(report.ComputeEnvironments))
			}
			if got := report.ComputeEnvironments[0].Fargate(); got != tc.wantFargate {
				t.Fatalf("Fargate() = %t, want %t", got, tc.wantFargate)
			}
			if len(f.ceAsked) != 1 || f.ceAsked[0] != ceARN {
				t.Fatalf("asked for compute environments %v, want the queue's %s", f.ceAsked, ceARN)
			}
		})
	}
}
