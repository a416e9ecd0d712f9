package inventory

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwltypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	tagging "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	taggingtypes "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

const (
	run1 = "mfdt-run001"
	run2 = "mfdt-run002"
)

var t0 = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)

func mapping(arn string, tags ...string) taggingtypes.ResourceTagMapping {
	m := taggingtypes.ResourceTagMapping{ResourceARN: aws.String(arn)}
	for i := 0; i+1 < len(tags); i += 2 {
		m.Tags = append(m.Tags, taggingtypes.Tag{Key: aws.String(tags[i]), Value: aws.String(tags[i+1])})
	}
	return m
}

// world is one region with two runs' leftovers, stale tagging entries and
// untagged AWS-created log groups.
func world(log *calls) *Clients {
	pages := []*tagging.GetResourcesOutput{
		{
			PaginationToken: aws.String("p1"),
			ResourceTagMappingList: []taggingtypes.ResourceTagMapping{
				mapping("arn:aws:ec2:us-east-1:1:vpc/vpc-1", RunTagKey, run1),
				mapping("arn:aws:ec2:us-east-1:1:vpc/vpc-deleted", RunTagKey, run1),                                   // stale
				mapping("arn:aws:elasticloadbalancing:us-east-1:1:listener/net/mfdt-run001-nlb/a/b", RunTagKey, run1), // stale
				mapping("arn:aws:ecs:us-east-1:1:task-definition/mfdt-run001-metadata-service:1", RunTagKey, run1),    // INACTIVE
				mapping("arn:aws:ecs:us-east-1:1:task-definition/mfdt-run001-metadata-service:2", RunTagKey, run1),    // ACTIVE
			},
		},
		{
			ResourceTagMappingList: []taggingtypes.ResourceTagMapping{
				mapping("arn:aws:kms:us-east-1:1:key/k-pending", RunTagKey, run1),
				mapping("arn:aws:s3:::mfdt-run001-s3", RunTagKey, run1),
				mapping("arn:aws:ec2:us-east-1:1:subnet/subnet-2", RunTagKey, run2),
				mapping("arn:aws:logs:us-east-1:1:log-group:/aws/lambda/mfdt-run001-db-migrate", RunTagKey, run1),
			},
		},
	}
	return &Clients{
		Region:  "us-east-1",
		Tagging: &fakeTagging{calls: log, pages: pages},
		RDS: &fakeRDS{calls: log, snapshots: &rds.DescribeDBSnapshotsOutput{DBSnapshots: []rdstypes.DBSnapshot{
			{DBSnapshotIdentifier: aws.String("mfdt-run001-db-final-brave-cat"), DBSnapshotArn: aws.String("arn:aws:rds:us-east-1:1:snapshot:mfdt-run001-db-final-brave-cat"),
				SnapshotCreateTime: aws.Time(t0.Add(2 * time.Hour)), TagList: []rdstypes.Tag{{Key: aws.String(RunTagKey), Value: aws.String(run1)}}},
			{DBSnapshotIdentifier: aws.String("someone-elses"), DBSnapshotArn: aws.String("arn:aws:rds:us-east-1:1:snapshot:someone-elses"),
				SnapshotCreateTime: aws.Time(t0)},
		}}},
		IAM: &fakeIAM{
			calls: log,
			roles: []iamtypes.Role{
				{RoleName: aws.String("mfdt-run001-batch"), Arn: aws.String("arn:aws:iam::1:role/mfdt-run001-batch"), Path: aws.String("/"), CreateDate: aws.Time(t0.Add(time.Minute))},
				{RoleName: aws.String("prod-app"), Arn: aws.String("arn:aws:iam::1:role/prod-app"), Path: aws.String("/")},
				{RoleName: aws.String("AWSServiceRoleForECS"), Arn: aws.String("arn:aws:iam::1:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"), Path: aws.String("/aws-service-role/ecs.amazonaws.com/")},
			},
			roleTags: map[string][]iamtypes.Tag{
				"mfdt-run001-batch": {{Key: aws.String(RunTagKey), Value: aws.String(run1)}},
				"prod-app":          {{Key: aws.String("team"), Value: aws.String("prod")}},
			},
			profiles: []iamtypes.InstanceProfile{{InstanceProfileName: aws.String("mfdt-run002-ecs-instance"), Arn: aws.String("arn:aws:iam::1:instance-profile/mfdt-run002-ecs-instance"), CreateDate: aws.Time(t0.Add(5 * time.Hour))}},
			ipTags:   map[string][]iamtypes.Tag{"mfdt-run002-ecs-instance": {{Key: aws.String(RunTagKey), Value: aws.String(run2)}}},
		},
		Logs: &fakeLogs{calls: log, groups: &cloudwatchlogs.DescribeLogGroupsOutput{LogGroups: []cwltypes.LogGroup{
			{LogGroupName: aws.String("/aws/lambda/mfdt-run001-db-migrate"), LogGroupArn: aws.String("arn:aws:logs:us-east-1:1:log-group:/aws/lambda/mfdt-run001-db-migrate"), CreationTime: aws.Int64(t0.Add(30 * time.Minute).UnixMilli())},
			{LogGroupName: aws.String("/aws/ecs/containerinsights/mfdt-run001-metadata/performance"), Arn: aws.String("arn:aws:logs:us-east-1:1:log-group:/aws/ecs/containerinsights/mfdt-run001-metadata/performance:*"), CreationTime: aws.Int64(t0.Add(40 * time.Minute).UnixMilli())},
			{LogGroupName: aws.String("/aws/lambda/unrelated"), LogGroupArn: aws.String("arn:aws:logs:us-east-1:1:log-group:/aws/lambda/unrelated"), CreationTime: aws.Int64(t0.UnixMilli())},
		}}},
		ELB: &fakeELB{calls: log},
		EC2: &fakeEC2{calls: log, gone: map[string]bool{"vpc-deleted": true}},
		ECS: &fakeECS{calls: log, status: map[string]string{
			"arn:aws:ecs:us-east-1:1:task-definition/mfdt-run001-metadata-service:1": "INACTIVE",
			"arn:aws:ecs:us-east-1:1:task-definition/mfdt-run001-metadata-service:2": "ACTIVE",
		}},
		KMS: &fakeKMS{calls: log, keys: map[string]*kmstypes.KeyMetadata{
			"k-pending": {KeyState: kmstypes.KeyStatePendingDeletion, KeyManager: kmstypes.KeyManagerTypeCustomer},
		}},
		S3: &fakeS3{calls: log, buckets: []s3types.Bucket{{Name: aws.String("mfdt-run001-s3"), CreationDate: aws.Time(t0)}}},
	}
}

