package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	tagging "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	taggingtypes "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"

	"github.com/outerbounds/terraform-aws-metaflow/internal/inventory"
)

func TestParseFlags(t *testing.T) {
	ok := []struct {
		args []string
		want Options
	}{
		{nil, Options{OlderThan: 6 * time.Hour}},
		{[]string{"-region", "us-east-1", "-region", "eu-west-1,us-east-1"}, Options{Regions: []string{"us-east-1", "eu-west-1"}, OlderThan: 6 * time.Hour}},
		{[]string{"-older-than", "90m", "-run", "mfdt-abc123", "-delete"}, Options{OlderThan: 90 * time.Minute, Run: "mfdt-abc123", Delete: true}},
		{[]string{"-older-than", "0"}, Options{}},
	}
	for _, tc := range ok {
		got, err := ParseFlags(tc.args, &bytes.Buffer{})
		if err != nil {
			t.Errorf("ParseFlags(%q): %v", tc.args, err)
			continue
		}
		if strings.Join(got.Regions, ",") != strings.Join(tc.want.Regions, ",") || got.OlderThan != tc.want.OlderThan || got.Run != tc.want.Run || got.Delete != tc.want.Delete {
			t.Errorf("ParseFlags(%q) = %+v, want %+v", tc.args, got, tc.want)
		}
	}
	bad := []struct {
		args []string
		want []string // substrings of the error
	}{
		{[]string{"-region", "US_EAST"}, []string{"-region", "like us-east-1"}},
		{[]string{"-older-than", "6"}, []string{"-older-than", "like 90m or 6h"}},
		{[]string{"-older-than", "-1h"}, []string{"-older-than", "0 or more"}},
		{[]string{"-run", "has space"}, []string{"-run", "letters, digits"}},
		{[]string{"-delet"}, []string{"-delet"}},
		{[]string{"us-east-1"}, []string{`"us-east-1"`, "flags only"}},
	}
	for _, tc := range bad {
		_, err := ParseFlags(tc.args, &bytes.Buffer{})
		if err == nil {
			t.Errorf("ParseFlags(%q) accepted bad flags", tc.args)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseFlags(%q) error %q does not mention %q", tc.args, err, w)
			}
		}
	}
}

func TestHelpPrintsUsage(t *testing.T) {
	var b bytes.Buffer
	if _, err := ParseFlags([]string{"-h"}, &b); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: err = %v", err)
	}
	for _, f := range []string{"-region", "-older-than", "-run", "-delete"} {
		if !strings.Contains(b.String(), f) {
			t.Errorf("usage lacks %s:\n%s", f, b.String())
		}
	}
	b.Reset()
	if _, err := ParseFlags([]string{"-older-than", "x"}, &b); err == nil || b.Len() != 0 {
		t.Errorf("a bad flag printed the usage (%d bytes) instead of one error line", b.Len())
	}
}

