package inventory

import (
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Short names for SDK types used by the fakes.
type (
	rdsSnapshot      = rdstypes.DBSnapshot
	iamRole          = iamtypes.Role
	iamTag           = iamtypes.Tag
	iamProfile       = iamtypes.InstanceProfile
	ecsTaskDef       = ecstypes.TaskDefinition
	ecsTaskDefStatus = ecstypes.TaskDefinitionStatus
	kmsKeyMetadata   = kmstypes.KeyMetadata
	kmsAlias         = kmstypes.AliasListEntry
	s3Bucket         = s3types.Bucket
	ec2SG            = ec2types.SecurityGroup
	ec2ENI           = ec2types.NetworkInterface
	ec2NAT           = ec2types.NatGateway
	ec2NATState      = ec2types.NatGatewayState
	batchQueue       = batchtypes.JobQueueDetail
)

func strp(s string) *string { return &s }