func arns(rs []Resource) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ARN)
	}
	sort.Strings(out)
	return out
}

func TestFindCombinesSourcesAndDropsStale(t *testing.T) {
	log := &calls{}
	c := world(log)
	rs, err := Find(context.Background(), c, Filter{TagKey: RunTagKey, TagValue: run1})
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	want := []string{
		"arn:aws:ec2:us-east-1:1:vpc/vpc-1",
		"arn:aws:ecs:us-east-1:1:task-definition/mfdt-run001-metadata-service:2",
		"arn:aws:iam::1:role/mfdt-run001-batch",
		"arn:aws:logs:us-east-1:1:log-group:/aws/ecs/containerinsights/mfdt-run001-metadata/performance",
		"arn:aws:logs:us-east-1:1:log-group:/aws/lambda/mfdt-run001-db-migrate",
		"arn:aws:rds:us-east-1:1:snapshot:mfdt-run001-db-final-brave-cat",
		"arn:aws:s3:::mfdt-run001-s3",
	}
	if got := arns(rs); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Find returned\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	in := c.Tagging.(*fakeTagging).in
	if len(in) != 2 || aws.ToString(in[1].PaginationToken) != "p1" {
		t.Errorf("tagging API not paginated: %d calls", len(in))
	}
	if f := in[0].TagFilters; len(f) != 1 || aws.ToString(f[0].Key) != RunTagKey || len(f[0].Values) != 1 || f[0].Values[0] != run1 {
		t.Errorf("tag filter sent = %+v, want %s=%s", f, RunTagKey, run1)
	}
	if log.index("ListRoleTags AWSServiceRoleForECS") >= 0 {
		t.Error("service-linked role's tags were read; it can never be the run's")
	}
	if log.index("DescribeDBSnapshots type=manual") < 0 {
		t.Errorf("RDS manual snapshots not listed:\n%s", log)
	}
	for _, r := range rs {
		if r.Key() == "s3:bucket" && r.Region != "us-east-1" {
			t.Errorf("bucket region = %q, want the clients' region", r.Region)
		}
		if r.Key() == "iam:role" && r.Region != "" {
			t.Errorf("IAM role region = %q, want global", r.Region)
		}
	}
}

