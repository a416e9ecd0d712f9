package verify

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/batch/types"
)

// fakeJobs plays a job through a scripted list of statuses, one per
// DescribeJobs call (the last one repeats), and records what was asked.
type fakeJobs struct {
	statuses      []types.JobStatus
	failReason    string
	logStream     string // set on the job's container once it is past STARTING
	registerErr   error
	submitErr     error
	deregisterErr error

	registered   *batch.RegisterJobDefinitionInput
	submitted    *batch.SubmitJobInput
	describes    int
	deregistered []string
	terminated   []string
}

const jobDefARN = "arn:aws:batch:us-west-2:000000000000:job-definition/mf-smoke:1"

func (f *fakeJobs) RegisterJobDefinition(_ context.Context, in *batch.RegisterJobDefinitionInput, _ ...func(*batch.Options)) (*batch.RegisterJobDefinitionOutput, error) {
	if f.registerErr != nil {
		return nil, f.registerErr
	}
	f.registered = in
	return &batch.RegisterJobDefinitionOutput{JobDefinitionArn: aws.String(jobDefARN)}, nil
}

func (f *fakeJobs) DeregisterJobDefinition(_ context.Context, in *batch.DeregisterJobDefinitionInput, _ ...func(*batch.Options)) (*batch.DeregisterJobDefinitionOutput, error) {
	f.deregistered = append(f.deregistered, aws.ToString(in.JobDefinition))
	return &batch.DeregisterJobDefinitionOutput{}, f.deregisterErr
}

func (f *fakeJobs) SubmitJob(_ context.Context, in *batch.SubmitJobInput, _ ...func(*batch.Options)) (*batch.SubmitJobOutput, error) {
	if f.submitErr != nil {
		return nil, f.submitErr
	}
	f.submitted = in
	return &batch.SubmitJobOutput{JobId: aws.String("job-1")}, nil
}

func (f *fakeJobs) DescribeJobs(_ context.Context, in *batch.DescribeJobsInput, _ ...func(*batch.Options)) (*batch.DescribeJobsOutput, error) {
	s := f.statuses[min(f.describes, len(f.statuses)-1)]
	f.describes++
	j := types.JobDetail{JobId: aws.String(in.Jobs[0]), Status: s}
	if s == types.JobStatusFailed {
		j.StatusReason = aws.String("Essential container in task exited")
		j.Container = &types.ContainerDetail{Reason: aws.String(f.failReason), ExitCode: aws.Int32(1)}
	}
	if f.logStream != "" && slices.Contains([]types.JobStatus{types.JobStatusRunning, types.JobStatusSucceeded, types.JobStatusFailed}, s) {
		if j.Container == nil {
			j.Container = &types.ContainerDetail{}
		}
		j.Container.LogStreamName = aws.String(f.logStream)
	}
	return &batch.DescribeJobsOutput{Jobs: []types.JobDetail{j}}, nil
}

func (f *fakeJobs) TerminateJob(_ context.Context, in *batch.TerminateJobInput, _ ...func(*batch.Options)) (*batch.TerminateJobOutput, error) {
	f.terminated = append(f.terminated, aws.ToString(in.JobId))
	return &batch.TerminateJobOutput{}, nil
}

