package deploy

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

type fakeClusters struct{ pages [][]string }

func (f *fakeClusters) ListClusters(_ context.Context, in *ecs.ListClustersInput, _ ...func(*ecs.Options)) (*ecs.ListClustersOutput, error) {
	i := 0
	if in.NextToken != nil {
		i = len(f.pages) - 1
	}
	out := &ecs.ListClustersOutput{ClusterArns: f.pages[i]}
	if i < len(f.pages)-1 {
		out.NextToken = aws.String("next")
	}
	return out, nil
}

func TestRunClusters(t *testing.T) {
	api := &fakeClusters{pages: [][]string{
		{"arn:aws:ecs:us-west-2:000000000000:cluster/mfdt-abc-metaflow-bam", "arn:aws:ecs:us-west-2:000000000000:cluster/other"},
		{"arn:aws:ecs:us-west-2:000000000000:cluster/mfdt-abc-ui-bam", "arn:aws:ecs:us-west-2:000000000000:cluster/mfdt-abcd-x"},
	}}
	got, err := runClusters(context.Background(), api, "mfdt-abc-")
	if err != nil || !slices.Equal(got, []string{"mfdt-abc-metaflow-bam", "mfdt-abc-ui-bam"}) {
		t.Fatalf("got %v %v: want both pages, only this run's prefix", got, err)
	}
}
