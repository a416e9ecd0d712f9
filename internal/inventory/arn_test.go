package inventory

import "testing"

func TestParseARN(t *testing.T) {
	cases := []struct {
		arn, key, id, region string
	}{
		{"arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc", "ec2:vpc", "vpc-0abc", "us-east-1"},
		{"arn:aws:ec2:us-east-1:123456789012:security-group/sg-1", "ec2:security-group", "sg-1", "us-east-1"},
		{"arn:aws:s3:::mfdt-abc-s3", "s3:bucket", "mfdt-abc-s3", ""},
		{"arn:aws:rds:us-east-1:123456789012:db:mfdt-abc-db", "rds:db", "mfdt-abc-db", "us-east-1"},
		{"arn:aws:rds:us-east-1:123456789012:snapshot:mfdt-abc-db-final-x", "rds:snapshot", "mfdt-abc-db-final-x", "us-east-1"},
		{"arn:aws:rds:us-east-1:123456789012:subgrp:mfdt-abc-db", "rds:subgrp", "mfdt-abc-db", "us-east-1"},
		{"arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/mfdt-abc-db-migrate:*", "logs:log-group", "/aws/lambda/mfdt-abc-db-migrate", "us-east-1"},
		{"arn:aws:iam::123456789012:role/some/path/mfdt-abc-batch", "iam:role", "mfdt-abc-batch", ""},
		{"arn:aws:iam::123456789012:policy/mfdt-abc-enc", "iam:policy", "arn:aws:iam::123456789012:policy/mfdt-abc-enc", ""},
		{"arn:aws:iam::123456789012:instance-profile/mfdt-abc-ecs-instance", "iam:instance-profile", "mfdt-abc-ecs-instance", ""},
		{"arn:aws:ecs:us-east-1:123456789012:service/mfdt-abc-metadata/mfdt-abc-metadata-service", "ecs:service", "mfdt-abc-metadata/mfdt-abc-metadata-service", "us-east-1"},
		{"arn:aws:ecs:us-east-1:123456789012:task-definition/mfdt-abc-ui:3", "ecs:task-definition", "mfdt-abc-ui:3", "us-east-1"},
		{"arn:aws:eks:us-east-1:123456789012:nodegroup/mfdt-abc-eks/default-2025/1234-5678", "eks:nodegroup", "mfdt-abc-eks/default-2025", "us-east-1"},
		{"arn:aws:lambda:us-east-1:123456789012:function:mfdt-abc-db-migrate", "lambda:function", "mfdt-abc-db-migrate", "us-east-1"},
		{"arn:aws:apigateway:us-east-1::/restapis/a1b2c3", "apigateway:restapis", "a1b2c3", "us-east-1"},
		{"arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/api", "apigateway:restapis/stages", "a1b2c3/api", "us-east-1"},
		{"arn:aws:apigateway:us-east-1::/vpclinks/v1", "apigateway:vpclinks", "v1", "us-east-1"},
		{"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/mfdt-nlb/abc", "elasticloadbalancing:loadbalancer", "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/mfdt-nlb/abc", "us-east-1"},
		{"arn:aws:kms:us-east-1:123456789012:key/1111-2222", "kms:key", "1111-2222", "us-east-1"},
		{"arn:aws:dynamodb:us-east-1:123456789012:table/mfdt-abc-sfn-state", "dynamodb:table", "mfdt-abc-sfn-state", "us-east-1"},
		{"arn:aws:ecr:us-east-1:123456789012:repository/team/mfdt-abc-batch", "ecr:repository", "team/mfdt-abc-batch", "us-east-1"},
	}
	for _, tc := range cases {
		r, err := ParseARN(tc.arn)
		if err != nil {
			t.Errorf("ParseARN(%q): %v", tc.arn, err)
			continue
		}
		if r.Key() != tc.key || r.ID != tc.id || r.Region != tc.region {
			t.Errorf("ParseARN(%q) = %s id %q region %q, want %s id %q region %q", tc.arn, r.Key(), r.ID, r.Region, tc.key, tc.id, tc.region)
		}
	}
	for _, bad := range []string{"", "vpc-123", "arn:aws:ec2", "arn:aws::us-east-1:1:x"} {
		if _, err := ParseARN(bad); err == nil {
			t.Errorf("ParseARN(%q) accepted a non-ARN", bad)
		}
	}
}

func TestParseARNStripsLogGroupWildcard(t *testing.T) {
	a, _ := ParseARN("arn:aws:logs:us-east-1:1:log-group:/x/y:*")
	b, _ := ParseARN("arn:aws:logs:us-east-1:1:log-group:/x/y")
	if a.ARN != b.ARN {
		t.Errorf("the two spellings of one log group ARN differ after parsing: %q vs %q (they would not dedupe)", a.ARN, b.ARN)
	}
}
