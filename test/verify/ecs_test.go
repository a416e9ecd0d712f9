package verify

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

type fakeECS struct {
	clusters []string
	services map[string][]types.Service // by cluster ARN
	stopped  *types.Task
	err      error
}

func (f *fakeECS) ListClusters(context.Context, *ecs.ListClustersInput, ...func(*ecs.Options)) (*ecs.ListClustersOutput, error) {
	return &ecs.ListClustersOutput{ClusterArns: f.clusters}, f.err
}

func (f *fakeECS) ListServices(_ context.Context, in *ecs.ListServicesInput, _ ...func(*ecs.Options)) (*ecs.ListServicesOutput, error) {
	var arns []string
	for _, s := range f.services[aws.ToString(in.Cluster)] {
		arns = append(arns, aws.ToString(s.ServiceArn))
	}
	return &ecs.ListServicesOutput{ServiceArns: arns}, nil
}

func (f *fakeECS) DescribeServices(_ context.Context, in *ecs.DescribeServicesInput, _ ...func(*ecs.Options)) (*ecs.DescribeServicesOutput, error) {
	if len(in.Services) > 10 {
		return nil, errors.New("InvalidParameterException: at most 10 services")
	}
	var out []types.Service
	for _, s := range f.services[aws.ToString(in.Cluster)] {
		if slices.Contains(in.Services, aws.ToString(s.ServiceArn)) {
			out = append(out, s)
		}
	}
	return &ecs.DescribeServicesOutput{Services: out}, nil
}

func (f *fakeECS) ListTasks(context.Context, *ecs.ListTasksInput, ...func(*ecs.Options)) (*ecs.ListTasksOutput, error) {
	if f.stopped == nil {
		return &ecs.ListTasksOutput{}, nil
	}
	return &ecs.ListTasksOutput{TaskArns: []string{"arn:task/1"}}, nil
}

func (f *fakeECS) DescribeTasks(context.Context, *ecs.DescribeTasksInput, ...func(*ecs.Options)) (*ecs.DescribeTasksOutput, error) {
	return &ecs.DescribeTasksOutput{Tasks: []types.Task{*f.stopped}}, nil
}

func service(name string, desired, running int32) types.Service {
	return types.Service{
		ServiceArn: aws.String("arn:aws:ecs:us-west-2:000000000000:service/" + name), ServiceName: aws.String(name),
		Status: aws.String("ACTIVE"), DesiredCount: desired, RunningCount: running,
	}
}

func TestCheckECSServices(t *testing.T) {
	const md = "arn:aws:ecs:us-west-2:000000000000:cluster/mfabc-metadata"
	const ui = "arn:aws:ecs:us-west-2:000000000000:cluster/mfabc-ui"
	const other = "arn:aws:ecs:us-west-2:000000000000:cluster/prod-metadata"
	pullFailure := &types.Task{StoppedReason: aws.String("Task failed to start"), Containers: []types.Container{{
		Name: aws.String("metadata-service"), Reason: aws.String("ResourceInitializationError: unable to pull secrets or registry auth"),
	}}}
	many := []types.Service{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		many = append(many, service("ui-"+n, 1, 1))
	}
	tests := []struct {
		name         string
		fake         fakeECS
		min          int
		want         []string
		wantErr      string
		wantNotReady bool
	}{
		{name: "metadata and ui services running", min: 3,
			fake: fakeECS{clusters: []string{other, md, ui}, services: map[string][]types.Service{
				md: {service("mfabc-metadata-service", 1, 1)}, ui: {service("mfabc-ui-backend", 1, 1), service("mfabc-ui-static", 2, 2)},
				other: {service("prod", 1, 0)},
			}},
			want: []string{"mfabc-metadata-service", "mfabc-ui-backend", "mfabc-ui-static"}},
		{name: "more than ten services are described in batches", min: 12,
			fake: fakeECS{clusters: []string{ui}, services: map[string][]types.Service{ui: many}}},
		{name: "task not running yet, with the reason it stopped", min: 1,
			fake:    fakeECS{clusters: []string{md}, services: map[string][]types.Service{md: {service("mfabc-metadata-service", 1, 0)}}, stopped: pullFailure},
			wantErr: "unable to pull secrets", wantNotReady: true},
		{name: "failed rollout is final", min: 1,
			fake: fakeECS{clusters: []string{md}, services: map[string][]types.Service{md: {func() types.Service {
				s := service("mfabc-metadata-service", 1, 0)
				s.Deployments = []types.Deployment{{RolloutState: types.DeploymentRolloutStateFailed, RolloutStateReason: aws.String("circuit breaker: tasks failed to start")}}
				return s
			}()}}, stopped: pullFailure},
			wantErr: "circuit breaker"},
		{name: "service scaled to zero", min: 1,
			fake:    fakeECS{clusters: []string{md}, services: map[string][]types.Service{md: {service("mfabc-metadata-service", 0, 0)}}},
			wantErr: "wants 0 tasks"},
		{name: "draining service", min: 1,
			fake: fakeECS{clusters: []string{md}, services: map[string][]types.Service{md: {func() types.Service {
				s := service("mfabc-metadata-service", 1, 1)
				s.Status = aws.String("DRAINING")
				return s
			}()}}},
			wantErr: "is DRAINING"},
		{name: "fewer services than the example runs", min: 3,
			fake:    fakeECS{clusters: []string{md, other}, services: map[string][]types.Service{md: {service("mfabc-metadata-service", 1, 1)}, other: {service("prod", 1, 1)}}},
			wantErr: "1 services"},
		{name: "list fails", min: 1, fake: fakeECS{err: errors.New("AccessDenied")}, wantErr: "AccessDenied"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			got, err := CheckECSServices(context.Background(), &f, "mfabc-", tc.min)
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
			if tc.want != nil && !slices.Equal(got, tc.want) {
				t.Fatalf("services %v, want %v", got, tc.want)
			}
		})
	}
}