func TestFindAges(t *testing.T) {
	rs, err := Find(context.Background(), world(&calls{}), Filter{TagKey: RunTagKey, TagValue: run1})
	if err != nil {
		t.Fatal(err)
	}
	created := map[string]time.Time{}
	for _, r := range rs {
		created[r.ARN] = r.Created
	}
	cases := map[string]time.Time{
		"arn:aws:s3:::mfdt-run001-s3":                                           t0,                       // ListBuckets
		"arn:aws:rds:us-east-1:1:snapshot:mfdt-run001-db-final-brave-cat":       t0.Add(2 * time.Hour),    // snapshot time
		"arn:aws:iam::1:role/mfdt-run001-batch":                                 t0.Add(time.Minute),      // role CreateDate
		"arn:aws:logs:us-east-1:1:log-group:/aws/lambda/mfdt-run001-db-migrate": t0.Add(30 * time.Minute), // log group creationTime
		"arn:aws:ec2:us-east-1:1:vpc/vpc-1":                                     t0,                       // no date: the run's earliest
	}
	for arn, want := range cases {
		if got := created[arn]; !got.Equal(want) {
			t.Errorf("%s Created = %v, want %v", arn, got, want)
		}
	}
}

func TestFindOlderThan(t *testing.T) {
	now := t0.Add(7 * time.Hour)
	rs, err := Find(context.Background(), world(&calls{}), Filter{TagKey: RunTagKey, OlderThan: 6 * time.Hour, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		age, ok := r.Age(now)
		if !ok || age < 6*time.Hour {
			t.Errorf("%s kept with age %v (known %v), want only resources 6h or older", r.ARN, age, ok)
		}
		if strings.Contains(r.ARN, "subnet-2") || strings.Contains(r.ARN, run2) {
			t.Errorf("run2 (2h old) resource kept: %s", r.ARN)
		}
	}
	if len(rs) < 5 {
		t.Errorf("only %d old resources found: %q", len(rs), arns(rs))
	}
	// Without a run value, log groups are still matched by the run ids
	// found tagged.
	found := false
	for _, r := range rs {
		if strings.Contains(r.ID, "containerinsights/mfdt-run001") {
			found = true
		}
	}
	if !found {
		t.Error("untagged Container Insights log group of an old run not found by name")
	}
}

func TestFindRefusesWithoutTagKey(t *testing.T) {
	log := &calls{}
	if _, err := Find(context.Background(), world(log), Filter{}); err == nil {
		t.Error("Find with no tag key succeeded; it would list the whole account")
	}
	if len(log.log) != 0 {
		t.Errorf("AWS called without a tag key:\n%s", log)
	}
}

func TestFindFailsWhenAListFails(t *testing.T) {
	c := world(&calls{})
	c.Tagging.(*fakeTagging).err = errors.New("AccessDenied")
	_, err := Find(context.Background(), c, Filter{TagKey: RunTagKey})
	if err == nil || !strings.Contains(err.Error(), "tagging API") || !strings.Contains(err.Error(), "AccessDenied") {
		t.Errorf("err = %v, want the tagging API failure", err)
	}
}

func TestFindSkipIAM(t *testing.T) {
	log := &calls{}
	c := world(log)
	c.SkipIAM = true
	if _, err := Find(context.Background(), c, Filter{TagKey: RunTagKey, TagValue: run1}); err != nil {
		t.Fatal(err)
	}
	if log.index("ListRoles") >= 0 {
		t.Error("IAM listed with SkipIAM set")
	}
}

func TestLeftovers(t *testing.T) {
	if _, err := Leftovers(context.Background(), world(&calls{}), ""); err == nil {
		t.Error("Leftovers accepted an empty run id")
	}
	c := world(&calls{})
	rs, err := Leftovers(context.Background(), c, run1)
	if err != nil {
		t.Fatal(err)
	}
	if f := c.Tagging.(*fakeTagging).in[0].TagFilters[0]; len(f.Values) != 1 || f.Values[0] != run1 {
		t.Errorf("Leftovers filter = %+v, want the run id", f)
	}
	d := describeAt(rs, t0.Add(3*time.Hour))
	if !strings.HasPrefix(d, "7 resource(s):") {
		t.Errorf("Describe header wrong:\n%s", d)
	}
	// Deletion order: the task definition (ECS) before the VPC, IAM last.
	if strings.Index(d, "task-definition") > strings.Index(d, "vpc/vpc-1") || strings.Index(d, "iam:role") < strings.Index(d, "vpc/vpc-1") {
		t.Errorf("Describe not in deletion order:\n%s", d)
	}
	if !strings.Contains(d, "age 3h00m") {
		t.Errorf("Describe lacks the bucket's age:\n%s", d)
	}
	if Describe(nil) != "no resources" {
		t.Errorf("Describe(nil) = %q", Describe(nil))
	}
}

func TestFindPlacesBucketsInTheirRegion(t *testing.T) {
	c := world(&calls{})
	c.S3.(*fakeS3).buckets[0].BucketRegion = aws.String("eu-west-1")
	rs, err := Find(context.Background(), c, Filter{TagKey: RunTagKey, TagValue: run1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Key() == "s3:bucket" && r.Region != "eu-west-1" {
			t.Errorf("bucket region = %q, want eu-west-1 from ListBuckets (S3 refuses deletes from another region)", r.Region)
		}
	}
}

// A -run value that is not a deploy run id (a typo, a team's own tag value)
// must select by tag only: matching log group names with it would sweep up
// every group of the account that contains the word.
func TestFindMatchesLogGroupNamesOnlyWithRunIDs(t *testing.T) {
	for _, value := range []string{"metaflow", "metaflow-prod", "mfdt-run001-extra", "mfdt-ab"} {
		c := world(&calls{})
		logs := c.Logs.(*fakeLogs)
		logs.groups.LogGroups = append(logs.groups.LogGroups,
			cwltypes.LogGroup{LogGroupName: aws.String("/ecs/" + value + "-metadata-service"), LogGroupArn: aws.String("arn:aws:logs:us-east-1:1:log-group:/ecs/" + value + "-metadata-service"), CreationTime: aws.Int64(t0.UnixMilli())},
			cwltypes.LogGroup{LogGroupName: aws.String("/aws/batch/" + value), LogGroupArn: aws.String("arn:aws:logs:us-east-1:1:log-group:/aws/batch/" + value), CreationTime: aws.Int64(t0.UnixMilli())})
		rs, err := Find(context.Background(), c, Filter{TagKey: RunTagKey, TagValue: value})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Key() == "logs:log-group" && r.Run() != value {
				t.Errorf("-run %q selected the untagged log group %s by its name", value, r.ID)
			}
		}
	}
	// A real run id still finds its untagged groups by name.
	rs, err := Find(context.Background(), world(&calls{}), Filter{TagKey: RunTagKey, TagValue: run1})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		found = found || strings.Contains(r.ID, "containerinsights/"+run1)
	}
	if !found {
		t.Errorf("run id %s did not find its untagged Container Insights group by name", run1)
	}
}

