package inventory

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	apigwtypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// steps is the deletion order, one readable list: a resource goes only after
// everything that depends on it. Compute that holds network interfaces
// first (EKS, ECS, Batch, Lambda), then API Gateway (its VPC link holds the
// NLB), load balancers, databases, data and keys, then the network from the
// inside out, and IAM last (the services above use their roles until they
// are gone). Waits are bounded by Clients.Timeout.
func steps() []step {
	return []step{
		{"eks:nodegroup", "delete EKS node group and wait", deleteEKSNodegroup},
		{"eks:cluster", "delete EKS cluster and wait", deleteEKSCluster},
		{"ecs:service", "scale ECS service to 0, delete and wait", deleteECSService},
		{"ecs:cluster", "delete ECS cluster (retried while tasks stop)", deleteECSCluster},
		{"ecs:task-definition", "deregister and delete ECS task definition", deleteECSTaskDefinition},
		{"batch:job-queue", "disable, delete Batch job queue and wait", deleteBatchJobQueue},
		{"batch:compute-environment", "disable, delete Batch compute environment and wait", deleteBatchComputeEnvironment},
		{"batch:job-definition", "deregister Batch job definition", deregisterBatchJobDefinition},
		{"ec2:instance", "terminate EC2 instance and wait", terminateInstance},
		{"lambda:function", "delete Lambda function", deleteLambdaFunction},
		{"apigateway:usageplans", "detach stages from usage plan and delete it", deleteUsagePlan},
		{"apigateway:apikeys", "delete API key", deleteAPIKey},
		{"apigateway:restapis", "delete REST API", deleteRestAPI},
		{"apigateway:vpclinks", "delete VPC link and wait (it holds the NLB)", deleteVPCLink},
		{"elasticloadbalancing:loadbalancer", "delete load balancer and wait", deleteLoadBalancer},
		{"elasticloadbalancing:targetgroup", "delete target group", deleteTargetGroup},
		{"acm:certificate", "delete ACM certificate (retried while in use)", deleteCertificate},
		{"rds:db", "delete DB instance without final snapshot and wait", deleteDBInstance},
		{"rds:cluster", "delete DB cluster without final snapshot and wait", deleteDBCluster},
		{"rds:subgrp", "delete DB subnet group", deleteDBSubnetGroup},
		{"rds:pg", "delete DB parameter group", deleteDBParameterGroup},
		{"rds:cluster-pg", "delete DB cluster parameter group", deleteDBClusterParameterGroup},
		{"rds:snapshot", "delete DB snapshot", deleteDBSnapshot},
		{"rds:cluster-snapshot", "delete DB cluster snapshot", deleteDBClusterSnapshot},
		{"secretsmanager:secret", "force-delete secret (no recovery window)", deleteSecret},
		{"kms:key", "delete aliases, schedule key deletion in 7 days", scheduleKeyDeletion},
		{"dynamodb:table", "delete DynamoDB table", deleteTable},
		{"s3:bucket", "empty bucket (all versions) and delete it", deleteBucket},
		{"ecr:repository", "delete ECR repository with its images", deleteRepository},
		{"logs:log-group", "delete log group", deleteLogGroup},
		{"ec2:natgateway", "delete NAT gateway and wait", deleteNATGateway},
		{"ec2:vpc-endpoint", "delete VPC endpoint and wait (its interfaces hold subnets and security groups)", deleteVPCEndpoint},
		{"ec2:elastic-ip", "release Elastic IP", releaseAddress},
		{"ec2:network-interface", "detach and delete network interface", deleteNetworkInterface},
		{"ec2:security-group", "revoke all rules (cross references)", revokeSecurityGroupRules},
		{"ec2:security-group", "wait for its network interfaces, delete security group", deleteSecurityGroup},
		{"ec2:launch-template", "delete launch template", deleteLaunchTemplate},
		{"ec2:volume", "delete EBS volume", deleteVolume},
		{"ec2:subnet", "delete subnet", deleteSubnet},
		{"ec2:route-table", "disassociate and delete route table (main: with the VPC)", deleteRouteTable},
		{"ec2:network-acl", "delete network ACL (default: with the VPC)", deleteNetworkACL},
		{"ec2:internet-gateway", "detach and delete internet gateway", deleteInternetGateway},
		{"ec2:vpc", "delete VPC", deleteVPC},
		{"ec2:dhcp-options", "delete DHCP options", deleteDHCPOptions},
		{"iam:instance-profile", "remove roles, delete instance profile", deleteInstanceProfile},
		{"iam:policy", "detach everywhere, delete versions and policy", deletePolicy},
		{"iam:role", "detach/delete policies, leave instance profiles, delete role", deleteRole},
		{"iam:oidc-provider", "delete IAM OIDC provider", deleteOIDCProvider},
	}
}

