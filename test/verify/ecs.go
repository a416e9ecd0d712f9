package verify

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// ECSAPI is the part of the ECS client CheckECSServices needs.
type ECSAPI interface {
	ListClusters(ctx context.Context, in *ecs.ListClustersInput, optFns ...func(*ecs.Options)) (*ecs.ListClustersOutput, error)
	ListServices(ctx context.Context, in *ecs.ListServicesInput, optFns ...func(*ecs.Options)) (*ecs.ListServicesOutput, error)
	DescribeServices(ctx context.Context, in *ecs.DescribeServicesInput, optFns ...func(*ecs.Options)) (*ecs.DescribeServicesOutput, error)
	ListTasks(ctx context.Context, in *ecs.ListTasksInput, optFns ...func(*ecs.Options)) (*ecs.ListTasksOutput, error)
	DescribeTasks(ctx context.Context, in *ecs.DescribeTasksInput, optFns ...func(*ecs.Options)) (*ecs.DescribeTasksOutput, error)
}

// CheckECSServices checks every ECS service in the clusters whose name starts
// with prefix: at least minServices of them, each ACTIVE with as many tasks
// running as desired (at least one) and no failed rollout. A service short of
// tasks is not ready yet; the error quotes why its last task stopped (image
// pull, secret access, health check), which is what a failing metadata probe
// needs explained.
func CheckECSServices(ctx context.Context, api ECSAPI, prefix string, minServices int) ([]string, error) {
	if prefix == "" {
		return nil, fmt.Errorf("ecs: empty cluster name prefix")
	}
	var clusters []string
	cp := ecs.NewListClustersPaginator(api, &ecs.ListClustersInput{})
	for cp.HasMorePages() {
		page, err := cp.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("ecs: listing clusters: %w", err)
		}
		for _, arn := range page.ClusterArns {
			if strings.HasPrefix(arn[strings.LastIndex(arn, "/")+1:], prefix) {
				clusters = append(clusters, arn)
			}
		}
	}
	var healthy []string
	for _, cluster := range clusters {
		var arns []string
		sp := ecs.NewListServicesPaginator(api, &ecs.ListServicesInput{Cluster: aws.String(cluster)})
		for sp.HasMorePages() {
			page, err := sp.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("ecs: listing services of %s: %w", cluster, err)
			}
			arns = append(arns, page.ServiceArns...)
		}
		for start := 0; start < len(arns); start += 10 { // DescribeServices takes at most 10
			out, err := api.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: arns[start:min(start+10, len(arns))]})
			if err != nil {
				return nil, fmt.Errorf("ecs: describing services of %s: %w", cluster, err)
			}
			for _, svc := range out.Services {
				if err := checkECSService(ctx, api, cluster, svc); err != nil {
					return nil, err
				}
				healthy = append(healthy, aws.ToString(svc.ServiceName))
			}
		}
	}
	if len(healthy) < minServices {
		return nil, fmt.Errorf("ecs: %d services in clusters starting with %q (%s), want at least %d", len(healthy), prefix, strings.Join(healthy, ", "), minServices)
	}
	return healthy, nil
}

func checkECSService(ctx context.Context, api ECSAPI, cluster string, svc types.Service) error {
	name := aws.ToString(svc.ServiceName)
	if s := aws.ToString(svc.Status); s != "ACTIVE" {
		return fmt.Errorf("ecs: service %s is %s, want ACTIVE", name, s)
	}
	if svc.DesiredCount < 1 {
		return fmt.Errorf("ecs: service %s wants %d tasks, want at least 1", name, svc.DesiredCount)
	}
	for _, d := range svc.Deployments {
		if d.RolloutState == types.DeploymentRolloutStateFailed {
			return fmt.Errorf("ecs: service %s rollout FAILED: %s%s", name, aws.ToString(d.RolloutStateReason), lastStoppedReason(ctx, api, cluster, name))
		}
	}
	if svc.RunningCount < svc.DesiredCount {
		return notReady("ecs: service %s runs %d of %d tasks%s", name, svc.RunningCount, svc.DesiredCount, lastStoppedReason(ctx, api, cluster, name))
	}
	return nil
}

// lastStoppedReason returns "; last stopped task: REASON" for the service, or
// "" when no task stopped (or the lookup fails: this only adds detail).
func lastStoppedReason(ctx context.Context, api ECSAPI, cluster, service string) string {
	lt, err := api.ListTasks(ctx, &ecs.ListTasksInput{Cluster: aws.String(cluster), ServiceName: aws.String(service), DesiredStatus: types.DesiredStatusStopped})
	if err != nil || len(lt.TaskArns) == 0 {
		return ""
	}
	dt, err := api.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(cluster), Tasks: lt.TaskArns[:1]})
	if err != nil || len(dt.Tasks) == 0 {
		return ""
	}
	task := dt.Tasks[0]
	parts := []string{aws.ToString(task.StoppedReason)}
	for _, c := range task.Containers {
		if r := aws.ToString(c.Reason); r != "" {
			parts = append(parts, aws.ToString(c.Name)+": "+r)
		}
	}
	return "; last stopped task: " + strings.Join(parts, "; ")
}