// Children AWS deletes with their parent (ECS tasks, stopped but listed for
// a while; EKS add-ons and access entries) are not leftovers once the parent
// is gone: the audit after destroy would report them as leaks.
func TestFindDropsChildrenOfDeletedParents(t *testing.T) {
	log := &calls{}
	c := world(log)
	tg := c.Tagging.(*fakeTagging)
	tg.pages[1].ResourceTagMappingList = append(tg.pages[1].ResourceTagMappingList,
		mapping("arn:aws:ecs:us-east-1:1:task/mfdt-run001-metadata/0a1b2c", RunTagKey, run1), // cluster INACTIVE
		mapping("arn:aws:ecs:us-east-1:1:task/mfdt-run001-ui/3d4e5f", RunTagKey, run1),       // cluster ACTIVE
		mapping("arn:aws:eks:us-east-1:1:addon/mfdt-run001-eks/coredns/u1", RunTagKey, run1), // cluster gone
		mapping("arn:aws:eks:us-east-1:1:access-entry/mfdt-run001-eks/role/1/admin/u2", RunTagKey, run1),
		mapping("arn:aws:eks:us-east-1:1:addon/mfdt-run001-eks2/vpc-cni/u3", RunTagKey, run1), // cluster exists
	)
	c.ECS.(*fakeECS).clusters = map[string]string{"mfdt-run001-metadata": "INACTIVE", "mfdt-run001-ui": "ACTIVE"}
	c.EKS = &fakeEKS{calls: log, clusters: map[string]bool{"mfdt-run001-eks2": true}}
	rs, err := Find(context.Background(), c, Filter{TagKey: RunTagKey, TagValue: run1})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(arns(rs), "\n")
	for _, gone := range []string{"task/mfdt-run001-metadata/", "addon/mfdt-run001-eks/", "access-entry/mfdt-run001-eks/"} {
		if strings.Contains(got, gone) {
			t.Errorf("%s listed although its parent is gone:\n%s", gone, got)
		}
	}
	for _, kept := range []string{"task/mfdt-run001-ui/", "addon/mfdt-run001-eks2/"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%s dropped although its parent exists:\n%s", kept, got)
		}
	}
}