// leftToAWS lists types a run tags that AWS deletes with their parent, so
// Delete only logs them.
func leftToAWS() map[string]string {
	return map[string]string{
		"eks:addon":                          "deleted with its EKS cluster",
		"eks:access-entry":                   "deleted with its EKS cluster",
		"eks:podidentityassociation":         "deleted with its EKS cluster",
		"apigateway:restapis/stages":         "deleted with its REST API",
		"apigateway:restapis/deployments":    "deleted with its REST API",
		"elasticloadbalancing:listener":      "deleted with its load balancer",
		"elasticloadbalancing:listener-rule": "deleted with its load balancer",
		"ecs:task":                           "stops with its service or cluster",
		"ecs:container-instance":             "deregistered when its instance terminates",
		"batch:job":                          "ends with its job queue",
		"ec2:security-group-rule":            "deleted with its security group",
	}
}

// ---- EKS ----

func splitPair(id string) (string, string) {
	a, b, _ := strings.Cut(id, "/")
	return a, b
}

func deleteEKSNodegroup(ctx context.Context, c *Clients, r Resource) error {
	cluster, ng := splitPair(r.ID)
	if _, err := c.EKS.DeleteNodegroup(ctx, &eks.DeleteNodegroupInput{ClusterName: &cluster, NodegroupName: &ng}); err != nil && !hasCode(err, "ResourceInUseException") {
		return err
	}
	return waitGone(ctx, c, "node group "+r.ID, func(ctx context.Context) (bool, error) {
		_, err := c.EKS.DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{ClusterName: &cluster, NodegroupName: &ng})
		return false, err
	})
}

func deleteEKSCluster(ctx context.Context, c *Clients, r Resource) error {
	// Refused (ResourceInUse) while node groups are still going.
	if err := retryWhile(ctx, c, "EKS cluster "+r.ID+" to have no node groups", func(ctx context.Context) error {
		_, err := c.EKS.DeleteCluster(ctx, &eks.DeleteClusterInput{Name: &r.ID})
		return err
	}, "ResourceInUseException"); err != nil {
		return err
	}
	return waitGone(ctx, c, "EKS cluster "+r.ID, func(ctx context.Context) (bool, error) {
		_, err := c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: &r.ID})
		return false, err
	})
}

// ---- ECS ----

func deleteECSService(ctx context.Context, c *Clients, r Resource) error {
	cluster, svc := splitPair(r.ID)
	// Scaling to 0 first lets the tasks drain; an inactive service refuses
	// it, which is fine.
	if _, err := c.ECS.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: &cluster, Service: &svc, DesiredCount: aws.Int32(0)}); err != nil &&
		!hasCode(err, "ServiceNotActiveException") {
		return err
	}
	if _, err := c.ECS.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: &cluster, Service: &svc, Force: aws.Bool(true)}); err != nil {
		return err
	}
	return waitGone(ctx, c, "ECS service "+r.ID, func(ctx context.Context) (bool, error) {
		out, err := c.ECS.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: &cluster, Services: []string{svc}})
		if err != nil {
			return false, err
		}
		for _, s := range out.Services {
			if aws.ToString(s.Status) != "INACTIVE" {
				return false, nil
			}
		}
		return true, nil
	})
}

