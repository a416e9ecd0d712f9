package verify

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
)

type fakeEKS struct {
	names      []string
	cluster    *types.Cluster
	nodegroups map[string]*types.Nodegroup
}

func (f *fakeEKS) ListClusters(context.Context, *eks.ListClustersInput, ...func(*eks.Options)) (*eks.ListClustersOutput, error) {
	return &eks.ListClustersOutput{Clusters: f.names}, nil
}

func (f *fakeEKS) DescribeCluster(context.Context, *eks.DescribeClusterInput, ...func(*eks.Options)) (*eks.DescribeClusterOutput, error) {
	return &eks.DescribeClusterOutput{Cluster: f.cluster}, nil
}

func (f *fakeEKS) ListNodegroups(context.Context, *eks.ListNodegroupsInput, ...func(*eks.Options)) (*eks.ListNodegroupsOutput, error) {
	var names []string
	for n := range f.nodegroups {
		names = append(names, n)
	}
	return &eks.ListNodegroupsOutput{Nodegroups: names}, nil
}

func (f *fakeEKS) DescribeNodegroup(_ context.Context, in *eks.DescribeNodegroupInput, _ ...func(*eks.Options)) (*eks.DescribeNodegroupOutput, error) {
	return &eks.DescribeNodegroupOutput{Nodegroup: f.nodegroups[aws.ToString(in.NodegroupName)]}, nil
}

func TestFindCluster(t *testing.T) {
	tests := []struct {
		name    string
		names   []string
		want    string
		wantErr string
	}{
		{name: "one match", names: []string{"prod", "mfabc-eks"}, want: "mfabc-eks"},
		{name: "none", names: []string{"prod"}, wantErr: "0 clusters"},
		{name: "two", names: []string{"mfabc-eks", "mfabc-eks-old"}, wantErr: "2 clusters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FindCluster(context.Background(), &fakeEKS{names: tc.names}, "mfabc-")
			checkErr(t, err, tc.wantErr, false)
			if got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheckCluster(t *testing.T) {
	good := func() *fakeEKS {
		return &fakeEKS{
			cluster: &types.Cluster{Name: aws.String("mfabc-eks"), Status: types.ClusterStatusActive, Version: aws.String("1.33")},
			nodegroups: map[string]*types.Nodegroup{"default": {
				NodegroupName: aws.String("default"), Status: types.NodegroupStatusActive,
				ScalingConfig: &types.NodegroupScalingConfig{DesiredSize: aws.Int32(1)},
			}},
		}
	}
	tests := []struct {
		name         string
		mut          func(*fakeEKS)
		wantErr      string
		wantNotReady bool
	}{
		{name: "active cluster and node group"},
		{name: "cluster creating", mut: func(f *fakeEKS) { f.cluster.Status = types.ClusterStatusCreating }, wantErr: "CREATING", wantNotReady: true},
		{name: "cluster failed", mut: func(f *fakeEKS) { f.cluster.Status = types.ClusterStatusFailed }, wantErr: "want ACTIVE"},
		{name: "cluster health issue", mut: func(f *fakeEKS) {
			f.cluster.Health = &types.ClusterHealth{Issues: []types.ClusterIssue{{Code: types.ClusterIssueCodeClusterUnreachable, Message: aws.String("subnet gone")}}}
		}, wantErr: "subnet gone"},
		{name: "no node group", mut: func(f *fakeEKS) { f.nodegroups = nil }, wantErr: "no managed node group"},
		{name: "node group creating", mut: func(f *fakeEKS) { f.nodegroups["default"].Status = types.NodegroupStatusCreating }, wantErr: "CREATING", wantNotReady: true},
		{name: "node group degraded with issue", mut: func(f *fakeEKS) {
			f.nodegroups["default"].Status = types.NodegroupStatusDegraded
			f.nodegroups["default"].Health = &types.NodegroupHealth{Issues: []types.Issue{{Code: types.NodegroupIssueCodeAsgInstanceLaunchFailures, Message: aws.String("no capacity")}}}
		}, wantErr: "no capacity"},
		{name: "active node group with issue", mut: func(f *fakeEKS) {
			f.nodegroups["default"].Health = &types.NodegroupHealth{Issues: []types.Issue{{Code: types.NodegroupIssueCodeAccessDenied, Message: aws.String("role")}}}
		}, wantErr: "unhealthy"},
		{name: "node group scaled to zero", mut: func(f *fakeEKS) { f.nodegroups["default"].ScalingConfig.DesiredSize = aws.Int32(0) }, wantErr: "at least one"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := good()
			if tc.mut != nil {
				tc.mut(f)
			}
			report, err := CheckCluster(context.Background(), f, "mfabc-eks")
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
			if tc.wantErr == "" && (report.Version != "1.33" || len(report.Nodegroups) != 1) {
				t.Fatalf("report %+v, want version 1.33 and one node group", report)
			}
		})
	}
}