// The tagging API (us-east-1's) also lists IAM resources, deleted ones
// included for a while; IAM is listed live by its own API, so an IAM entry
// only the tagging API knows is not a leftover.
func TestFindTakesIAMFromIAMOnly(t *testing.T) {
	for _, skip := range []bool{false, true} {
		c := world(&calls{})
		c.SkipIAM = skip
		tg := c.Tagging.(*fakeTagging)
		tg.pages[1].ResourceTagMappingList = append(tg.pages[1].ResourceTagMappingList,
			mapping("arn:aws:iam::1:role/mfdt-run001-deleted", RunTagKey, run1),
			mapping("arn:aws:iam::1:role/mfdt-run001-batch", RunTagKey, run1))
		rs, err := Find(context.Background(), c, Filter{TagKey: RunTagKey, TagValue: run1})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(arns(rs), "\n")
		if strings.Contains(got, "role/mfdt-run001-deleted") {
			t.Errorf("SkipIAM=%v: a role IAM does not list was reported from the tagging API:\n%s", skip, got)
		}
		if live := strings.Contains(got, "role/mfdt-run001-batch"); live == skip {
			t.Errorf("SkipIAM=%v: live role listed = %v, want %v:\n%s", skip, live, !skip, got)
		}
	}
}

// A deregistered task definition nothing references any more cannot be
// described (ClientException) but keeps its tags, so the tagging API lists
// it for good: it is not a leftover.
func TestFindDropsUndescribableTaskDefinitions(t *testing.T) {
	c := world(&calls{})
	arn := "arn:aws:ecs:us-east-1:1:task-definition/mfdt-run001-metadata-service:1"
	c.ECS.(*fakeECS).status[arn] = "UNDESCRIBABLE"
	rs, err := Find(context.Background(), c, Filter{TagKey: RunTagKey, TagValue: run1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.ARN == arn {
			t.Errorf("deregistered, unreferenced task definition %s listed as a leftover", arn)
		}
	}
}

// One list failing (here logs:ListTagsForResource denied for one group)
// leaves Find with what the other lists found plus an error naming what it
// could not list: the janitor deletes what it sees. The leak audit, though,
// must fail: an audit that could not look is not clean.
func TestFindReturnsPartialResultsWhenAListFails(t *testing.T) {
	const denied = "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/mfdt-run001-db-migrate"
	world := func() *Clients {
		c := world(&calls{})
		c.Logs.(*fakeLogs).tagErr = map[string]error{denied: apiErr{"AccessDeniedException"}}
		return c
	}
	rs, err := Find(context.Background(), world(), Filter{TagKey: RunTagKey, TagValue: run1})
	if err == nil || !strings.Contains(err.Error(), "CloudWatch log groups") || !strings.Contains(err.Error(), "/aws/lambda/mfdt-run001-db-migrate") || !strings.Contains(err.Error(), "AccessDenied") {
		t.Errorf("err = %v, want one naming the log group whose tags could not be read", err)
	}
	got := strings.Join(arns(rs), "\n")
	for _, want := range []string{
		"arn:aws:ec2:us-east-1:1:vpc/vpc-1",     // tagging API
		"arn:aws:iam::1:role/mfdt-run001-batch", // IAM
		"arn:aws:rds:us-east-1:1:snapshot:mfdt-run001-db-final-brave-cat",
		"containerinsights/mfdt-run001-metadata/performance", // the other log group
		denied, // listed by the tagging API, whatever its own tags said
	} {
		if !strings.Contains(got, want) {
			t.Errorf("partial result lacks %s:\n%s", want, got)
		}
	}

	c := world()
	c.Tagging.(*fakeTagging).err = apiErr{"AccessDeniedException"}
	rs, err = Find(context.Background(), c, Filter{TagKey: RunTagKey, TagValue: run1})
	if err == nil || !strings.Contains(err.Error(), "tagging API") {
		t.Errorf("err = %v, want the tagging API failure", err)
	}
	if got := strings.Join(arns(rs), "\n"); !strings.Contains(got, "role/mfdt-run001-batch") || strings.Contains(got, "vpc-1") {
		t.Errorf("with the tagging API down, want IAM still listed and no VPC:\n%s", got)
	}

	if _, err := Leftovers(context.Background(), world(), run1); err == nil {
		t.Error("Leftovers passed although a list failed; the audit must fail when it could not look")
	}
}

// A run's VPC left alone (DependencyViolation at destroy) has no creation
// time and no dated sibling to take one from. -older-than leaves such
// resources out by default; KeepUnknownAge keeps them, Created zero, so the
// janitor can show them apart instead of reporting nothing.
func TestFindKeepUnknownAge(t *testing.T) {
	const lone = "arn:aws:ec2:us-east-1:1:vpc/vpc-lone"
	now := t0.Add(7 * time.Hour)
	for _, keep := range []bool{false, true} {
		c := world(&calls{})
		tg := c.Tagging.(*fakeTagging)
		tg.pages[1].ResourceTagMappingList = append(tg.pages[1].ResourceTagMappingList, mapping(lone, RunTagKey, "mfdt-lone01"))
		rs, err := Find(context.Background(), c, Filter{TagKey: RunTagKey, OlderThan: 6 * time.Hour, Now: now, KeepUnknownAge: keep})
		if err != nil {
			t.Fatal(err)
		}
		var found *Resource
		for i := range rs {
			if rs[i].ARN == lone {
				found = &rs[i]
			}
			if _, ok := rs[i].Age(now); !ok && rs[i].ARN != lone {
				t.Errorf("keep=%v: %s kept with unknown age", keep, rs[i].ARN)
			}
		}
		switch {
		case keep && found == nil:
			t.Errorf("KeepUnknownAge: the lone VPC of unknown age was left out:\n%s", strings.Join(arns(rs), "\n"))
		case keep && !found.Created.IsZero():
			t.Errorf("KeepUnknownAge: the lone VPC got an age %v it does not have", found.Created)
		case !keep && found != nil:
			t.Error("without KeepUnknownAge, a resource of unknown age was kept by -older-than")
		}
	}
}