func deleteECSCluster(ctx context.Context, c *Clients, r Resource) error {
	return retryWhile(ctx, c, "ECS cluster "+r.ID+" to have no tasks", func(ctx context.Context) error {
		_, err := c.ECS.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: &r.ARN})
		return err
	}, "ClusterContainsTasksException", "ClusterContainsServicesException", "UpdateInProgressException")
}

func deleteECSTaskDefinition(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.ECS.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: &r.ARN})
	if err != nil {
		return err
	}
	if out.TaskDefinition != nil && out.TaskDefinition.Status == "ACTIVE" {
		if _, err := c.ECS.DeregisterTaskDefinition(ctx, &ecs.DeregisterTaskDefinitionInput{TaskDefinition: &r.ARN}); err != nil {
			return err
		}
	}
	del, err := c.ECS.DeleteTaskDefinitions(ctx, &ecs.DeleteTaskDefinitionsInput{TaskDefinitions: []string{r.ARN}})
	if err != nil {
		return err
	}
	if len(del.Failures) > 0 {
		return fmt.Errorf("%s", aws.ToString(del.Failures[0].Reason))
	}
	return nil
}

// ---- Batch ----

func deleteBatchJobQueue(ctx context.Context, c *Clients, r Resource) error {
	describe := func(ctx context.Context) (*batchtypes.JobQueueDetail, error) {
		out, err := c.Batch.DescribeJobQueues(ctx, &batch.DescribeJobQueuesInput{JobQueues: []string{r.ARN}})
		if err != nil || len(out.JobQueues) == 0 {
			return nil, err
		}
		return &out.JobQueues[0], nil
	}
	settled := func(ctx context.Context) (bool, error) {
		q, err := describe(ctx)
		return q == nil || (q.Status != batchtypes.JQStatusUpdating && q.Status != batchtypes.JQStatusCreating), err
	}
	q, err := describe(ctx)
	if err != nil {
		return err
	}
	if q == nil || q.Status == batchtypes.JQStatusDeleted {
		return nil
	}
	if q.Status != batchtypes.JQStatusDeleting {
		if q.State != batchtypes.JQStateDisabled {
			if _, err := c.Batch.UpdateJobQueue(ctx, &batch.UpdateJobQueueInput{JobQueue: &r.ARN, State: batchtypes.JQStateDisabled}); err != nil {
				return err
			}
		}
		if err := waitFor(ctx, c, "job queue "+r.ID+" to be disabled", settled); err != nil {
			return err
		}
		if _, err := c.Batch.DeleteJobQueue(ctx, &batch.DeleteJobQueueInput{JobQueue: &r.ARN}); err != nil {
			return err
		}
	}
	return waitGone(ctx, c, "job queue "+r.ID, func(ctx context.Context) (bool, error) {
		q, err := describe(ctx)
		return q == nil || q.Status == batchtypes.JQStatusDeleted, err
	})
}

