package verify

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/batch/types"
)

// BatchJobAPI is the part of the Batch client RunSmokeJob needs.
type BatchJobAPI interface {
	RegisterJobDefinition(ctx context.Context, in *batch.RegisterJobDefinitionInput, optFns ...func(*batch.Options)) (*batch.RegisterJobDefinitionOutput, error)
	DeregisterJobDefinition(ctx context.Context, in *batch.DeregisterJobDefinitionInput, optFns ...func(*batch.Options)) (*batch.DeregisterJobDefinitionOutput, error)
	SubmitJob(ctx context.Context, in *batch.SubmitJobInput, optFns ...func(*batch.Options)) (*batch.SubmitJobOutput, error)
	DescribeJobs(ctx context.Context, in *batch.DescribeJobsInput, optFns ...func(*batch.Options)) (*batch.DescribeJobsOutput, error)
	TerminateJob(ctx context.Context, in *batch.TerminateJobInput, optFns ...func(*batch.Options)) (*batch.TerminateJobOutput, error)
}

// SmokeJobImage is a tiny public image every region can pull when the compute
// environment has a route to the internet (NAT or public IP), which is part of
// what the smoke job proves.
const SmokeJobImage = "public.ecr.aws/docker/library/busybox:1.37"

// SmokeJob describes the job RunSmokeJob registers and runs.
type SmokeJob struct {
	// Name is used for the job definition and the job; it should carry the
	// run's unique prefix.
	Name  string
	Queue string
	// Image defaults to SmokeJobImage.
	Image string
	// Command defaults to echoing one line.
	Command []string
	// Environment is given at submission (container overrides), not in the
	// job definition, so a definition left behind holds none of it.
	Environment map[string]string
	// Fargate selects a Fargate job definition (needs ExecutionRoleARN).
	Fargate bool
	// AssignPublicIP is for Fargate jobs in public subnets without NAT.
	AssignPublicIP   bool
	JobRoleARN       string
	ExecutionRoleARN string
	// Tags go on the job definition and the job, so a definition left
	// behind by a failed deregister is found by the run's tag.
	Tags map[string]string
	// PollInterval defaults to 15s.
	PollInterval time.Duration
	// Logf receives one line per status change; nil discards.
	Logf func(format string, args ...any)
}

// SmokeJobResult says how the job went.
type SmokeJobResult struct {
	JobID string
	// Statuses lists each status the job was seen in, in order.
	Statuses []types.JobStatus
	// RunnableFor is how long the job waited in RUNNABLE (for capacity).
	RunnableFor time.Duration
	Duration    time.Duration
	// LogStreamName is the job's CloudWatch Logs stream in SmokeJobLogGroup,
	// once its container started; "" before.
	LogStreamName string
}

// SmokeJobLogGroup is where Batch's awslogs driver writes a job's output
// when its definition sets no log configuration.
const SmokeJobLogGroup = "/aws/batch/job"