func TestRunSmokeJob(t *testing.T) {
	ec2Job := SmokeJob{Name: "mfabc-smoke", Queue: queueARN, JobRoleARN: "arn:aws:iam::000000000000:role/mf-batch-s3-task", Tags: map[string]string{"metaflow-test-run": "mfdt-abc123"}}
	fargateJob := ec2Job
	fargateJob.Fargate = true
	fargateJob.ExecutionRoleARN = "arn:aws:iam::000000000000:role/mf-ecs-execution"

	tests := []struct {
		name           string
		job            SmokeJob
		fake           fakeJobs
		timeout        time.Duration
		wantErr        string
		wantRegistered bool
		wantDeregister bool
		wantTerminate  bool
		wantStatuses   []types.JobStatus
	}{
		{
			name: "job succeeds", job: ec2Job,
			fake:           fakeJobs{statuses: []types.JobStatus{"SUBMITTED", "RUNNABLE", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"}},
			wantRegistered: true, wantDeregister: true,
			wantStatuses: []types.JobStatus{"SUBMITTED", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"},
		},
		{
			name: "job fails with the container's reason", job: ec2Job,
			fake:    fakeJobs{statuses: []types.JobStatus{"RUNNABLE", "FAILED"}, failReason: "CannotPullContainerError: timeout"},
			wantErr: "CannotPullContainerError", wantRegistered: true, wantDeregister: true,
		},
		{
			name: "job stuck in RUNNABLE is terminated and named", job: ec2Job,
			fake:    fakeJobs{statuses: []types.JobStatus{"SUBMITTED", "RUNNABLE"}},
			timeout: 40 * time.Millisecond, wantErr: "stuck in RUNNABLE",
			wantRegistered: true, wantDeregister: true, wantTerminate: true,
		},
		{
			name: "job still RUNNING at timeout is terminated", job: ec2Job,
			fake:    fakeJobs{statuses: []types.JobStatus{"RUNNING"}},
			timeout: 40 * time.Millisecond, wantErr: "is RUNNING",
			wantRegistered: true, wantDeregister: true, wantTerminate: true,
		},
		{
			name: "register fails: nothing to clean", job: ec2Job,
			fake:    fakeJobs{registerErr: errors.New("AccessDeniedException")},
			wantErr: "AccessDeniedException",
		},
		{
			name: "submit fails: definition still deregistered", job: ec2Job,
			fake:    fakeJobs{submitErr: errors.New("queue is DISABLED")},
			wantErr: "queue is DISABLED", wantRegistered: true, wantDeregister: true,
		},
		{
			name: "deregister failure is reported", job: ec2Job,
			fake:    fakeJobs{statuses: []types.JobStatus{"SUCCEEDED"}, deregisterErr: errors.New("throttled")},
			wantErr: "throttled", wantRegistered: true, wantDeregister: true,
		},
		{
			name: "Fargate job without execution role is refused", job: SmokeJob{Name: "x", Queue: "q", Fargate: true},
			wantErr: "needs ExecutionRoleARN",
		},
		{
			name: "Fargate job succeeds", job: fargateJob,
			fake:           fakeJobs{statuses: []types.JobStatus{"SUCCEEDED"}},
			wantRegistered: true, wantDeregister: true, wantStatuses: []types.JobStatus{"SUCCEEDED"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			job := tc.job
			job.PollInterval = time.Millisecond
			var lines []string
			job.Logf = func(format string, args ...any) { lines = append(lines, format) }
			f := tc.fake
			res, err := RunSmokeJob(ctx, &f, job)
			checkErr(t, err, tc.wantErr, false)
			if got := f.registered != nil; got != tc.wantRegistered {
				t.Fatalf("registered = %t, want %t", got, tc.wantRegistered)
			}
			if tc.wantDeregister && !slices.Equal(f.deregistered, []string{jobDefARN}) {
				t.Fatalf("deregistered %v, want exactly [%s]", f.deregistered, jobDefARN)
			}
			if !tc.wantDeregister && len(f.deregistered) > 0 {
				t.Fatalf("deregistered %v, want nothing", f.deregistered)
			}
			if got := len(f.terminated) > 0; got != tc.wantTerminate {
				t.Fatalf("terminated = %v, want terminate %t", f.terminated, tc.wantTerminate)
			}
			if tc.wantStatuses != nil && !slices.Equal(res.Statuses, tc.wantStatuses) {
				t.Fatalf("statuses %v, want %v", res.Statuses, tc.wantStatuses)
			}
			if f.registered != nil && !maps.Equal(f.registered.Tags, job.Tags) {
				t.Fatalf("job definition tags %v, want the run's %v (a definition left behind must be findable)", f.registered.Tags, job.Tags)
			}
			if f.submitted != nil && !maps.Equal(f.submitted.Tags, job.Tags) {
				t.Fatalf("job tags %v, want the run's %v", f.submitted.Tags, job.Tags)
			}
			if f.submitted != nil && aws.ToString(f.submitted.JobDefinition) != jobDefARN {
				t.Fatalf("submitted with definition %s, want the registered %s", aws.ToString(f.submitted.JobDefinition), jobDefARN)
			}
			if tc.wantStatuses != nil && len(lines) == 0 {
				t.Fatal("no progress lines logged")
			}
		})
	}
}

func TestSmokeJobDefinition(t *testing.T) {
	tests := []struct {
		name         string
		job          SmokeJob
		wantPlatform types.PlatformCapability
		wantVCPU     string
		wantExecRole bool
		wantPublicIP types.AssignPublicIp
	}{
		{name: "EC2", job: SmokeJob{Name: "n", Queue: "q"}, wantPlatform: types.PlatformCapabilityEc2, wantVCPU: "1"},
		{name: "Fargate private", job: SmokeJob{Name: "n", Queue: "q", Fargate: true, ExecutionRoleARN: "arn:exec"},
			wantPlatform: types.PlatformCapabilityFargate, wantVCPU: "0.25", wantExecRole: true, wantPublicIP: types.AssignPublicIpDisabled},
		{name: "Fargate public", job: SmokeJob{Name: "n", Queue: "q", Fargate: true, ExecutionRoleARN: "arn:exec", AssignPublicIP: true},
			wantPlatform: types.PlatformCapabilityFargate, wantVCPU: "0.25", wantExecRole: true, wantPublicIP: types.AssignPublicIpEnabled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := smokeJobDefinition(tc.job)
			if !slices.Equal(in.PlatformCapabilities, []types.PlatformCapability{tc.wantPlatform}) {
				t.Fatalf("platform %v, want %s", in.PlatformCapabilities, tc.wantPlatform)
			}
			p := in.ContainerProperties
			if aws.ToString(p.Image) != SmokeJobImage {
				t.Fatalf("image %s, want default %s", aws.ToString(p.Image), SmokeJobImage)
			}
			var vcpu string
			for _, r := range p.ResourceRequirements {
				if r.Type == types.ResourceTypeVcpu {
					vcpu = aws.ToString(r.Value)
				}
			}
			if vcpu != tc.wantVCPU {
				t.Fatalf("vCPU %q, want %q", vcpu, tc.wantVCPU)
			}
			if got := p.ExecutionRoleArn != nil; got != tc.wantExecRole {
				t.Fatalf("execution role set = %t, want %t", got, tc.wantExecRole)
			}
			if tc.wantPublicIP != "" && (p.NetworkConfiguration == nil || p.NetworkConfiguration.AssignPublicIp != tc.wantPublicIP) {
				t.Fatalf("network configuration %+v, want public IP %s", p.NetworkConfiguration, tc.wantPublicIP)
			}
			if in.Timeout == nil || aws.ToInt32(in.Timeout.AttemptDurationSeconds) <= 0 {
				t.Fatal("job definition has no attempt timeout")
			}
		})
	}
}
