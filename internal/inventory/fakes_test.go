package inventory

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	tagging "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	taggingtypes "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// calls records the API calls fakes receive, as "Method arg".
type calls struct {
	mu  sync.Mutex
	log []string
}

func (c *calls) add(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.log = append(c.log, fmt.Sprintf(format, args...))
}

func (c *calls) String() string { return strings.Join(c.log, "\n") }

// index is the position of the first call starting with prefix, or -1.
func (c *calls) index(prefix string) int {
	for i, l := range c.log {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	return -1
}

// Each fake embeds its interface: a method a test did not expect to be
// called panics on the nil embedded value, failing the test.

type fakeTagging struct {
	TaggingAPI
	calls *calls
	pages []*tagging.GetResourcesOutput
	err   error
	in    []*tagging.GetResourcesInput
}

func (f *fakeTagging) GetResources(_ context.Context, in *tagging.GetResourcesInput, _ ...func(*tagging.Options)) (*tagging.GetResourcesOutput, error) {
	f.in = append(f.in, in)
	f.calls.add("GetResources %s", strOr(in.PaginationToken))
	if f.err != nil {
		return nil, f.err
	}
	i := 0
	if in.PaginationToken != nil && *in.PaginationToken != "" {
		fmt.Sscanf(*in.PaginationToken, "p%d", &i)
	}
	// Filter like the real API, so a test sees what Find asked for.
	page := *f.pages[i]
	page.ResourceTagMappingList = nil
	for _, m := range f.pages[i].ResourceTagMappingList {
		if matchesFilters(m, in.TagFilters) {
			page.ResourceTagMappingList = append(page.ResourceTagMappingList, m)
		}
	}
	return &page, nil
}

func matchesFilters(m taggingtypes.ResourceTagMapping, fs []taggingtypes.TagFilter) bool {
	for _, f := range fs {
		ok := false
		for _, t := range m.Tags {
			if *t.Key == *f.Key && (len(f.Values) == 0 || slices.Contains(f.Values, *t.Value)) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func strOr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

type fakeRDS struct {
	RDSAPI
	calls       *calls
	snapshots   *rds.DescribeDBSnapshotsOutput
	instances   map[string]*rds.DescribeDBInstancesOutput // by identifier, nil -> not found
	deleteCalls []*rds.DeleteDBInstanceInput
}

func (f *fakeRDS) DescribeDBSnapshots(_ context.Context, in *rds.DescribeDBSnapshotsInput, _ ...func(*rds.Options)) (*rds.DescribeDBSnapshotsOutput, error) {
	f.calls.add("DescribeDBSnapshots type=%s id=%s", strOr(in.SnapshotType), strOr(in.DBSnapshotIdentifier))
	if in.DBSnapshotIdentifier != nil {
		for _, s := range f.snapshots.DBSnapshots {
			if *s.DBSnapshotIdentifier == *in.DBSnapshotIdentifier {
				return &rds.DescribeDBSnapshotsOutput{DBSnapshots: []rdsSnapshot{s}}, nil
			}
		}
		return nil, apiErr{"DBSnapshotNotFound"}
	}
	return f.snapshots, nil
}

func (f *fakeRDS) DescribeDBClusterSnapshots(context.Context, *rds.DescribeDBClusterSnapshotsInput, ...func(*rds.Options)) (*rds.DescribeDBClusterSnapshotsOutput, error) {
	f.calls.add("DescribeDBClusterSnapshots")
	return &rds.DescribeDBClusterSnapshotsOutput{}, nil
}

func (f *fakeRDS) DescribeDBInstances(_ context.Context, in *rds.DescribeDBInstancesInput, _ ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	f.calls.add("DescribeDBInstances %s", *in.DBInstanceIdentifier)
	out := f.instances[*in.DBInstanceIdentifier]
	if out == nil {
		return nil, apiErr{"DBInstanceNotFound"}
	}
	return out, nil
}

func (f *fakeRDS) ModifyDBInstance(_ context.Context, in *rds.ModifyDBInstanceInput, _ ...func(*rds.Options)) (*rds.ModifyDBInstanceOutput, error) {
	f.calls.add("ModifyDBInstance %s protection=%v", *in.DBInstanceIdentifier, *in.DeletionProtection)
	return &rds.ModifyDBInstanceOutput{}, nil
}

func (f *fakeRDS) DeleteDBInstance(_ context.Context, in *rds.DeleteDBInstanceInput, _ ...func(*rds.Options)) (*rds.DeleteDBInstanceOutput, error) {
	f.calls.add("DeleteDBInstance %s", *in.DBInstanceIdentifier)
	f.deleteCalls = append(f.deleteCalls, in)
	delete(f.instances, *in.DBInstanceIdentifier) // gone at the next describe
	return &rds.DeleteDBInstanceOutput{}, nil
}

type fakeLogs struct {
	LogsAPI
	calls  *calls
	groups *cloudwatchlogs.DescribeLogGroupsOutput
	tags   map[string]map[string]string // by ARN
	fail   map[string]error             // DeleteLogGroup by name
	tagErr map[string]error             // ListTagsForResource by ARN
}

func (f *fakeLogs) DescribeLogGroups(_ context.Context, in *cloudwatchlogs.DescribeLogGroupsInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogGroupsOutput, error) {
	f.calls.add("DescribeLogGroups %s", strOr(in.LogGroupNamePrefix))
	if in.LogGroupNamePrefix == nil {
		return f.groups, nil
	}
	out := &cloudwatchlogs.DescribeLogGroupsOutput{}
	for _, g := range f.groups.LogGroups {
		if strings.HasPrefix(*g.LogGroupName, *in.LogGroupNamePrefix) {
			out.LogGroups = append(out.LogGroups, g)
		}
	}
	return out, nil
}

func (f *fakeLogs) ListTagsForResource(_ context.Context, in *cloudwatchlogs.ListTagsForResourceInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.ListTagsForResourceOutput, error) {
	f.calls.add("ListTagsForResource %s", *in.ResourceArn)
	if err := f.tagErr[*in.ResourceArn]; err != nil {
		return nil, err
	}
	return &cloudwatchlogs.ListTagsForResourceOutput{Tags: f.tags[*in.ResourceArn]}, nil
}

func (f *fakeLogs) DeleteLogGroup(_ context.Context, in *cloudwatchlogs.DeleteLogGroupInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DeleteLogGroupOutput, error) {
	f.calls.add("DeleteLogGroup %s", *in.LogGroupName)
	return &cloudwatchlogs.DeleteLogGroupOutput{}, f.fail[*in.LogGroupName]
}

type fakeIAM struct {
	IAMAPI
	calls    *calls
	roles    []iamRole
	roleTags map[string][]iamTag
	profiles []iamProfile
	ipTags   map[string][]iamTag
}

func (f *fakeIAM) ListRoles(context.Context, *iam.ListRolesInput, ...func(*iam.Options)) (*iam.ListRolesOutput, error) {
	f.calls.add("ListRoles")
	return &iam.ListRolesOutput{Roles: f.roles}, nil
}

func (f *fakeIAM) ListRoleTags(_ context.Context, in *iam.ListRoleTagsInput, _ ...func(*iam.Options)) (*iam.ListRoleTagsOutput, error) {
	f.calls.add("ListRoleTags %s", *in.RoleName)
	return &iam.ListRoleTagsOutput{Tags: f.roleTags[*in.RoleName]}, nil
}

func (f *fakeIAM) ListPolicies(_ context.Context, in *iam.ListPoliciesInput, _ ...func(*iam.Options)) (*iam.ListPoliciesOutput, error) {
	f.calls.add("ListPolicies scope=%s", in.Scope)
	return &iam.ListPoliciesOutput{}, nil
}

func (f *fakeIAM) ListInstanceProfiles(context.Context, *iam.ListInstanceProfilesInput, ...func(*iam.Options)) (*iam.ListInstanceProfilesOutput, error) {
	f.calls.add("ListInstanceProfiles")
	return &iam.ListInstanceProfilesOutput{InstanceProfiles: f.profiles}, nil
}

func (f *fakeIAM) ListInstanceProfileTags(_ context.Context, in *iam.ListInstanceProfileTagsInput, _ ...func(*iam.Options)) (*iam.ListInstanceProfileTagsOutput, error) {
	f.calls.add("ListInstanceProfileTags %s", *in.InstanceProfileName)
	return &iam.ListInstanceProfileTagsOutput{Tags: f.ipTags[*in.InstanceProfileName]}, nil
}

func (f *fakeIAM) ListOpenIDConnectProviders(context.Context, *iam.ListOpenIDConnectProvidersInput, ...func(*iam.Options)) (*iam.ListOpenIDConnectProvidersOutput, error) {
	f.calls.add("ListOpenIDConnectProviders")
	return &iam.ListOpenIDConnectProvidersOutput{}, nil
}

type fakeELB struct {
	ELBAPI
	calls *calls
}

func (f *fakeELB) DescribeListeners(_ context.Context, in *elbv2.DescribeListenersInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeListenersOutput, error) {
	f.calls.add("DescribeListeners %s", in.ListenerArns[0])
	return nil, apiErr{"ListenerNotFound"}
}

type fakeECS struct {
	ECSAPI
	calls    *calls
	status   map[string]string // task definition ARN -> status
	clusters map[string]string // cluster name -> status; absent: MISSING
}

func (f *fakeECS) DescribeClusters(_ context.Context, in *ecs.DescribeClustersInput, _ ...func(*ecs.Options)) (*ecs.DescribeClustersOutput, error) {
	f.calls.add("DescribeClusters %s", in.Clusters[0])
	out := &ecs.DescribeClustersOutput{}
	name := in.Clusters[0][strings.LastIndex(in.Clusters[0], "/")+1:]
	if st, ok := f.clusters[name]; ok {
		out.Clusters = append(out.Clusters, ecstypes.Cluster{ClusterName: &name, Status: &st})
	} else {
		out.Failures = append(out.Failures, ecstypes.Failure{Arn: &in.Clusters[0], Reason: strp("MISSING")})
	}
	return out, nil
}

type fakeEKS struct {
	EKSAPI
	calls    *calls
	clusters map[string]bool // existing clusters
}

func (f *fakeEKS) DescribeCluster(_ context.Context, in *eks.DescribeClusterInput, _ ...func(*eks.Options)) (*eks.DescribeClusterOutput, error) {
	f.calls.add("DescribeCluster %s", *in.Name)
	if !f.clusters[*in.Name] {
		return nil, apiErr{"ResourceNotFoundException"}
	}
	return &eks.DescribeClusterOutput{Cluster: &ekstypes.Cluster{Name: in.Name}}, nil
}

func (f *fakeECS) DescribeTaskDefinition(_ context.Context, in *ecs.DescribeTaskDefinitionInput, _ ...func(*ecs.Options)) (*ecs.DescribeTaskDefinitionOutput, error) {
	f.calls.add("DescribeTaskDefinition %s", *in.TaskDefinition)
	if f.status[*in.TaskDefinition] == "UNDESCRIBABLE" {
		// ECS: "You can only describe INACTIVE task definitions while an
		// active task or service references them"; otherwise (and once
		// deleted) it answers ClientException.
		return nil, apiErr{"ClientException"}
	}
	return &ecs.DescribeTaskDefinitionOutput{TaskDefinition: &ecsTaskDef{Status: ecsTaskDefStatus(f.status[*in.TaskDefinition])}}, nil
}

type fakeKMS struct {
	KMSAPI
	calls *calls
	keys  map[string]*kmsKeyMetadata
}

func (f *fakeKMS) DescribeKey(_ context.Context, in *kms.DescribeKeyInput, _ ...func(*kms.Options)) (*kms.DescribeKeyOutput, error) {
	f.calls.add("DescribeKey %s", *in.KeyId)
	return &kms.DescribeKeyOutput{KeyMetadata: f.keys[*in.KeyId]}, nil
}

func (f *fakeKMS) ListAliases(_ context.Context, in *kms.ListAliasesInput, _ ...func(*kms.Options)) (*kms.ListAliasesOutput, error) {
	f.calls.add("ListAliases %s", *in.KeyId)
	return &kms.ListAliasesOutput{Aliases: []kmsAlias{{AliasName: strp("alias/mfdt-run001-s3")}}}, nil
}

func (f *fakeKMS) DeleteAlias(_ context.Context, in *kms.DeleteAliasInput, _ ...func(*kms.Options)) (*kms.DeleteAliasOutput, error) {
	f.calls.add("DeleteAlias %s", *in.AliasName)
	return &kms.DeleteAliasOutput{}, nil
}

func (f *fakeKMS) ScheduleKeyDeletion(_ context.Context, in *kms.ScheduleKeyDeletionInput, _ ...func(*kms.Options)) (*kms.ScheduleKeyDeletionOutput, error) {
	f.calls.add("ScheduleKeyDeletion %s days=%d", *in.KeyId, *in.PendingWindowInDays)
	return &kms.ScheduleKeyDeletionOutput{}, nil
}

type fakeS3 struct {
	S3API
	calls    *calls
	buckets  []s3Bucket
	versions []*s3.ListObjectVersionsOutput // pages
	deleted  []string
}

func (f *fakeS3) ListBuckets(_ context.Context, in *s3.ListBucketsInput, _ ...func(*s3.Options)) (*s3.ListBucketsOutput, error) {
	f.calls.add("ListBuckets")
	// Like S3: BucketRegion is in the answer only when the request has at
	// least one parameter (max-buckets, prefix, bucket-region or a token).
	withRegion := in.MaxBuckets != nil || in.Prefix != nil || in.BucketRegion != nil || in.ContinuationToken != nil
	out := &s3.ListBucketsOutput{}
	for _, b := range f.buckets {
		if !withRegion {
			b.BucketRegion = nil
		}
		out.Buckets = append(out.Buckets, b)
	}
	return out, nil
}

func (f *fakeS3) ListObjectVersions(_ context.Context, in *s3.ListObjectVersionsInput, _ ...func(*s3.Options)) (*s3.ListObjectVersionsOutput, error) {
	f.calls.add("ListObjectVersions %s from %s", *in.Bucket, strOr(in.KeyMarker))
	i := 0
	if in.KeyMarker != nil {
		fmt.Sscanf(*in.KeyMarker, "p%d", &i)
	}
	return f.versions[i], nil
}

func (f *fakeS3) DeleteObjects(_ context.Context, in *s3.DeleteObjectsInput, _ ...func(*s3.Options)) (*s3.DeleteObjectsOutput, error) {
	f.calls.add("DeleteObjects %s n=%d", *in.Bucket, len(in.Delete.Objects))
	for _, o := range in.Delete.Objects {
		f.deleted = append(f.deleted, *o.Key+"@"+*o.VersionId)
	}
	return &s3.DeleteObjectsOutput{}, nil
}

func (f *fakeS3) DeleteBucket(_ context.Context, in *s3.DeleteBucketInput, _ ...func(*s3.Options)) (*s3.DeleteBucketOutput, error) {
	f.calls.add("DeleteBucket %s", *in.Bucket)
	return &s3.DeleteBucketOutput{}, nil
}

type fakeEC2 struct {
	EC2API
	calls  *calls
	groups map[string]*ec2SG
	enis   map[string][]ec2ENI   // by group id
	natgw  ec2NATState           // what DescribeNatGateways reports, forever
	vpce   map[string]vpceAnswer // how DeleteVpcEndpoints/DescribeVpcEndpoints answer, by id
	gone   map[string]bool       // ids Describe* reports as not found
	// eniFails: DeleteNetworkInterface fails this many times per id
	// before it succeeds (an interface "available" a moment too early).
	eniFails map[string]int
}

func (f *fakeEC2) DescribeVpcs(_ context.Context, in *ec2.DescribeVpcsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error) {
	f.calls.add("DescribeVpcs %s", in.VpcIds[0])
	if f.gone[in.VpcIds[0]] {
		return nil, apiErr{"InvalidVpcID.NotFound"}
	}
	return &ec2.DescribeVpcsOutput{Vpcs: []ec2types.Vpc{{VpcId: &in.VpcIds[0]}}}, nil
}

func (f *fakeEC2) DescribeSubnets(_ context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	f.calls.add("DescribeSubnets %s", in.SubnetIds[0])
	if f.gone[in.SubnetIds[0]] {
		return nil, apiErr{"InvalidSubnetID.NotFound"}
	}
	return &ec2.DescribeSubnetsOutput{Subnets: []ec2types.Subnet{{SubnetId: &in.SubnetIds[0]}}}, nil
}

func (f *fakeEC2) DescribeSecurityGroups(_ context.Context, in *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	f.calls.add("DescribeSecurityGroups %s", in.GroupIds[0])
	sg := f.groups[in.GroupIds[0]]
	if sg == nil {
		return nil, apiErr{"InvalidGroup.NotFound"}
	}
	return &ec2.DescribeSecurityGroupsOutput{SecurityGroups: []ec2SG{*sg}}, nil
}

func (f *fakeEC2) RevokeSecurityGroupIngress(_ context.Context, in *ec2.RevokeSecurityGroupIngressInput, _ ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error) {
	f.calls.add("RevokeSecurityGroupIngress %s n=%d", *in.GroupId, len(in.IpPermissions))
	f.groups[*in.GroupId].IpPermissions = nil
	return &ec2.RevokeSecurityGroupIngressOutput{}, nil
}

func (f *fakeEC2) RevokeSecurityGroupEgress(_ context.Context, in *ec2.RevokeSecurityGroupEgressInput, _ ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupEgressOutput, error) {
	f.calls.add("RevokeSecurityGroupEgress %s n=%d", *in.GroupId, len(in.IpPermissions))
	f.groups[*in.GroupId].IpPermissionsEgress = nil
	return &ec2.RevokeSecurityGroupEgressOutput{}, nil
}

func (f *fakeEC2) DescribeNetworkInterfaces(_ context.Context, in *ec2.DescribeNetworkInterfacesInput, _ ...func(*ec2.Options)) (*ec2.DescribeNetworkInterfacesOutput, error) {
	g := in.Filters[0].Values[0]
	f.calls.add("DescribeNetworkInterfaces group=%s", g)
	return &ec2.DescribeNetworkInterfacesOutput{NetworkInterfaces: f.enis[g]}, nil
}

func (f *fakeEC2) DeleteNetworkInterface(_ context.Context, in *ec2.DeleteNetworkInterfaceInput, _ ...func(*ec2.Options)) (*ec2.DeleteNetworkInterfaceOutput, error) {
	f.calls.add("DeleteNetworkInterface %s", *in.NetworkInterfaceId)
	if f.eniFails[*in.NetworkInterfaceId] > 0 {
		f.eniFails[*in.NetworkInterfaceId]--
		return nil, apiErr{"InvalidNetworkInterface.InUse"}
	}
	for g, list := range f.enis {
		var keep []ec2ENI
		for _, e := range list {
			if *e.NetworkInterfaceId != *in.NetworkInterfaceId {
				keep = append(keep, e)
			}
		}
		f.enis[g] = keep
	}
	return &ec2.DeleteNetworkInterfaceOutput{}, nil
}

func (f *fakeEC2) DeleteSecurityGroup(_ context.Context, in *ec2.DeleteSecurityGroupInput, _ ...func(*ec2.Options)) (*ec2.DeleteSecurityGroupOutput, error) {
	f.calls.add("DeleteSecurityGroup %s", *in.GroupId)
	// AWS refuses while another group's rule references this one.
	for id, sg := range f.groups {
		for _, p := range append(sg.IpPermissions, sg.IpPermissionsEgress...) {
			for _, pair := range p.UserIdGroupPairs {
				if *pair.GroupId == *in.GroupId && id != *in.GroupId {
					return nil, apiErr{"DependencyViolation"}
				}
			}
		}
	}
	delete(f.groups, *in.GroupId)
	return &ec2.DeleteSecurityGroupOutput{}, nil
}

func (f *fakeEC2) DeleteNatGateway(_ context.Context, in *ec2.DeleteNatGatewayInput, _ ...func(*ec2.Options)) (*ec2.DeleteNatGatewayOutput, error) {
	f.calls.add("DeleteNatGateway %s", *in.NatGatewayId)
	return &ec2.DeleteNatGatewayOutput{}, nil
}

// vpceAnswer is how EC2 answers for one VPC endpoint: refused is the error
// code DeleteVpcEndpoints puts in Unsuccessful ("" for none), state what
// DescribeVpcEndpoints reports afterwards.
type vpceAnswer struct {
	refused string
	state   ec2types.State
}

func (f *fakeEC2) DeleteVpcEndpoints(_ context.Context, in *ec2.DeleteVpcEndpointsInput, _ ...func(*ec2.Options)) (*ec2.DeleteVpcEndpointsOutput, error) {
	f.calls.add("DeleteVpcEndpoints %s", in.VpcEndpointIds[0])
	out := &ec2.DeleteVpcEndpointsOutput{}
	if a := f.vpce[in.VpcEndpointIds[0]]; a.refused != "" {
		out.Unsuccessful = []ec2types.UnsuccessfulItem{{
			ResourceId: strp(in.VpcEndpointIds[0]),
			Error:      &ec2types.UnsuccessfulItemError{Code: strp(a.refused), Message: strp("The vpcEndpoint ID '" + in.VpcEndpointIds[0] + "' answers " + a.refused)},
		}}
	}
	return out, nil
}

func (f *fakeEC2) DescribeVpcEndpoints(_ context.Context, in *ec2.DescribeVpcEndpointsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcEndpointsOutput, error) {
	f.calls.add("DescribeVpcEndpoints %s", in.VpcEndpointIds[0])
	return &ec2.DescribeVpcEndpointsOutput{VpcEndpoints: []ec2types.VpcEndpoint{{VpcEndpointId: strp(in.VpcEndpointIds[0]), State: f.vpce[in.VpcEndpointIds[0]].state}}}, nil
}

func (f *fakeEC2) DescribeNatGateways(_ context.Context, in *ec2.DescribeNatGatewaysInput, _ ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error) {
	f.calls.add("DescribeNatGateways %s", in.NatGatewayIds[0])
	return &ec2.DescribeNatGatewaysOutput{NatGateways: []ec2NAT{{NatGatewayId: strp(in.NatGatewayIds[0]), State: f.natgw}}}, nil
}

type fakeBatch struct {
	BatchAPI
	calls *calls
	queue *batchQueue // nil once deleted
}

func (f *fakeBatch) DescribeJobQueues(context.Context, *batch.DescribeJobQueuesInput, ...func(*batch.Options)) (*batch.DescribeJobQueuesOutput, error) {
	f.calls.add("DescribeJobQueues")
	if f.queue == nil {
		return &batch.DescribeJobQueuesOutput{}, nil
	}
	return &batch.DescribeJobQueuesOutput{JobQueues: []batchQueue{*f.queue}}, nil
}

func (f *fakeBatch) UpdateJobQueue(_ context.Context, in *batch.UpdateJobQueueInput, _ ...func(*batch.Options)) (*batch.UpdateJobQueueOutput, error) {
	f.calls.add("UpdateJobQueue %s", in.State)
	f.queue.State = in.State
	return &batch.UpdateJobQueueOutput{}, nil
}

func (f *fakeBatch) DeleteJobQueue(_ context.Context, in *batch.DeleteJobQueueInput, _ ...func(*batch.Options)) (*batch.DeleteJobQueueOutput, error) {
	f.calls.add("DeleteJobQueue state=%s", f.queue.State)
	if f.queue.State != "DISABLED" {
		return nil, apiErr{"ClientException"}
	}
	f.queue = nil
	return &batch.DeleteJobQueueOutput{}, nil
}