func TestCheckDeleteScope(t *testing.T) {
	cases := []struct {
		f  inventory.Filter
		ok bool
	}{
		{inventory.Filter{TagKey: inventory.RunTagKey, OlderThan: time.Hour}, true},
		{inventory.Filter{TagKey: inventory.RunTagKey, TagValue: "mfdt-x"}, true},
		{inventory.Filter{TagKey: inventory.RunTagKey}, false},
		{inventory.Filter{TagKey: "Name", OlderThan: time.Hour}, false},
		{inventory.Filter{OlderThan: time.Hour}, false},
	}
	for _, tc := range cases {
		err := checkDeleteScope(tc.f)
		if (err == nil) != tc.ok {
			t.Errorf("checkDeleteScope(%+v) = %v, want ok=%v", tc.f, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "-delete") {
			t.Errorf("error %q does not name -delete", err)
		}
	}
}

// ---- fakes: one run, an hour-stamped IAM role, a VPC and a subnet ----

type log struct{ calls []string }

func (l *log) add(s string) { l.calls = append(l.calls, s) }

func (l *log) has(prefix string) bool {
	for _, c := range l.calls {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

type fakeTagging struct {
	inventory.TaggingAPI
	err   error
	extra []taggingtypes.ResourceTagMapping
}

func (f fakeTagging) GetResources(context.Context, *tagging.GetResourcesInput, ...func(*tagging.Options)) (*tagging.GetResourcesOutput, error) {
	if f.err != nil {
		return nil, f.err
	}
	tag := []taggingtypes.Tag{{Key: aws.String(inventory.RunTagKey), Value: aws.String("mfdt-old1")}}
	return &tagging.GetResourcesOutput{ResourceTagMappingList: append([]taggingtypes.ResourceTagMapping{
		{ResourceARN: aws.String("arn:aws:ec2:us-east-1:1:vpc/vpc-1"), Tags: tag},
		{ResourceARN: aws.String("arn:aws:ec2:us-east-1:1:subnet/subnet-1"), Tags: tag},
		{ResourceARN: aws.String("arn:aws:eks:us-east-1:1:addon/mfdt-old1-eks/coredns/u1"), Tags: tag},
	}, f.extra...)}, nil
}

type fakeRDS struct {
	inventory.RDSAPI
	err error // DescribeDBSnapshots
}

func (f fakeRDS) DescribeDBSnapshots(context.Context, *rds.DescribeDBSnapshotsInput, ...func(*rds.Options)) (*rds.DescribeDBSnapshotsOutput, error) {
	if f.err != nil {
		return nil, f.err
	}
	return &rds.DescribeDBSnapshotsOutput{}, nil
}

func (fakeRDS) DescribeDBClusterSnapshots(context.Context, *rds.DescribeDBClusterSnapshotsInput, ...func(*rds.Options)) (*rds.DescribeDBClusterSnapshotsOutput, error) {
	return &rds.DescribeDBClusterSnapshotsOutput{}, nil
}

type fakeLogs struct{ inventory.LogsAPI }

func (fakeLogs) DescribeLogGroups(context.Context, *cloudwatchlogs.DescribeLogGroupsInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogGroupsOutput, error) {
	return &cloudwatchlogs.DescribeLogGroupsOutput{}, nil
}

type fakeIAM struct {
	inventory.IAMAPI
	log     *log
	created time.Time
}

func (f fakeIAM) ListRoles(context.Context, *iam.ListRolesInput, ...func(*iam.Options)) (*iam.ListRolesOutput, error) {
	f.log.add("ListRoles")
	return &iam.ListRolesOutput{Roles: []iamtypes.Role{{RoleName: aws.String("mfdt-old1-batch"), Arn: aws.String("arn:aws:iam::1:role/mfdt-old1-batch"), Path: aws.String("/"), CreateDate: aws.Time(f.created)}}}, nil
}

func (f fakeIAM) ListRoleTags(context.Context, *iam.ListRoleTagsInput, ...func(*iam.Options)) (*iam.ListRoleTagsOutput, error) {
	return &iam.ListRoleTagsOutput{Tags: []iamtypes.Tag{{Key: aws.String(inventory.RunTagKey), Value: aws.String("mfdt-old1")}}}, nil
}

func (fakeIAM) ListPolicies(context.Context, *iam.ListPoliciesInput, ...func(*iam.Options)) (*iam.ListPoliciesOutput, error) {
	return &iam.ListPoliciesOutput{}, nil
}

func (fakeIAM) ListInstanceProfiles(context.Context, *iam.ListInstanceProfilesInput, ...func(*iam.Options)) (*iam.ListInstanceProfilesOutput, error) {
	return &iam.ListInstanceProfilesOutput{}, nil
}

func (fakeIAM) ListOpenIDConnectProviders(context.Context, *iam.ListOpenIDConnectProvidersInput, ...func(*iam.Options)) (*iam.ListOpenIDConnectProvidersOutput, error) {
	return &iam.ListOpenIDConnectProvidersOutput{}, nil
}

func (f fakeIAM) ListAttachedRolePolicies(context.Context, *iam.ListAttachedRolePoliciesInput, ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error) {
	return &iam.ListAttachedRolePoliciesOutput{}, nil
}

func (f fakeIAM) ListRolePolicies(context.Context, *iam.ListRolePoliciesInput, ...func(*iam.Options)) (*iam.ListRolePoliciesOutput, error) {
	return &iam.ListRolePoliciesOutput{}, nil
}

func (f fakeIAM) ListInstanceProfilesForRole(context.Context, *iam.ListInstanceProfilesForRoleInput, ...func(*iam.Options)) (*iam.ListInstanceProfilesForRoleOutput, error) {
	return &iam.ListInstanceProfilesForRoleOutput{}, nil
}

func (f fakeIAM) DeleteRole(_ context.Context, in *iam.DeleteRoleInput, _ ...func(*iam.Options)) (*iam.DeleteRoleOutput, error) {
	f.log.add("DeleteRole " + *in.RoleName)
	return &iam.DeleteRoleOutput{}, nil
}

// fakeEKS: the cluster of the listed add-on still exists (a failed destroy).
type fakeEKS struct{ inventory.EKSAPI }

func (fakeEKS) DescribeCluster(_ context.Context, in *eks.DescribeClusterInput, _ ...func(*eks.Options)) (*eks.DescribeClusterOutput, error) {
	return &eks.DescribeClusterOutput{Cluster: &ekstypes.Cluster{Name: in.Name}}, nil
}

type fakeEC2 struct {
	inventory.EC2API
	log       *log
	subnetErr error
}

func (fakeEC2) DescribeVpcs(_ context.Context, in *ec2.DescribeVpcsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error) {
	return &ec2.DescribeVpcsOutput{Vpcs: []ec2types.Vpc{{VpcId: &in.VpcIds[0]}}}, nil
}

func (fakeEC2) DescribeSubnets(_ context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	return &ec2.DescribeSubnetsOutput{Subnets: []ec2types.Subnet{{SubnetId: &in.SubnetIds[0]}}}, nil
}

func (f fakeEC2) DeleteSubnet(_ context.Context, in *ec2.DeleteSubnetInput, _ ...func(*ec2.Options)) (*ec2.DeleteSubnetOutput, error) {
	f.log.add("DeleteSubnet " + *in.SubnetId)
	return &ec2.DeleteSubnetOutput{}, f.subnetErr
}

func (f fakeEC2) DeleteVpc(_ context.Context, in *ec2.DeleteVpcInput, _ ...func(*ec2.Options)) (*ec2.DeleteVpcOutput, error) {
	f.log.add("DeleteVpc " + *in.VpcId)
	return &ec2.DeleteVpcOutput{}, nil
}

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func deps(l *log, tagErr, subnetErr error, creds aws.CredentialsProvider) Deps {
	return Deps{
		LoadConfig: func(context.Context) (aws.Config, error) {
			return aws.Config{Region: "us-east-1", Credentials: creds}, nil
		},
		NewClients: func(_ aws.Config, region string) *inventory.Clients {
			l.add("clients " + region)
			return &inventory.Clients{
				Region:  region,
				Tagging: fakeTagging{err: tagErr},
				RDS:     fakeRDS{},
				Logs:    fakeLogs{},
				IAM:     fakeIAM{log: l, created: now.Add(-8 * time.Hour)},
				EC2:     fakeEC2{log: l, subnetErr: subnetErr},
				EKS:     fakeEKS{},
				Poll:    time.Millisecond, Timeout: 50 * time.Millisecond,
			}
		},
		Now: func() time.Time { return now },
	}
}

var goodCreds = credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")

func run(t *testing.T, d Deps, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb, d)
	return code, out.String(), errb.String()
}

func TestDryRunListsInOrderAndDeletesNothing(t *testing.T) {
	l := &log{}
	code, out, errs := run(t, deps(l, nil, nil, goodCreds))
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, c := range l.calls {
		if strings.HasPrefix(c, "Delete") {
			t.Errorf("dry run called %s", c)
		}
	}
	iSubnet, iVPC, iRole := strings.Index(out, "subnet/subnet-1"), strings.Index(out, "vpc/vpc-1"), strings.Index(out, "role/mfdt-old1-batch")
	if iSubnet < 0 || iVPC < 0 || iRole < 0 || !(iSubnet < iVPC && iVPC < iRole) {
		t.Errorf("output not in deletion order (subnet, vpc, role):\n%s", out)
	}
	if !strings.Contains(out, "age 8h00m") || !strings.Contains(out, "run mfdt-old1") {
		t.Errorf("output lacks age or run:\n%s", out)
	}
	if !strings.Contains(out, "left to AWS") || !strings.Contains(out, "addon/mfdt-old1-eks/coredns") {
		t.Errorf("EKS addon not shown as left to AWS:\n%s", out)
	}
	if !strings.Contains(out, "dry run: nothing deleted") || !strings.HasPrefix(out, "4 resource(s) tagged metaflow-test-run (any run), older than 6h0m0s, in us-east-1\n") {
		t.Errorf("summary missing:\n%s", out)
	}
}

func TestYoungerResourcesNotListed(t *testing.T) {
	code, out, _ := run(t, deps(&log{}, nil, nil, goodCreds), "-older-than", "9h")
	if code != ExitOK || strings.Contains(out, "vpc-1") || !strings.HasPrefix(out, "0 resource(s)") {
		t.Errorf("exit %d; an 8h-old run was listed with -older-than 9h:\n%s", code, out)
	}
}

func TestDeleteRemovesAndReportsWhatIsLeft(t *testing.T) {
	l := &log{}
	code, out, errs := run(t, deps(l, nil, nil, goodCreds), "-delete")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"DeleteSubnet subnet-1", "DeleteVpc vpc-1", "DeleteRole mfdt-old1-batch"} {
		if !l.has(want) {
			t.Errorf("%s not called: %q", want, l.calls)
		}
	}

	l = &log{}
	code, _, errs = run(t, deps(l, nil, errors.New("UnauthorizedOperation"), goodCreds), "-delete", "-run", "mfdt-old1")
	if code != ExitLeft {
		t.Errorf("exit %d with a failed subnet, want %d", code, ExitLeft)
	}
	if !strings.Contains(errs, "arn:aws:ec2:us-east-1:1:subnet/subnet-1") || !strings.Contains(errs, "UnauthorizedOperation") {
		t.Errorf("stderr does not name the failed ARN:\n%s", errs)
	}
	if !l.has("DeleteRole mfdt-old1-batch") {
		t.Error("a failed subnet stopped the role's deletion")
	}
}

func TestListFailureExitsNonZero(t *testing.T) {
	code, _, errs := run(t, deps(&log{}, errors.New("AccessDeniedException: nope"), nil, goodCreds), "-region", "eu-west-1")
	if code != ExitLeft || !strings.Contains(errs, "listing eu-west-1") || !strings.Contains(errs, "AccessDenied") {
		t.Errorf("exit %d, stderr %q; want %d and the failed list", code, errs, ExitLeft)
	}
}

func TestIAMListedOnceAcrossRegions(t *testing.T) {
	l := &log{}
	_, out, _ := run(t, deps(l, nil, nil, goodCreds), "-region", "us-east-1,eu-west-1")
	// Both regions' fake tagging APIs return the same ARNs: listed once.
	if !strings.HasPrefix(out, "4 resource(s)") || strings.Count(out, "vpc/vpc-1") != 1 {
		t.Errorf("duplicates across regions not merged:\n%s", out)
	}
	n := 0
	for _, c := range l.calls {
		if c == "ListRoles" {
			n++
		}
	}
	if n != 1 || !l.has("clients eu-west-1") {
		t.Errorf("IAM listed %d times over two regions, want 1: %q", n, l.calls)
	}
}

type noCreds struct{}

func (noCreds) Retrieve(context.Context) (aws.Credentials, error) {
	return aws.Credentials{}, errors.New("failed to refresh cached credentials, no EC2 IMDS role found\nmore detail")
}

func TestNoCredentials(t *testing.T) {
	l := &log{}
	code, out, errs := run(t, deps(l, nil, nil, noCreds{}))
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "no AWS credentials") {
		t.Errorf("stderr = %q, want one line saying credentials are missing", errs)
	}
	if out != "" || len(l.calls) != 0 {
		t.Errorf("AWS clients used without credentials: %q %q", out, l.calls)
	}
}

