package deploy

import (
	"strings"
	"testing"

	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

func TestSpotOnly(t *testing.T) {
	spot := verify.ComputeEnvironment{Name: "mf-batch-spot-1", ResourceType: batchtypes.CRTypeSpot}
	tests := []struct {
		name    string
		envs    []verify.ComputeEnvironment
		wantErr string
	}{
		{name: "spot only", envs: []verify.ComputeEnvironment{spot, spot}},
		{name: "on-demand behind spot", envs: []verify.ComputeEnvironment{spot, {Name: "mf-batch-1", ResourceType: batchtypes.CRTypeEc2}}, wantErr: "compute environment mf-batch-1 of type EC2, want only SPOT"},
		{name: "fargate spot is not ec2 spot", envs: []verify.ComputeEnvironment{{Name: "f", ResourceType: batchtypes.CRTypeFargateSpot}}, wantErr: "of type FARGATE_SPOT"},
		{name: "no environment", wantErr: "feeds no compute environment"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := spotOnly(verify.QueueReport{Name: "mf-batch-queue-spot", ComputeEnvironments: tc.envs})
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("spotOnly: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("spotOnly = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}