func deleteBatchComputeEnvironment(ctx context.Context, c *Clients, r Resource) error {
	describe := func(ctx context.Context) (*batchtypes.ComputeEnvironmentDetail, error) {
		out, err := c.Batch.DescribeComputeEnvironments(ctx, &batch.DescribeComputeEnvironmentsInput{ComputeEnvironments: []string{r.ARN}})
		if err != nil || len(out.ComputeEnvironments) == 0 {
			return nil, err
		}
		return &out.ComputeEnvironments[0], nil
	}
	settled := func(ctx context.Context) (bool, error) {
		ce, err := describe(ctx)
		return ce == nil || (ce.Status != batchtypes.CEStatusUpdating && ce.Status != batchtypes.CEStatusCreating), err
	}
	ce, err := describe(ctx)
	if err != nil {
		return err
	}
	if ce == nil || ce.Status == batchtypes.CEStatusDeleted {
		return nil
	}
	if ce.Status != batchtypes.CEStatusDeleting {
		if ce.State != batchtypes.CEStateDisabled {
			if _, err := c.Batch.UpdateComputeEnvironment(ctx, &batch.UpdateComputeEnvironmentInput{ComputeEnvironment: &r.ARN, State: batchtypes.CEStateDisabled}); err != nil {
				return err
			}
		}
		if err := waitFor(ctx, c, "compute environment "+r.ID+" to be disabled", settled); err != nil {
			return err
		}
		// Batch answers ClientException to every refusal, so only two are
		// waited out. A queue deleted a moment ago may still be ordered onto
		// it: "Cannot delete, found existing JobQueue relationship"
		// (hashicorp/terraform-provider-aws#13221 and #46925, whose fix
		// #46927 retries on the same words). And it may have gone back to
		// UPDATING since the wait above: the refusal's wording is not
		// documented, so that case is told by describing it. Anything else
		// (a request or permission error) is final.
		updating := false
		if err := retryIf(ctx, c, "compute environment "+r.ID+" to leave its queues", func(ctx context.Context) error {
			_, err := c.Batch.DeleteComputeEnvironment(ctx, &batch.DeleteComputeEnvironmentInput{ComputeEnvironment: &r.ARN})
			updating = false
			if hasCode(err, "ClientException") {
				if ce, derr := describe(ctx); derr == nil && ce != nil && ce.Status == batchtypes.CEStatusUpdating {
					updating = true
				}
			}
			return err
		}, func(err error) bool {
			return updating || hasCodeMessage(err, "ClientException", "found existing JobQueue relationship")
		}); err != nil {
			return err
		}
	}
	return waitGone(ctx, c, "compute environment "+r.ID, func(ctx context.Context) (bool, error) {
		ce, err := describe(ctx)
		return ce == nil || ce.Status == batchtypes.CEStatusDeleted, err
	})
}

func deregisterBatchJobDefinition(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.Batch.DescribeJobDefinitions(ctx, &batch.DescribeJobDefinitionsInput{JobDefinitions: []string{r.ARN}})
	if err != nil {
		return err
	}
	for _, d := range out.JobDefinitions {
		if aws.ToString(d.Status) == "ACTIVE" {
			_, err := c.Batch.DeregisterJobDefinition(ctx, &batch.DeregisterJobDefinitionInput{JobDefinition: &r.ARN})
			return err
		}
	}
	return nil
}

// ---- Lambda, API Gateway, load balancers, ACM ----

func deleteLambdaFunction(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.Lambda.DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: &r.ID})
	return err
}

func deleteUsagePlan(ctx context.Context, c *Clients, r Resource) error {
	plan, err := c.APIGateway.GetUsagePlan(ctx, &apigateway.GetUsagePlanInput{UsagePlanId: &r.ID})
	if err != nil {
		return err
	}
	// A usage plan still attached to a stage cannot be deleted.
	for _, s := range plan.ApiStages {
		v := aws.ToString(s.ApiId) + ":" + aws.ToString(s.Stage)
		if _, err := c.APIGateway.UpdateUsagePlan(ctx, &apigateway.UpdateUsagePlanInput{
			UsagePlanId:     &r.ID,
			PatchOperations: []apigwtypes.PatchOperation{{Op: apigwtypes.OpRemove, Path: aws.String("/apiStages"), Value: &v}},
		}); err != nil && !isGone(err) {
			return fmt.Errorf("detaching stage %s: %w", v, err)
		}
	}
	_, err = c.APIGateway.DeleteUsagePlan(ctx, &apigateway.DeleteUsagePlanInput{UsagePlanId: &r.ID})
	return err
}

func deleteAPIKey(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.APIGateway.DeleteApiKey(ctx, &apigateway.DeleteApiKeyInput{ApiKey: &r.ID})
	return err
}

// deleteRestAPI retries throttling beyond the SDK's own retries: API
// Gateway allows about one REST API deletion per 30 seconds per account.
func deleteRestAPI(ctx context.Context, c *Clients, r Resource) error {
	return retryWhile(ctx, c, "REST API deletion quota", func(ctx context.Context) error {
		_, err := c.APIGateway.DeleteRestApi(ctx, &apigateway.DeleteRestApiInput{RestApiId: &r.ID})
		return err
	}, "TooManyRequestsException")
}