func TestDeleteRefusedWithoutScope(t *testing.T) {
	l := &log{}
	code, _, errs := run(t, deps(l, nil, nil, goodCreds), "-delete", "-older-than", "0")
	if code != ExitUsage || !strings.Contains(errs, "-delete") || len(l.calls) != 0 {
		t.Errorf("exit %d, stderr %q, calls %q: want a refusal before any AWS call", code, errs, l.calls)
	}
}

func TestBadFlagExitsUsage(t *testing.T) {
	code, _, errs := run(t, deps(&log{}, nil, nil, goodCreds), "-region", "nowhere")
	if code != ExitUsage || !strings.Contains(errs, "-region") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// One list failing (RDS snapshots denied) does not stop the janitor from
// deleting what the other lists found; it names what it could not list and
// exits 1.
func TestPartialListingStillDeletesAndExitsOne(t *testing.T) {
	l := &log{}
	d := deps(l, nil, nil, goodCreds)
	newClients := d.NewClients
	d.NewClients = func(cfg aws.Config, region string) *inventory.Clients {
		c := newClients(cfg, region)
		c.RDS = fakeRDS{err: errors.New("AccessDenied: rds:DescribeDBSnapshots")}
		return c
	}
	code, out, errs := run(t, d, "-delete")
	if code != ExitLeft {
		t.Errorf("exit %d, want %d after a failed list", code, ExitLeft)
	}
	if !strings.Contains(errs, "RDS snapshots") || !strings.Contains(errs, "rds:DescribeDBSnapshots") || !strings.Contains(errs, "us-east-1") {
		t.Errorf("stderr does not name what could not be listed:\n%s", errs)
	}
	for _, want := range []string{"DeleteSubnet subnet-1", "DeleteVpc vpc-1", "DeleteRole mfdt-old1-batch"} {
		if !l.has(want) {
			t.Errorf("%s not called although found: %q\n%s", want, l.calls, out)
		}
	}
}

// withLoneVPC adds a run whose only leftover is its VPC: no creation time
// of its own, none to inherit.
func withLoneVPC(d Deps) Deps {
	newClients := d.NewClients
	d.NewClients = func(cfg aws.Config, region string) *inventory.Clients {
		c := newClients(cfg, region)
		tg := c.Tagging.(fakeTagging)
		tg.extra = []taggingtypes.ResourceTagMapping{{ResourceARN: aws.String("arn:aws:ec2:us-east-1:1:vpc/vpc-lone"),
			Tags: []taggingtypes.Tag{{Key: aws.String(inventory.RunTagKey), Value: aws.String("mfdt-lone01")}}}}
		c.Tagging = tg
		return c
	}
	return d
}

// Leftovers of unknown age (a VPC left after DependencyViolation) are
// never selected by -older-than, but the listing shows them under their
// own heading, counts them, and says how to delete them; -delete leaves
// them and exits 1; -run RUN -older-than 0 deletes them.
func TestUnknownAgeListedApartNotDeleted(t *testing.T) {
	l := &log{}
	code, out, errs := run(t, withLoneVPC(deps(l, nil, nil, goodCreds)), "-older-than", "3h")
	if code != ExitOK {
		t.Errorf("dry run exit %d, want %d (stderr %s)", code, ExitOK, errs)
	}
	head := "age unknown: not deleted by -older-than; delete with -run RUN -older-than 0"
	i := strings.Index(out, head)
	if i < 0 || !strings.Contains(out[i:], "vpc/vpc-lone") || !strings.Contains(out[i:], "-run mfdt-lone01 -older-than 0 -delete") {
		t.Errorf("lone VPC not listed under %q with the command that deletes it:\n%s", head, out)
	}
	if strings.Index(out, "vpc/vpc-lone") < i || !strings.HasPrefix(out, "5 resource(s)") {
		t.Errorf("lone VPC listed among the deletable, or not counted:\n%s", out)
	}

	l = &log{}
	code, out, errs = run(t, withLoneVPC(deps(l, nil, nil, goodCreds)), "-older-than", "3h", "-delete")
	if l.has("DeleteVpc vpc-lone") {
		t.Errorf("a VPC of unknown age was deleted without -run:\n%s", out)
	}
	if !l.has("DeleteVpc vpc-1") {
		t.Errorf("the dated run's VPC was not deleted: %q", l.calls)
	}
	if code != ExitLeft || !strings.Contains(errs, "unknown age") || !strings.Contains(errs, "vpc/vpc-lone") {
		t.Errorf("exit %d, stderr %q: want %d naming the resource of unknown age left", code, errs, ExitLeft)
	}

	l = &log{}
	code, out, errs = run(t, withLoneVPC(deps(l, nil, nil, goodCreds)), "-run", "mfdt-lone01", "-older-than", "0", "-delete")
	if code != ExitOK || !l.has("DeleteVpc vpc-lone") {
		t.Errorf("exit %d, calls %q: -run -older-than 0 should delete the lone VPC\n%s\n%s", code, l.calls, out, errs)
	}
}