// RunSmokeJob registers a one-shot job definition that echoes a line, submits it
// to the queue, and waits until it SUCCEEDED. The job definition is deregistered
// on the way out whatever happens, and a job still queued when ctx ends is
// terminated, so the queue can be destroyed. A job that never leaves RUNNABLE
// is the defect users report with the minimal example (no capacity can be
// placed: subnets without a route out, wrong AMI or instance types): the error
// says so.
func RunSmokeJob(ctx context.Context, api BatchJobAPI, job SmokeJob) (result SmokeJobResult, err error) {
	if job.Name == "" || job.Queue == "" {
		return result, errors.New("batch smoke job: Name and Queue are required")
	}
	if job.Fargate && job.ExecutionRoleARN == "" {
		return result, errors.New("batch smoke job: a Fargate job needs ExecutionRoleARN (METAFLOW_ECS_FARGATE_EXECUTION_ROLE)")
	}
	logf := job.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	interval := job.PollInterval
	if interval <= 0 {
		interval = 15 * time.Second
	}
	start := time.Now()

	defOut, err := api.RegisterJobDefinition(ctx, smokeJobDefinition(job))
	if err != nil {
		return result, fmt.Errorf("batch smoke job: registering job definition %s: %w", job.Name, err)
	}
	defARN := aws.ToString(defOut.JobDefinitionArn)
	defer func() {
		// Cleanup must run even when ctx has ended.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		if _, derr := api.DeregisterJobDefinition(cctx, &batch.DeregisterJobDefinitionInput{JobDefinition: aws.String(defARN)}); derr != nil {
			err = errors.Join(err, fmt.Errorf("batch smoke job: deregistering %s: %w", defARN, derr))
		}
	}()

	submit := &batch.SubmitJobInput{
		JobName:       aws.String(job.Name),
		JobQueue:      aws.String(job.Queue),
		JobDefinition: aws.String(defARN),
		Tags:          job.Tags,
	}
	if len(job.Environment) > 0 {
		env := make([]types.KeyValuePair, 0, len(job.Environment))
		for _, k := range slices.Sorted(maps.Keys(job.Environment)) {
			env = append(env, types.KeyValuePair{Name: aws.String(k), Value: aws.String(job.Environment[k])})
		}
		submit.ContainerOverrides = &types.ContainerOverrides{Environment: env}
	}
	sub, err := api.SubmitJob(ctx, submit)
	if err != nil {
		return result, fmt.Errorf("batch smoke job: submitting to %s: %w", job.Queue, err)
	}
	result.JobID = aws.ToString(sub.JobId)
	logf("batch smoke job %s submitted to %s", result.JobID, job.Queue)

	var (
		last          types.JobDetail
		runnableSince time.Time
	)
	waitErr := WaitFor(ctx, interval, func(ctx context.Context) error {
		out, err := api.DescribeJobs(ctx, &batch.DescribeJobsInput{Jobs: []string{result.JobID}})
		if err != nil {
			// Throttling and blips are worth another try; a persistent error
			// surfaces as the last error when ctx ends.
			return notReady("describing job %s: %v", result.JobID, err)
		}
		if len(out.Jobs) != 1 {
			return notReady("job %s not visible yet", result.JobID)
		}
		last = out.Jobs[0]
		if c := last.Container; c != nil && aws.ToString(c.LogStreamName) != "" {
			result.LogStreamName = aws.ToString(c.LogStreamName)
		}
		if n := len(result.Statuses); n == 0 || result.Statuses[n-1] != last.Status {
			result.Statuses = append(result.Statuses, last.Status)
			logf("batch smoke job %s: %s after %s", result.JobID, last.Status, time.Since(start).Round(time.Second))
			if last.Status == types.JobStatusRunnable {
				runnableSince = time.Now()
			} else if !runnableSince.IsZero() {
				result.RunnableFor += time.Since(runnableSince)
				runnableSince = time.Time{}
			}
		}
		switch last.Status {
		case types.JobStatusSucceeded:
			return nil
		case types.JobStatusFailed:
			return fmt.Errorf("batch smoke job %s FAILED: %s", result.JobID, jobFailureReason(last))
		default:
			return notReady("job %s is %s", result.JobID, last.Status)
		}
	})
	if !runnableSince.IsZero() {
		result.RunnableFor += time.Since(runnableSince)
	}
	result.Duration = time.Since(start)
	if waitErr == nil {
		return result, nil
	}
	if last.Status != types.JobStatusFailed && last.Status != types.JobStatusSucceeded {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if _, terr := api.TerminateJob(cctx, &batch.TerminateJobInput{JobId: aws.String(result.JobID), Reason: aws.String("deploy test timed out")}); terr != nil {
			waitErr = errors.Join(waitErr, fmt.Errorf("terminating job %s: %w", result.JobID, terr))
		}
	}
	if last.Status == types.JobStatusRunnable {
		return result, fmt.Errorf("batch smoke job %s stuck in RUNNABLE for %s: the compute environment cannot place it "+
			"(check the subnets' route to ECR/the internet, the AMI and the instance types): %w",
			result.JobID, result.RunnableFor.Round(time.Second), waitErr)
	}
	return result, waitErr
}

func smokeJobDefinition(job SmokeJob) *batch.RegisterJobDefinitionInput {
	image := job.Image
	if image == "" {
		image = SmokeJobImage
	}
	command := job.Command
	if len(command) == 0 {
		command = []string{"echo", "metaflow deploy test: batch works"}
	}
	props := &types.ContainerProperties{
		Image:   aws.String(image),
		Command: command,
	}
	if job.JobRoleARN != "" {
		props.JobRoleArn = aws.String(job.JobRoleARN)
	}
	in := &batch.RegisterJobDefinitionInput{
		JobDefinitionName:   aws.String(job.Name),
		Type:                types.JobDefinitionTypeContainer,
		ContainerProperties: props,
		RetryStrategy:       &types.RetryStrategy{Attempts: aws.Int32(1)},
		Timeout:             &types.JobTimeout{AttemptDurationSeconds: aws.Int32(600)},
		Tags:                job.Tags,
	}
	if job.Fargate {
		assign := types.AssignPublicIpDisabled
		if job.AssignPublicIP {
			assign = types.AssignPublicIpEnabled
		}
		in.PlatformCapabilities = []types.PlatformCapability{types.PlatformCapabilityFargate}
		props.ExecutionRoleArn = aws.String(job.ExecutionRoleARN)
		props.NetworkConfiguration = &types.NetworkConfiguration{AssignPublicIp: assign}
		props.ResourceRequirements = []types.ResourceRequirement{
			{Type: types.ResourceTypeVcpu, Value: aws.String("0.25")},
			{Type: types.ResourceTypeMemory, Value: aws.String("512")},
		}
	} else {
		in.PlatformCapabilities = []types.PlatformCapability{types.PlatformCapabilityEc2}
		props.ResourceRequirements = []types.ResourceRequirement{
			{Type: types.ResourceTypeVcpu, Value: aws.String("1")},
			{Type: types.ResourceTypeMemory, Value: aws.String("512")},
		}
	}
	return in
}

// jobFailureReason joins what Batch says about a failed job into one line.
func jobFailureReason(j types.JobDetail) string {
	if c := j.Container; c != nil {
		return jobReason(j.StatusReason, c.Reason, c.ExitCode)
	}
	return jobReason(j.StatusReason, nil, nil)
}

// jobReason is the one-line form of a job's status reason, its container's
// reason and exit code, for job details and job summaries alike.
func jobReason(statusReason, containerReason *string, exitCode *int32) string {
	parts := []string{}
	if r := aws.ToString(statusReason); r != "" {
		parts = append(parts, r)
	}
	if r := aws.ToString(containerReason); r != "" {
		parts = append(parts, "container: "+r)
	}
	if exitCode != nil {
		parts = append(parts, fmt.Sprintf("exit code %d", *exitCode))
	}
	if len(parts) == 0 {
		return "no reason given"
	}
	return strings.Join(parts, "; ")
}