func deleteVPCLink(ctx context.Context, c *Clients, r Resource) error {
	if _, err := c.APIGateway.DeleteVpcLink(ctx, &apigateway.DeleteVpcLinkInput{VpcLinkId: &r.ID}); err != nil {
		return err
	}
	return waitGone(ctx, c, "VPC link "+r.ID, func(ctx context.Context) (bool, error) {
		_, err := c.APIGateway.GetVpcLink(ctx, &apigateway.GetVpcLinkInput{VpcLinkId: &r.ID})
		return false, err
	})
}

func deleteLoadBalancer(ctx context.Context, c *Clients, r Resource) error {
	if _, err := c.ELB.DeleteLoadBalancer(ctx, &elbv2.DeleteLoadBalancerInput{LoadBalancerArn: &r.ARN}); err != nil {
		return err
	}
	return waitGone(ctx, c, "load balancer", func(ctx context.Context) (bool, error) {
		out, err := c.ELB.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: []string{r.ARN}})
		if err != nil {
			return false, err
		}
		return len(out.LoadBalancers) == 0, nil
	})
}

func deleteTargetGroup(ctx context.Context, c *Clients, r Resource) error {
	return retryWhile(ctx, c, "target group to leave its load balancer", func(ctx context.Context) error {
		_, err := c.ELB.DeleteTargetGroup(ctx, &elbv2.DeleteTargetGroupInput{TargetGroupArn: &r.ARN})
		return err
	}, "ResourceInUse")
}

func deleteCertificate(ctx context.Context, c *Clients, r Resource) error {
	return retryWhile(ctx, c, "certificate to be released by its load balancer", func(ctx context.Context) error {
		_, err := c.ACM.DeleteCertificate(ctx, &acm.DeleteCertificateInput{CertificateArn: &r.ARN})
		return err
	}, "ResourceInUseException")
}

// ---- RDS ----

func deleteDBInstance(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.RDS.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: &r.ID})
	if err != nil {
		return err
	}
	if len(out.DBInstances) == 1 {
		db := out.DBInstances[0]
		if aws.ToBool(db.DeletionProtection) {
			if _, err := c.RDS.ModifyDBInstance(ctx, &rds.ModifyDBInstanceInput{DBInstanceIdentifier: &r.ID, DeletionProtection: aws.Bool(false), ApplyImmediately: aws.Bool(true)}); err != nil {
				return fmt.Errorf("turning off deletion protection: %w", err)
			}
		}
		if aws.ToString(db.DBInstanceStatus) != "deleting" {
			in := &rds.DeleteDBInstanceInput{DBInstanceIdentifier: &r.ID, SkipFinalSnapshot: aws.Bool(true)}
			// DeleteAutomatedBackups is for a stand-alone instance only: an
			// Aurora member's automated backups are its cluster's and go
			// with DeleteDBCluster (CloudFormation documents the
			// DBInstance property as not applicable to Aurora), and
			// Terraform's aws_rds_cluster_instance deletes a member with
			// the identifier alone.
			if db.DBClusterIdentifier == nil {
				in.DeleteAutomatedBackups = aws.Bool(true)
			}
			// Refused while the instance is still creating or modifying.
			if err := retryWhile(ctx, c, "DB instance "+r.ID+" to accept deletion", func(ctx context.Context) error {
				_, err := c.RDS.DeleteDBInstance(ctx, in)
				return err
			}, "InvalidDBInstanceState"); err != nil {
				return err
			}
		}
	}
	return waitGone(ctx, c, "DB instance "+r.ID, func(ctx context.Context) (bool, error) {
		out, err := c.RDS.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: &r.ID})
		if err != nil {
			return false, err
		}
		return len(out.DBInstances) == 0, nil
	})
}

