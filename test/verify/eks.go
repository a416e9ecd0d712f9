package verify

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
)

// EKSAPI is the part of the EKS client the EKS checks need.
type EKSAPI interface {
	ListClusters(ctx context.Context, in *eks.ListClustersInput, optFns ...func(*eks.Options)) (*eks.ListClustersOutput, error)
	DescribeCluster(ctx context.Context, in *eks.DescribeClusterInput, optFns ...func(*eks.Options)) (*eks.DescribeClusterOutput, error)
	ListNodegroups(ctx context.Context, in *eks.ListNodegroupsInput, optFns ...func(*eks.Options)) (*eks.ListNodegroupsOutput, error)
	DescribeNodegroup(ctx context.Context, in *eks.DescribeNodegroupInput, optFns ...func(*eks.Options)) (*eks.DescribeNodegroupOutput, error)
}

// FindCluster returns the one EKS cluster whose name starts with prefix (the
// run's unique resource prefix). Zero or several is an error.
func FindCluster(ctx context.Context, api EKSAPI, prefix string) (string, error) {
	if prefix == "" {
		return "", fmt.Errorf("eks: empty cluster name prefix")
	}
	var found []string
	p := eks.NewListClustersPaginator(api, &eks.ListClustersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", fmt.Errorf("eks: listing clusters: %w", err)
		}
		for _, name := range page.Clusters {
			if strings.HasPrefix(name, prefix) {
				found = append(found, name)
			}
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("eks: %d clusters start with %q (%s), want exactly 1", len(found), prefix, strings.Join(found, ", "))
	}
	return found[0], nil
}

// ClusterReport describes a healthy cluster.
type ClusterReport struct {
	Name       string
	Version    string
	Nodegroups []string
}

// CheckCluster checks the cluster is ACTIVE without health issues and that it
// has at least one managed node group, each ACTIVE, healthy and with nodes.
func CheckCluster(ctx context.Context, api EKSAPI, name string) (ClusterReport, error) {
	out, err := api.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(name)})
	if err != nil {
		return ClusterReport{}, fmt.Errorf("eks: describing cluster %s: %w", name, err)
	}
	c := out.Cluster
	if c == nil {
		return ClusterReport{}, fmt.Errorf("eks: cluster %s: empty answer", name)
	}
	switch c.Status {
	case types.ClusterStatusActive:
	case types.ClusterStatusCreating, types.ClusterStatusUpdating:
		return ClusterReport{}, notReady("eks: cluster %s is %s", name, c.Status)
	default:
		return ClusterReport{}, fmt.Errorf("eks: cluster %s status is %s, want ACTIVE", name, c.Status)
	}
	if c.Health != nil && len(c.Health.Issues) > 0 {
		i := c.Health.Issues[0]
		return ClusterReport{}, fmt.Errorf("eks: cluster %s has %d health issues, first: %s: %s", name, len(c.Health.Issues), i.Code, aws.ToString(i.Message))
	}
	report := ClusterReport{Name: name, Version: aws.ToString(c.Version)}

	ngs, err := api.ListNodegroups(ctx, &eks.ListNodegroupsInput{ClusterName: aws.String(name)})
	if err != nil {
		return ClusterReport{}, fmt.Errorf("eks: listing node groups of %s: %w", name, err)
	}
	if len(ngs.Nodegroups) == 0 {
		return ClusterReport{}, fmt.Errorf("eks: cluster %s has no managed node group", name)
	}
	for _, ngName := range ngs.Nodegroups {
		ng, err := api.DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{ClusterName: aws.String(name), NodegroupName: aws.String(ngName)})
		if err != nil {
			return ClusterReport{}, fmt.Errorf("eks: describing node group %s: %w", ngName, err)
		}
		g := ng.Nodegroup
		if g == nil {
			return ClusterReport{}, fmt.Errorf("eks: node group %s: empty answer", ngName)
		}
		switch g.Status {
		case types.NodegroupStatusActive:
		case types.NodegroupStatusCreating, types.NodegroupStatusUpdating:
			return ClusterReport{}, notReady("eks: node group %s is %s", ngName, g.Status)
		default:
			return ClusterReport{}, fmt.Errorf("eks: node group %s status is %s, want ACTIVE%s", ngName, g.Status, firstNodegroupIssue(g.Health))
		}
		if issue := firstNodegroupIssue(g.Health); issue != "" {
			return ClusterReport{}, fmt.Errorf("eks: node group %s is ACTIVE but unhealthy%s", ngName, issue)
		}
		if g.ScalingConfig != nil && aws.ToInt32(g.ScalingConfig.DesiredSize) < 1 {
			return ClusterReport{}, fmt.Errorf("eks: node group %s wants %d nodes; the services need at least one", ngName, aws.ToInt32(g.ScalingConfig.DesiredSize))
		}
		report.Nodegroups = append(report.Nodegroups, ngName)
	}
	return report, nil
}

func firstNodegroupIssue(h *types.NodegroupHealth) string {
	if h == nil || len(h.Issues) == 0 {
		return ""
	}
	i := h.Issues[0]
	return fmt.Sprintf(" (%d issues, first: %s: %s)", len(h.Issues), i.Code, aws.ToString(i.Message))
}
