package inventory

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// inspector asks each service whether a resource the tagging API listed
// still exists (the API keeps returning some deleted resources for hours:
// load balancer listeners and rules, volumes, RDS snapshots) and when it
// was created. Types without an entry are taken as existing, age unknown.
type inspector struct {
	c             *Clients
	buckets       map[string]time.Time // ListBuckets, once
	bucketRegions map[string]string
}

func newInspector(c *Clients) *inspector { return &inspector{c: c} }

// region is where r lives: a bucket ARN names no region, ListBuckets does
// (S3 refuses a bucket's deletion from another region's endpoint).
func (in *inspector) region(r Resource) string {
	if r.Key() == "s3:bucket" {
		if reg := in.bucketRegions[r.ID]; reg != "" {
			return reg
		}
	}
	return r.Region
}

func (in *inspector) inspect(ctx context.Context, r Resource) (bool, time.Time, error) {
	c := in.c
	switch r.Key() {
	case "s3:bucket":
		if in.buckets == nil {
			in.buckets = map[string]time.Time{}
			in.bucketRegions = map[string]string{}
			// BucketRegion is only in the answer of a request with a
			// parameter: a bare ListBuckets leaves every region empty.
			p := s3.NewListBucketsPaginator(c.S3, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1000)})
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					in.buckets = nil
					return true, time.Time{}, err
				}
				for _, b := range page.Buckets {
					in.buckets[aws.ToString(b.Name)] = aws.ToTime(b.CreationDate)
					in.bucketRegions[aws.ToString(b.Name)] = aws.ToString(b.BucketRegion)
				}
			}
		}
		t, ok := in.buckets[r.ID]
		return ok, t, nil
	case "logs:log-group":
		out, err := c.Logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: &r.ID})
		if err != nil {
			return true, time.Time{}, err
		}
		for _, g := range out.LogGroups {
			if aws.ToString(g.LogGroupName) == r.ID {
				return true, time.UnixMilli(aws.ToInt64(g.CreationTime)), nil
			}
		}
		return false, time.Time{}, nil
	case "rds:db":
		out, err := c.RDS.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: &r.ID})
		if err != nil || len(out.DBInstances) == 0 {
			return false, time.Time{}, err
		}
		return true, aws.ToTime(out.DBInstances[0].InstanceCreateTime), nil
	case "rds:cluster":
		out, err := c.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: &r.ID})
		if err != nil || len(out.DBClusters) == 0 {
			return false, time.Time{}, err
		}
		return true, aws.ToTime(out.DBClusters[0].ClusterCreateTime), nil
	case "rds:snapshot":
		out, err := c.RDS.DescribeDBSnapshots(ctx, &rds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: &r.ID})
		if err != nil || len(out.DBSnapshots) == 0 {
			return false, time.Time{}, err
		}
		return true, aws.ToTime(out.DBSnapshots[0].SnapshotCreateTime), nil
	case "rds:cluster-snapshot":
		out, err := c.RDS.DescribeDBClusterSnapshots(ctx, &rds.DescribeDBClusterSnapshotsInput{DBClusterSnapshotIdentifier: &r.ID})
		if err != nil || len(out.DBClusterSnapshots) == 0 {
			return false, time.Time{}, err
		}
		return true, aws.ToTime(out.DBClusterSnapshots[0].SnapshotCreateTime), nil
	case "kms:key":
		out, err := c.KMS.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: &r.ID})
		if err != nil || out.KeyMetadata == nil {
			return true, time.Time{}, err
		}
		md := out.KeyMetadata
		gone := md.KeyState == kmstypes.KeyStatePendingDeletion || md.KeyState == kmstypes.KeyStatePendingReplicaDeletion
		return !gone, aws.ToTime(md.CreationDate), nil
	case "secretsmanager:secret":
		out, err := c.Secrets.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: &r.ARN})
		if err != nil {
			return true, time.Time{}, err
		}
		return out.DeletedDate == nil, aws.ToTime(out.CreatedDate), nil
	case "ecs:task-definition":
		out, err := c.ECS.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: &r.ARN})
		if hasCode(err, "ClientException") {
			// ECS describes an INACTIVE revision only while a task or
			// service uses it, and a deleted one not at all; the tagging
			// API keeps listing both.
			return false, time.Time{}, nil
		}
		if err != nil || out.TaskDefinition == nil {
			return true, time.Time{}, err
		}
		return out.TaskDefinition.Status == "ACTIVE", aws.ToTime(out.TaskDefinition.RegisteredAt), nil
	case "ecs:cluster":
		out, err := c.ECS.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{r.ARN}})
		if err != nil {
			return true, time.Time{}, err
		}
		for _, cl := range out.Clusters {
			return aws.ToString(cl.Status) != "INACTIVE", time.Time{}, nil
		}
		return false, time.Time{}, nil
	case "ecs:task", "ecs:container-instance":
		// task/CLUSTER/ID: a stopped task stays listed for a while after
		// its cluster is deleted; it is gone with the cluster.
		cluster, _ := splitPair(r.ID)
		out, err := c.ECS.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{cluster}})
		if err != nil {
			return true, time.Time{}, err
		}
		for _, cl := range out.Clusters {
			return aws.ToString(cl.Status) != "INACTIVE", time.Time{}, nil
		}
		return false, time.Time{}, nil
	case "eks:addon", "eks:access-entry", "eks:podidentityassociation":
		// addon/CLUSTER/..., access-entry/CLUSTER/...: gone with the cluster.
		cluster, _ := splitPair(r.ID)
		_, err := c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: &cluster})
		return err == nil, time.Time{}, err
	case "ecs:service":
		cluster, svc := splitPair(r.ID)
		out, err := c.ECS.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: &cluster, Services: []string{svc}})
		if err != nil {
			return true, time.Time{}, err
		}
		for _, s := range out.Services {
			return aws.ToString(s.Status) != "INACTIVE", aws.ToTime(s.CreatedAt), nil
		}
		return false, time.Time{}, nil
	case "batch:job-definition":
		out, err := c.Batch.DescribeJobDefinitions(ctx, &batch.DescribeJobDefinitionsInput{JobDefinitions: []string{r.ARN}})
		if err != nil {
			return true, time.Time{}, err
		}
		for _, d := range out.JobDefinitions {
			if aws.ToString(d.Status) == "ACTIVE" {
				return true, time.Time{}, nil
			}
		}
		return false, time.Time{}, nil
	case "batch:job-queue":
		out, err := c.Batch.DescribeJobQueues(ctx, &batch.DescribeJobQueuesInput{JobQueues: []string{r.ARN}})
		if err != nil {
			return true, time.Time{}, err
		}
		for _, q := range out.JobQueues {
			return q.Status != batchtypes.JQStatusDeleted, time.Time{}, nil
		}
		return false, time.Time{}, nil
	case "batch:compute-environment":
		out, err := c.Batch.DescribeComputeEnvironments(ctx, &batch.DescribeComputeEnvironmentsInput{ComputeEnvironments: []string{r.ARN}})
		if err != nil {
			return true, time.Time{}, err
		}
		for _, ce := range out.ComputeEnvironments {
			return ce.Status != batchtypes.CEStatusDeleted, time.Time{}, nil
		}
		return false, time.Time{}, nil
	case "elasticloadbalancing:loadbalancer":
		out, err := c.ELB.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: []string{r.ARN}})
		if err != nil || len(out.LoadBalancers) == 0 {
			return false, time.Time{}, err
		}
		return true, aws.ToTime(out.LoadBalancers[0].CreatedTime), nil
	case "elasticloadbalancing:targetgroup":
		out, err := c.ELB.DescribeTargetGroups(ctx, &elbv2.DescribeTargetGroupsInput{TargetGroupArns: []string{r.ARN}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.TargetGroups) > 0, time.Time{}, nil
	case "elasticloadbalancing:listener":
		out, err := c.ELB.DescribeListeners(ctx, &elbv2.DescribeListenersInput{ListenerArns: []string{r.ARN}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.Listeners) > 0, time.Time{}, nil
	case "elasticloadbalancing:listener-rule":
		out, err := c.ELB.DescribeRules(ctx, &elbv2.DescribeRulesInput{RuleArns: []string{r.ARN}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.Rules) > 0, time.Time{}, nil
	case "lambda:function":
		_, err := c.Lambda.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: &r.ID})
		return err == nil, time.Time{}, err
	case "apigateway:restapis":
		out, err := c.APIGateway.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: &r.ID})
		if err != nil {
			return true, time.Time{}, err
		}
		return true, aws.ToTime(out.CreatedDate), nil
	case "apigateway:vpclinks":
		_, err := c.APIGateway.GetVpcLink(ctx, &apigateway.GetVpcLinkInput{VpcLinkId: &r.ID})
		return err == nil, time.Time{}, err
	case "eks:cluster":
		out, err := c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: &r.ID})
		if err != nil || out.Cluster == nil {
			return true, time.Time{}, err
		}
		return true, aws.ToTime(out.Cluster.CreatedAt), nil
	case "eks:nodegroup":
		cluster, ng := splitPair(r.ID)
		out, err := c.EKS.DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{ClusterName: &cluster, NodegroupName: &ng})
		if err != nil || out.Nodegroup == nil {
			return true, time.Time{}, err
		}
		return true, aws.ToTime(out.Nodegroup.CreatedAt), nil
	case "dynamodb:table":
		out, err := c.DynamoDB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &r.ID})
		if err != nil || out.Table == nil {
			return true, time.Time{}, err
		}
		return true, aws.ToTime(out.Table.CreationDateTime), nil
	case "ecr:repository":
		out, err := c.ECR.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{r.ID}})
		if err != nil || len(out.Repositories) == 0 {
			return false, time.Time{}, err
		}
		return true, aws.ToTime(out.Repositories[0].CreatedAt), nil
	case "acm:certificate":
		out, err := c.ACM.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: &r.ARN})
		if err != nil || out.Certificate == nil {
			return true, time.Time{}, err
		}
		if out.Certificate.ImportedAt != nil {
			return true, *out.Certificate.ImportedAt, nil
		}
		return true, aws.ToTime(out.Certificate.CreatedAt), nil
	case "ec2:natgateway":
		out, err := c.EC2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{r.ID}})
		if err != nil || len(out.NatGateways) == 0 {
			return false, time.Time{}, err
		}
		g := out.NatGateways[0]
		return g.State != ec2types.NatGatewayStateDeleted, aws.ToTime(g.CreateTime), nil
	case "ec2:instance":
		out, err := c.EC2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		for _, res := range out.Reservations {
			for _, i := range res.Instances {
				return i.State == nil || i.State.Name != ec2types.InstanceStateNameTerminated, aws.ToTime(i.LaunchTime), nil
			}
		}
		return false, time.Time{}, nil
	case "ec2:security-group":
		sg, err := describeSecurityGroup(ctx, c, r.ID)
		return sg != nil || err != nil, time.Time{}, err
	case "ec2:security-group-rule":
		out, err := c.EC2.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.SecurityGroupRules) > 0, time.Time{}, nil
	case "ec2:vpc":
		out, err := c.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.Vpcs) > 0, time.Time{}, nil
	case "ec2:subnet":
		out, err := c.EC2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.Subnets) > 0, time.Time{}, nil
	case "ec2:vpc-endpoint":
		out, err := c.EC2.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{r.ID}})
		if err != nil || len(out.VpcEndpoints) == 0 {
			return false, time.Time{}, err
		}
		e := out.VpcEndpoints[0]
		return e.State != ec2types.StateDeleted, aws.ToTime(e.CreationTimestamp), nil
	case "ec2:launch-template":
		out, err := c.EC2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{r.ID}})
		if err != nil || len(out.LaunchTemplates) == 0 {
			return false, time.Time{}, err
		}
		return true, aws.ToTime(out.LaunchTemplates[0].CreateTime), nil
	case "ec2:volume":
		out, err := c.EC2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{r.ID}})
		if err != nil || len(out.Volumes) == 0 {
			return false, time.Time{}, err
		}
		return true, aws.ToTime(out.Volumes[0].CreateTime), nil
	case "ec2:network-acl":
		out, err := c.EC2.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{NetworkAclIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.NetworkAcls) > 0, time.Time{}, nil
	case "rds:subgrp":
		out, err := c.RDS.DescribeDBSubnetGroups(ctx, &rds.DescribeDBSubnetGroupsInput{DBSubnetGroupName: &r.ID})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.DBSubnetGroups) > 0, time.Time{}, nil
	case "apigateway:apikeys":
		out, err := c.APIGateway.GetApiKey(ctx, &apigateway.GetApiKeyInput{ApiKey: &r.ID})
		if err != nil {
			return true, time.Time{}, err
		}
		return true, aws.ToTime(out.CreatedDate), nil
	case "apigateway:usageplans":
		_, err := c.APIGateway.GetUsagePlan(ctx, &apigateway.GetUsagePlanInput{UsagePlanId: &r.ID})
		return err == nil, time.Time{}, err
	case "apigateway:restapis/stages":
		api, stage := splitPair(r.ID)
		out, err := c.APIGateway.GetStage(ctx, &apigateway.GetStageInput{RestApiId: &api, StageName: &stage})
		if err != nil {
			return true, time.Time{}, err
		}
		return true, aws.ToTime(out.CreatedDate), nil
	case "ec2:network-interface":
		out, err := c.EC2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.NetworkInterfaces) > 0, time.Time{}, nil
	case "ec2:elastic-ip":
		out, err := c.EC2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.Addresses) > 0, time.Time{}, nil
	case "ec2:internet-gateway":
		out, err := c.EC2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.InternetGateways) > 0, time.Time{}, nil
	case "ec2:route-table":
		out, err := c.EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{r.ID}})
		if err != nil {
			return true, time.Time{}, err
		}
		return len(out.RouteTables) > 0, time.Time{}, nil
	}
	if strings.HasPrefix(r.Key(), "iam:") {
		return true, r.Created, nil // listed live just now
	}
	return true, time.Time{}, nil
}