func deleteDBCluster(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: &r.ID})
	if err != nil {
		return err
	}
	if len(out.DBClusters) == 1 {
		cl := out.DBClusters[0]
		if aws.ToBool(cl.DeletionProtection) {
			if _, err := c.RDS.ModifyDBCluster(ctx, &rds.ModifyDBClusterInput{DBClusterIdentifier: &r.ID, DeletionProtection: aws.Bool(false), ApplyImmediately: aws.Bool(true)}); err != nil {
				return fmt.Errorf("turning off deletion protection: %w", err)
			}
		}
		if aws.ToString(cl.Status) != "deleting" {
			// Refused while instances of the cluster are still going.
			if err := retryWhile(ctx, c, "DB cluster "+r.ID+" to accept deletion", func(ctx context.Context) error {
				_, err := c.RDS.DeleteDBCluster(ctx, &rds.DeleteDBClusterInput{
					DBClusterIdentifier:    &r.ID,
					SkipFinalSnapshot:      aws.Bool(true),
					DeleteAutomatedBackups: aws.Bool(true),
				})
				return err
			}, "InvalidDBClusterStateFault"); err != nil {
				return err
			}
		}
	}
	return waitGone(ctx, c, "DB cluster "+r.ID, func(ctx context.Context) (bool, error) {
		out, err := c.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: &r.ID})
		if err != nil {
			return false, err
		}
		return len(out.DBClusters) == 0, nil
	})
}

func deleteDBSubnetGroup(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.RDS.DeleteDBSubnetGroup(ctx, &rds.DeleteDBSubnetGroupInput{DBSubnetGroupName: &r.ID})
	return err
}

func deleteDBParameterGroup(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.RDS.DeleteDBParameterGroup(ctx, &rds.DeleteDBParameterGroupInput{DBParameterGroupName: &r.ID})
	return err
}

func deleteDBClusterParameterGroup(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.RDS.DeleteDBClusterParameterGroup(ctx, &rds.DeleteDBClusterParameterGroupInput{DBClusterParameterGroupName: &r.ID})
	return err
}

func deleteDBSnapshot(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.RDS.DeleteDBSnapshot(ctx, &rds.DeleteDBSnapshotInput{DBSnapshotIdentifier: &r.ID})
	return err
}

func deleteDBClusterSnapshot(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.RDS.DeleteDBClusterSnapshot(ctx, &rds.DeleteDBClusterSnapshotInput{DBClusterSnapshotIdentifier: &r.ID})
	return err
}

// ---- Secrets, keys, tables, buckets, repositories, logs ----

func deleteSecret(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.Secrets.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: &r.ARN, ForceDeleteWithoutRecovery: aws.Bool(true)})
	return err
}

func scheduleKeyDeletion(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.KMS.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: &r.ID})
	if err != nil {
		return err
	}
	md := out.KeyMetadata
	if md == nil {
		return fmt.Errorf("KMS returned no key metadata")
	}
	if md.KeyManager != kmstypes.KeyManagerTypeCustomer {
		return fmt.Errorf("refusing to delete a key managed by %s", md.KeyManager)
	}
	if md.KeyState == kmstypes.KeyStatePendingDeletion {
		return nil
	}
	aliases, err := c.KMS.ListAliases(ctx, &kms.ListAliasesInput{KeyId: &r.ID})
	if err != nil {
		return fmt.Errorf("listing aliases: %w", err)
	}
	for _, a := range aliases.Aliases {
		if _, err := c.KMS.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: a.AliasName}); err != nil && !isGone(err) {
			return fmt.Errorf("deleting alias %s: %w", aws.ToString(a.AliasName), err)
		}
	}
	_, err = c.KMS.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: &r.ID, PendingWindowInDays: aws.Int32(7)})
	return err
}

func deleteTable(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.DynamoDB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &r.ID})
	if err != nil {
		return err
	}
	if out.Table != nil && aws.ToBool(out.Table.DeletionProtectionEnabled) {
		if _, err := c.DynamoDB.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: &r.ID, DeletionProtectionEnabled: aws.Bool(false)}); err != nil {
			return fmt.Errorf("turning off deletion protection: %w", err)
		}
	}
	_, err = c.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: &r.ID})
	return err
}

func deleteRepository(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.ECR.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: &r.ID, Force: true})
	return err
}

func deleteLogGroup(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.Logs.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: &r.ID})
	return err
}
